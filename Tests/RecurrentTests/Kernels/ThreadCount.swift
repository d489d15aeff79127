import Foundation
@testable import Recurrent

/// Running code with a given `Engine.threadCount`, under one lock, as `VectorWidth` does for
/// the kernel width (take `VectorWidth`'s lock first when holding both).
enum ThreadCount {
    private static let lock = NSLock()

    static func with<Result>(_ threads: Int, _ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        let saved = Engine.threadCount
        Engine.threadCount = threads
        defer { Engine.threadCount = saved }
        return try body()
    }
}
