/// Where one direction's backward pass adds its weight and bias gradients: the storage of its
/// parameters' `gradient` tensors, held for the whole pass.
///
/// Taken once, on the thread that runs the pass, so that the parts of a parallel region
/// (`WorkerTeam`) write their own rows of the same gradients through plain pointers: an
/// array's `withUnsafeMutableBufferPointer` lends its storage to one caller at a time, and a
/// second thread asking at once would find it empty.
struct DirectionGradientTargets {
    /// `[G, features]`, `[G, H]`, `[G]`, `[G]` (`G` = gate rows); `nil` where a matrix is
    /// empty or the layer has no bias.
    let inputWeight: UnsafeMutablePointer<Float>?
    let hiddenWeight: UnsafeMutablePointer<Float>?
    let inputBias: UnsafeMutablePointer<Float>?
    let hiddenBias: UnsafeMutablePointer<Float>?
}

extension DirectionWeights {
    /// Runs `body` with the storage of every weight and bias gradient of this direction.
    func withGradientTargets<Result>(_ body: (DirectionGradientTargets) -> Result) -> Result {
        inputWeight.gradient.scalars.withUnsafeMutableBufferPointer { input in
            hiddenWeight.gradient.scalars.withUnsafeMutableBufferPointer { hidden in
                Self.withStorage(of: inputBias) { inputBias in
                    Self.withStorage(of: hiddenBias) { hiddenBias in
                        body(DirectionGradientTargets(
                            inputWeight: input.baseAddress, hiddenWeight: hidden.baseAddress,
                            inputBias: inputBias, hiddenBias: hiddenBias))
                    }
                }
            }
        }
    }

    private static func withStorage<Result>(
        of parameter: Parameter?, _ body: (UnsafeMutablePointer<Float>?) -> Result
    ) -> Result {
        guard let parameter else { return body(nil) }
        return parameter.gradient.scalars.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
}
