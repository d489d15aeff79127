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

    /// A logarithmic axis covering positive `minimum ... maximum` in whole powers of ten, with
    /// at most about `tickCount` labelled powers.
    static func logarithmic(_ minimum: Double, _ maximum: Double, tickCount: Int) -> Axis {
        let low = floor(log10(minimum))
        var high = ceil(log10(maximum))
        if high == low { high += 1 }
        let every = max(1, Int(ceil((high - low) / Double(max(tickCount - 1, 1)))))
        // End on a tick, so ticks divide the axis evenly.
        high = low + ceil((high - low) / Double(every)) * Double(every)
        let ticks = stride(from: low, through: high, by: Double(every)).map { pow(10, $0) }
        return Axis(scale: .logarithmic, lower: low, upper: high, ticks: ticks, decimals: 0)
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
