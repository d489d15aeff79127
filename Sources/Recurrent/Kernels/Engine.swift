/// Engine-wide settings.
public enum Engine {
    /// Threads the kernels may use (1 by default). Results are the same bits for any value:
    /// work is split so that every output is computed by one thread in one fixed order.
    nonisolated(unsafe) public static var threadCount = 1
}
