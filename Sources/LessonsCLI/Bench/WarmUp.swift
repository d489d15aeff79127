import Foundation

/// What every benchmark does before it times anything: the measured operation, repeated for
/// at least `seconds` (and at least twice).
///
/// On the virtual machines this project runs on, a core that was idle runs the first tenths
/// of a second of work much slower: measured on an AMD EPYC Zen 3 (KVM), the 512³ product of
/// a freshly started process gave 52–55 GFLOP/s, and 80–81 GFLOP/s when the same core had
/// been busy for half a second just before (three launches each). A benchmark timed in its
/// first 50 ms measured the core waking up, and PyTorch's side, which spends a second
/// importing `torch` first, did not. `benchmarks/pytorch_reference.py` warms up by the same
/// rule, so both sides are timed on a core in the same state.
enum WarmUp {
    static let seconds = 0.5

    static func run(_ operation: () -> Void) {
        let start = DispatchTime.now().uptimeNanoseconds
        var count = 0
        while count < 2 || Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            operation()
            count += 1
        }
    }
}
