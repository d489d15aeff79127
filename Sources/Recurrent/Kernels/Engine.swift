import CEngineSupport
import Foundation

/// Engine-wide settings.
public enum Engine {
    /// Threads the kernels may use (1 by default). Results are the same bits for any value:
    /// work is split so that every output is computed by one thread in one fixed order.
    nonisolated(unsafe) public static var threadCount = 1

    /// Whether the kernels (matrix products, LSTM and GRU steps) run 16 lanes wide (AVX-512)
    /// rather than 8: where the processor has AVX-512, unless the environment sets
    /// `LESSONS_NARROW_KERNEL` (to compare the two). Results are the same bits either way.
    nonisolated(unsafe) public internal(set) static var usesWideVectors =
        cpu_features_has_avx512() != 0 && ProcessInfo.processInfo.environment["LESSONS_NARROW_KERNEL"] == nil

    /// Whether a recurrent layer whose input is all zeros and ones, mostly zeros (one-hot
    /// characters), skips the zeros in its products with the input (`BinaryInputRows`): unless
    /// the environment sets `LESSONS_DENSE_INPUTS`, to compare with PyTorch multiplying them all.
    /// Results are the same bits either way.
    nonisolated(unsafe) public internal(set) static var skipsZeroInputs =
        ProcessInfo.processInfo.environment["LESSONS_DENSE_INPUTS"] == nil

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
