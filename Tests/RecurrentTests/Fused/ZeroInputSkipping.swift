import Foundation
@testable import Recurrent

/// Running code with `Engine.skipsZeroInputs` set, under one lock, as `VectorWidth` does for
/// the kernel width (take `VectorWidth`'s and `ThreadCount`'s locks first when holding
/// several). Tests that leave the setting alone may run meanwhile: both ways give the same bits.
enum ZeroInputSkipping {
    private static let lock = NSLock()

    /// Runs `body` with `Engine.skipsZeroInputs` set to `skips`, then restores the old value.
    static func with<Result>(skips: Bool, _ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        let saved = Engine.skipsZeroInputs
        Engine.skipsZeroInputs = skips
        defer { Engine.skipsZeroInputs = saved }
        return try body()
    }
}
