/// Stops the program with `message` when `condition` is false.
///
/// The engine's checks on programmer errors (shape mismatches, bad sizes) use this rather than
/// `precondition`, because an optimised build drops a precondition's message, and a lesson
/// author needs to read which operation got which shapes.
@inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
