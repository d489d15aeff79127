import Foundation

/// One axis of a chart: the range it spans, its tick values and how values map to cells.
///
/// A linear axis widens the data's range to round ticks (steps of 1, 2 or 5 times a power of
/// ten); a logarithmic axis spans whole powers of ten.
struct Axis: Equatable {
    enum Scale: Equatable { case linear, logarithmic }

    let scale: Scale
    /// The range drawn; on a logarithmic axis, in exponents of ten.
    let lower: Double
    let upper: Double
    /// Tick positions in data units.
    let ticks: [Double]
    /// Decimals of linear tick labels.
    private let decimals: Int

    /// A linear axis covering `minimum ... maximum` with about `tickCount` ticks.
    ///
    /// - Parameter widenToTicks: whether the axis extends to the round ticks around the data
    ///   (a y axis, so the curve sits between labelled lines) or spans exactly the data, with
    ///   the round ticks inside it (an x axis, so no columns are wasted).
    static func linear(_ minimum: Double, _ maximum: Double, tickCount: Int, widenToTicks: Bool = true) -> Axis {
        var (low, high) = (minimum, maximum)
        if low == high {
            // A constant: centre it in a range of its own size (or ±1 around zero).
            let half = low == 0 ? 1 : abs(low) * 0.5
            (low, high) = (low - half, high + half)
        }
        let rawStep = (high - low) / Double(max(tickCount - 1, 1))
        let magnitude = pow(10, floor(log10(rawStep)))
        let residual = rawStep / magnitude
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        if widenToTicks {
            let first = (low / step).rounded(.down)
            let last = (high / step).rounded(.up)
            let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
            return Axis(scale: .linear, lower: first * step, upper: last * step, ticks: ticks, decimals: decimals)
        }
        let first = (low / step - 1e-9).rounded(.up)
        let last = (high / step + 1e-9).rounded(.down)
        let ticks = first <= last ? stride(from: first, through: last, by: 1).map { $0 * step } : []
        return Axis(scale: .linear, lower: low, upper: high, ticks: ticks, decimals: decimals)
    }

    /// A logarithmic axis covering positive `minimum ... maximum` in whole powers of ten, for a
    /// plot of about `rows` rows.
    ///
    /// A reader of a log plot counts decades, so every decade is labelled when the plot can give
    /// each one the same whole number of rows and still keep two thirds of its height (twelve
    /// decades in 15 rows: one row each, all labelled). Otherwise every k-th decade is labelled,
    /// for the smallest k that can, counting from the bottom decade, and the axis extends to
    /// the next labelled decade so that the top and the bottom are both labelled. Giving up a
    /// third of the rows is the limit because fewer rows flatten the curve more than missing
    /// labels hurt.
    static func logarithmic(_ minimum: Double, _ maximum: Double, rows: Int) -> Axis {
        let low = floor(log10(minimum))
        let decades = max(1, Int(ceil(log10(maximum)) - low))
        let every = decadesPerLabel(decades: decades, rows: rows)
        // End on a tick, so ticks divide the axis evenly.
        let intervals = (decades + every - 1) / every
        let high = low + Double(intervals * every)
        let ticks = stride(from: low, through: high, by: Double(every)).map { pow(10, $0) }
        return Axis(scale: .logarithmic, lower: low, upper: high, ticks: ticks, decimals: 0)
    }

    /// The smallest step between labelled decades whose ticks fit evenly in whole rows while
    /// keeping at least two thirds of the `rows − 1` spaces between rows.
    static func decadesPerLabel(decades: Int, rows: Int) -> Int {
        let spaces = max(rows - 1, 1)
        func spacesUsed(every: Int) -> Int {
            let intervals = (decades + every - 1) / every
            return intervals <= spaces ? intervals * (spaces / intervals) : 0
        }
        return (1...decades).first { 3 * spacesUsed(every: $0) >= 2 * spaces } ?? decades
    }

    /// The cell (0 ..< `cells`) that `value` falls in.
    func cell(_ value: Double, cells: Int) -> Int {
        min(max(Int(position(value, cells: cells).rounded()), 0), cells - 1)
    }

    /// Where `value` falls, in cells from 0 to `cells − 1`, before rounding to one.
    func position(_ value: Double, cells: Int) -> Double {
        let coordinate = scale == .linear ? value : log10(value)
        return (coordinate - lower) / (upper - lower) * Double(cells - 1)
    }

    /// The text of a tick label.
    func label(_ value: Double) -> String {
        switch scale {
        case .logarithmic:
            return "1e\(Int(log10(value).rounded()))"
        case .linear:
            let largest = max(abs(lower), abs(upper))
            if largest >= 1e6 || (largest < 1e-3 && largest > 0) {
                return String(format: "%.1e", value)
            }
            return NumberFormat.fixed(decimals: decimals).string(value)
        }
    }
}
