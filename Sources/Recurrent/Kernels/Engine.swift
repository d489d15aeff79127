import CEngineSupport

/// Engine-wide settings.
public enum Engine {
    /// Threads the kernels may use (1 by default). Results are the same bits for any value:
    /// work is split so that every output is computed by one thread in one fixed order.
    nonisolated(unsafe) public static var threadCount = 1

    /// Whether matrix products run on the 16-wide (AVX-512) kernel rather than the 8-wide one.
    /// Results are the same bits either way.
    public static var usesWideVectors: Bool { MatrixProduct.usesWideKernel }

    /// Asks glibc's allocator to keep freed blocks for reuse instead of handing them back to
    /// the system; every recurrent layer does this when it is built (it is cheap and
    /// idempotent). A training step allocates the same large tensors every time; returned to
    /// the system, their pages come back zero-filled through a page fault each. Memory the
    /// process no longer uses is still returned once more than 256 MB of it is free.
    /// Returns whether the allocator took the settings (false where it is not glibc's).
    @discardableResult
    static func keepFreedMemory() -> Bool {
        allocator_keep_freed_memory() == 1
    }
}
