/// Which part of a parallel region this is — part `index` of `count` — and the slices of the
/// work it owns (`WorkerTeam`).
///
/// Slices are consecutive in part order and depend only on `index`, `count` and the total,
/// so a kernel that computes each output in one part, in a fixed order, gives the same bits
/// whatever the count.
struct WorkShare: Sendable {
    let index: Int
    let count: Int

    /// The one part of a region run on the calling thread alone.
    static let whole = WorkShare(index: 0, count: 1)

    /// This part's slice of `0 ..< total`: bounds at multiples of `alignment` (but the end),
    /// the slices as equal as that allows. Empty when there are more parts than aligned units.
    func slice(of total: Int, alignment: Int = 1) -> Range<Int> {
        let units = (total + alignment - 1) / alignment
        let lower = min(total, index * units / count * alignment)
        let upper = min(total, (index + 1) * units / count * alignment)
        return lower..<upper
    }
}
