import CEngineSupport
import Foundation
@testable import Recurrent

/// Running code with the 16-wide (AVX-512) or the 8-wide kernels, for tests that must check
/// both.
///
/// `Engine.usesWideVectors` is one process-wide setting and tests run in parallel: a test that
/// set it and ran its code while another test set it back would check the wrong kernels
/// without noticing. Every test that changes the setting does so here, under one lock, so the
/// body runs with the width asked for from start to end. (Tests that leave the setting alone
/// may run meanwhile: the two widths give the same bits.)
enum VectorWidth {
    /// Whether this processor can run the 16-wide kernels.
    static let wideIsAvailable = cpu_features_has_avx512() != 0

    /// The widths this processor can run: 8, and 16 where it has AVX-512.
    static var available: [Bool] { wideIsAvailable ? [false, true] : [false] }

    private static let lock = NSLock()

    /// Runs `body` with `Engine.usesWideVectors` set to `wide`, then restores the old value.
    static func with<Result>(wide: Bool, _ body: () throws -> Result) rethrows -> Result {
        precondition(!wide || wideIsAvailable, "this processor has no AVX-512")
        lock.lock()
        defer { lock.unlock() }
        let saved = Engine.usesWideVectors
        Engine.usesWideVectors = wide
        defer { Engine.usesWideVectors = saved }
        return try body()
    }
}
