import CProcessSpawn
import Foundation

/// A program run to completion in its own process group, with its output sent to files and a
/// time limit after which the whole group is killed.
///
/// `posix_spawn` rather than `Foundation.Process`, because a lesson's program must be stoppable
/// with everything it started: the child leads a new process group, and a timeout kills the
/// group.
struct ChildProcess {
    /// How a run ended.
    enum Termination: Equatable {
        /// The program returned from `main` or called `exit` with this status.
        case exited(Int32)
        /// A signal ended it: a trap (SIGILL on x86, SIGTRAP on ARM), a crash, or a kill.
        case signaled(Int32)
        /// It was still running when the time limit came and was killed.
        case timedOut
    }

    let executable: String
    let arguments: [String]
    /// Added to (and overriding) this process's environment.
    var environment: [String: String] = [:]
    var workingDirectory: String?
    /// Files that receive the child's standard output and standard error (created or truncated).
    var standardOutput: String
    var standardError: String
    var timeLimit: Double?
    /// Called about every 50 ms while the program runs, to report progress.
    var onTick: (() -> Void)?

    /// Runs the program and waits for it. Throws only when it cannot be started.
    func run() throws -> Termination {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let workingDirectory {
            lessons_spawn_file_actions_addchdir(&actions, workingDirectory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        var mergedEnvironment = ProcessInfo.processInfo.environment
        for (key, value) in environment { mergedEnvironment[key] = value }
        let environmentStrings = mergedEnvironment.map { "\($0.key)=\($0.value)" }.sorted()

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcessError(executable: executable, message: String(cString: strerror(status)))
        }
        RunningChildren.shared.add(pid)
        defer { RunningChildren.shared.remove(pid) }
        return wait(for: pid)
    }

    private func wait(for pid: pid_t) -> Termination {
        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        let polling = deadline != nil || onTick != nil
        var lastTick = Date()
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, polling ? WNOHANG : 0)
            if result == pid { break }
            if result < 0 && errno != EINTR { return .exited(-1) }
            if let deadline, Date() >= deadline {
                // The whole group: anything the program started goes with it.
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            if let onTick, Date().timeIntervalSince(lastTick) >= 0.05 {
                lastTick = Date()
                onTick()
            }
            if polling { usleep(2_000) }
        }
        // Lesson programs start no children, but a stray one must not outlive the run.
        kill(-pid, SIGKILL)
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// A program could not be started at all.
struct ChildProcessError: Error, CustomStringConvertible {
    let executable: String
    let message: String
    var description: String { "cannot start \(executable): \(message)" }
}

/// The process groups of every child running now, so an interrupted `lessons` can stop them
/// all before it exits instead of leaving experiments running on their own.
public final class RunningChildren: @unchecked Sendable {
    public static let shared = RunningChildren()
    private let lock = NSLock()
    private var groups: Set<pid_t> = []

    func add(_ pid: pid_t) { lock.withLock { _ = groups.insert(pid) } }
    func remove(_ pid: pid_t) { lock.withLock { _ = groups.remove(pid) } }

    /// Kills every running child's process group.
    public func killAll() {
        lock.withLock {
            for group in groups { kill(-group, SIGKILL) }
        }
    }
}
