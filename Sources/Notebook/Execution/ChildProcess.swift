import CProcessSpawn
import Foundation

/// A program run to completion under `ExperimentSupervisor`, with its output sent to files and
/// a time limit.
///
/// Nothing the program starts may outlive it or `lessons`: the supervisor (a small C program
/// next to `lessons`) starts it in a process group of its own, adopts whatever it abandons,
/// and kills the whole tree when the program ends, when asked (a timeout, Ctrl-C), or when
/// `lessons` is gone however that happened — it watches a pipe whose only writer is this
/// process, and the kernel closes the pipe even after SIGKILL.
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

    /// The `ExperimentSupervisor` executable.
    let supervisor: String
    let executable: String
    let arguments: [String]
    /// Added to (and overriding) this process's environment.
    var environment: [String: String] = [:]
    var workingDirectory: String?
    /// Files that receive the child's standard output and standard error (created or truncated).
    var standardOutput: String
    var standardError: String
    var timeLimit: Double?
    /// The largest file, in bytes, the program may write (its output files included); past it
    /// the program is stopped with SIGXFSZ. `nil` for no limit (the compiler writes large
    /// module caches).
    var fileSizeLimit: Int?
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

        // The supervisor reads fd 3; the write end stays here, close-on-exec, so no other
        // program this process starts can hold it open.
        var control: [Int32] = [-1, -1]
        guard lessons_pipe_cloexec(&control) == 0 else {
            throw ChildProcessError(executable: executable, message: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        posix_spawn_file_actions_adddup2(&actions, control[0], 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        var mergedEnvironment = ProcessInfo.processInfo.environment
        for (key, value) in environment { mergedEnvironment[key] = value }
        let environmentStrings = mergedEnvironment.map { "\($0.key)=\($0.value)" }.sorted()

        let argv = ([supervisor, "3", String(fileSizeLimit ?? 0), executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, supervisor, &actions, &attributes, argv, envp)
        close(control[0])
        guard status == 0 else {
            close(control[1])
            throw ChildProcessError(executable: executable, message: String(cString: strerror(status)))
        }
        RunningChildren.shared.add(pid, control: control[1])
        defer {
            RunningChildren.shared.remove(pid)
            close(control[1])
        }
        return wait(for: pid, control: control[1])
    }

    private func wait(for pid: pid_t, control: Int32) -> Termination {
        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        let polling = deadline != nil || onTick != nil
        var lastTick = Date()
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, polling ? WNOHANG : 0)
            if result == pid { break }
            if result < 0 && errno != EINTR { return .exited(-1) }
            if let deadline, Date() >= deadline {
                // The supervisor kills the program and everything it started, then itself.
                RunningChildren.stop(control: control)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            if let onTick, Date().timeIntervalSince(lastTick) >= 0.05 {
                lastTick = Date()
                onTick()
            }
            if polling { usleep(2_000) }
        }
        // The supervisor ends as the program did, after killing whatever the program left.
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

/// The supervisors running now, so an interrupted `lessons` can stop every experiment before
/// it exits. (Were `lessons` killed outright, each supervisor would see its pipe close and do
/// the same.)
public final class RunningChildren: @unchecked Sendable {
    public static let shared = RunningChildren()
    private let lock = NSLock()
    /// Each supervisor's pid and the write end of its control pipe.
    private var controls: [pid_t: Int32] = [:]

    func add(_ pid: pid_t, control: Int32) { lock.withLock { controls[pid] = control } }
    func remove(_ pid: pid_t) { lock.withLock { _ = controls.removeValue(forKey: pid) } }

    /// Asks every supervisor to kill its program and all it started, and waits until they have.
    public func killAll() {
        let running = lock.withLock { controls }
        for control in running.values { Self.stop(control: control) }
        for pid in running.keys {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// One byte on the control pipe: the supervisor's signal to kill everything.
    static func stop(control: Int32) {
        var request: UInt8 = 0x6B  // "k"
        _ = write(control, &request, 1)
    }
}
