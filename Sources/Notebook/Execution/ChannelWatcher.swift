import Foundation
import LessonKit

/// Follows a running program's channel to tell which block it is in and how far its latest
/// progress report got.
final class ChannelWatcher: @unchecked Sendable {
    private var channel: ChannelTail
    private var block: Int?
    private var progress: (label: String, done: Int, total: Int)?

    init(path: String) {
        channel = ChannelTail(path: path)
    }

    func status() -> LessonRunner.Status {
        for event in channel.newEvents() {
            switch event {
            case .block(let index, _):
                block = index
                progress = nil
            case .progress(let label, let done, let total):
                progress = (label, done, total)
            default:
                break
            }
        }
        return .running(block: block, progress: progress)
    }
}
