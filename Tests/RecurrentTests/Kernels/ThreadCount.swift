import Foundation
@testable import Recurrent

/// Running code with a given `Engine.threadCount`, under one lock, as `VectorWidth` does for
/// the kernel width (take `VectorWidth`'s lock first when holding both).
enum ThreadCount {
    private static let lock = NSLock()

    /// `splittingEveryPass`: recurrent passes split between threads however small their steps
    /// (`RecurrentStack.splitStepWork` 0), so that small test sizes take the split path.
    static func with<Result>(_ threads: Int, splittingEveryPass: Bool = false, _ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        let saved = (Engine.threadCount, RecurrentStack.splitStepWork)
        Engine.threadCount = threads
        if splittingEveryPass { RecurrentStack.splitStepWork = 0 }
        defer { (Engine.threadCount, RecurrentStack.splitStepWork) = saved }
        return try body()
    }
}
