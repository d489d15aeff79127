import CEngineSupport
import Testing
@testable import Recurrent

@Suite(.serialized) struct ThinWeightGradientTests {
    /// A gradient laid out for the kernel: `outer` blocks of `inner` rows of `columns` values,
    /// the row of depth `o * inner + i` starting at float `row(o * inner + i)`.
    struct Layout {
        let outer, inner, columns: Int
        /// By sequence (`∂P`: rows `b * time + t`) or by step, walked backwards (a reversed
        /// direction's `∂R`: rows `(time - 1 - t) * batch + b`).
        let bySteps: Bool
        var outerStride: Int { bySteps ? columns : inner * columns }
        var innerStride: Int { bySteps ? -outer * columns : columns }
        var offset: Int { bySteps ? (inner - 1) * outer * columns : 0 }
        func row(_ depth: Int) -> Int { offset + (depth / inner) * outerStride + (depth % inner) * innerStride }

        /// `values` (`[outer * inner, columns]` in depth order) scattered into this layout.
        func laidOut(_ values: [Float]) -> [Float] {
            var result = [Float](repeating: .nan, count: values.count)
            for k in 0..<outer * inner {
                for c in 0..<columns { result[row(k) + c] = values[k * columns + c] }
            }
            return result
        }

        func walk(_ base: UnsafePointer<Float>) -> ThinWeightGradient.RowWalk {
            .init(base: base + offset, outerStride: outerStride, innerStride: innerStride)
        }
    }

    /// Gate columns around the 16- and 8-lane edges, inputs 1 to 8, both layouts.
    static let cases: [(columns: Int, features: Int, outer: Int, inner: Int, bySteps: Bool)] = [
        (1, 1, 1, 1, false), (4, 3, 2, 5, true), (16, 8, 3, 7, false), (37, 5, 4, 9, true), (148, 2, 5, 11, false),
        (512, 8, 32, 10, true), (531, 7, 3, 300, false), (48, 1, 7, 40, true),
    ]

    /// Every entry is one chain of fused multiply-adds in depth order from its starting value,
    /// and every sum one addition at a time in depth order — exactly what `MatrixProduct` computes
    /// for the same product — with the 16-, 8- and 1-lane code all used.
    @Test func everyEntryIsOneFusedChainInDepthOrder() {
        for wide in VectorWidth.available {
            VectorWidth.with(wide: wide) {
                for (index, c) in Self.cases.enumerated() {
                    let depth = c.outer * c.inner
                    let d = randomTensor([depth, c.columns], seed: UInt64(900 + index)).scalars
                    let x = randomTensor([depth, c.features], seed: UInt64(1000 + index)).scalars
                    var gradient = randomTensor([c.columns, c.features], seed: UInt64(1100 + index)).scalars
                    var sums = randomTensor([c.columns], seed: UInt64(1200 + index)).scalars
                    var expectedGradient = gradient
                    var expectedSums = sums
                    for k in 0..<depth {
                        for g in 0..<c.columns {
                            let value = d[k * c.columns + g]
                            expectedSums[g] += value
                            for f in 0..<c.features {
                                expectedGradient[g * c.features + f].addProduct(x[k * c.features + f], value)
                            }
                        }
                    }
                    // The gradient rows and the input rows each in their own layout, as the backward
                    // pass has them (the ring by step, the input by sequence).
                    let dLayout = Layout(outer: c.outer, inner: c.inner, columns: c.columns, bySteps: c.bySteps)
                    let xLayout = Layout(outer: c.outer, inner: c.inner, columns: c.features, bySteps: !c.bySteps)
                    let laidOutD = dLayout.laidOut(d)
                    let laidOutX = xLayout.laidOut(x)
                    laidOutD.withUnsafeBufferPointer { source in
                        laidOutX.withUnsafeBufferPointer { x in
                            gradient.withUnsafeMutableBufferPointer { gradient in
                                sums.withUnsafeMutableBufferPointer { sums in
                                    ThinWeightGradient.accumulate(
                                        columns: c.columns, features: c.features, outerCount: c.outer, innerCount: c.inner,
                                        x: xLayout.walk(x.baseAddress!), d: dLayout.walk(source.baseAddress!),
                                        gradient: gradient.baseAddress!, sums: sums.baseAddress!)
                                }
                            }
                        }
                    }
                    let differentEntries = zip(gradient, expectedGradient).filter { $0.bitPattern != $1.bitPattern }.count
                    let differentSums = zip(sums, expectedSums).filter { $0.bitPattern != $1.bitPattern }.count
                    #expect(differentEntries == 0 && differentSums == 0, "wide \(wide) case \(c)")
                }
            }
        }
    }
}
