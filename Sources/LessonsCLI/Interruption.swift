import Foundation
import Notebook

/// Ctrl-C, a termination signal or a closed terminal (SIGHUP) during a build: stop every
/// experiment program that is running, then exit. The site is only ever replaced in one final
/// swap, so whatever was interrupted, the previous site is still there. (Were `lessons` killed
/// outright, the experiments' supervisors would stop them: see `ChildProcess`.)
enum Interruption {
    private nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []
    /// For a command whose normal end is Ctrl-C (`serve`): the message to print, and the
    /// process then exits successfully.
    nonisolated(unsafe) static var onInterrupt: (() -> String)?

    static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // A signal ignored when `lessons` started stays ignored: `nohup lessons build`
            // means to outlive the terminal.
            let previous = signal(signalNumber, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                continue
            }
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                RunningChildren.shared.killAll()
                if let onInterrupt {
                    print(onInterrupt())
                    fflush(nil)
                    exit(0)
                }
                FileHandle.standardError.write(Data("\ninterrupted: stopped the running experiments; the site was not changed\n".utf8))
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }
}
