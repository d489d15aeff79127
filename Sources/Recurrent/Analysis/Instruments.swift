/// Measurements lessons make on recurrent layers: how gradients shrink or grow with distance.
public enum Instruments {
    /// The Euclidean norm of `∂L/∂h_t` at every step, after a backward pass through `layer` with
    /// `recordsStateGradients` on: one array per layer and direction, indexed by time step,
    /// each norm taken over the whole batch.
    public static func stateGradientNorms(_ layer: RecurrentLayer) -> [[Float]] {
        layer.stateGradients.map { gradients in
            let (batch, time, size) = (gradients.shape[0], gradients.shape[1], gradients.shape[2])
            return (0..<time).map { t in
                var total: Double = 0
                for b in 0..<batch {
                    for j in 0..<size {
                        let value = Double(gradients.scalars[(b * time + t) * size + j])
                        total += value * value
                    }
                }
                return Float(total.squareRoot())
            }
        }
    }

    /// `‖∂h_{T−1} / ∂h_{T−1−d}‖₂` for every distance `d = 0 ..< T`: the operator norm of the
    /// product of the step Jacobians between a state and the last one, along the trajectory
    /// the layer takes on `input`.
    ///
    /// Computed exactly by back-propagation: one backward pass per unit of the last state
    /// gives one row of every Jacobian at once. The layer's parameter gradients are left as
    /// they were.
    ///
    /// - Parameter input: one sequence, `[1, time, inputSize]`; the layer must have one layer
    ///   and one direction.
    public static func jacobianNorms(_ layer: RecurrentLayer, input: Tensor) -> [Float] {
        require(input.rank == 3 && input.shape[0] == 1, "jacobianNorms: input shape \(input.shape) is not [1, time, features]")
        require(layer.layerCount == 1 && layer.directionCount == 1, "jacobianNorms: needs a single-layer, one-direction layer")
        let (time, size) = (input.shape[1], layer.hiddenSize)
        let savedGradients = layer.namedParameters.map(\.parameter.gradient)
        let savedRecording = layer.recordsStateGradients
        layer.recordsStateGradients = true
        defer {
            for ((_, parameter), gradient) in zip(layer.namedParameters, savedGradients) { parameter.gradient = gradient }
            layer.recordsStateGradients = savedRecording
        }
        // rows[t][k * size + j] = ∂h_{T−1}[k] / ∂h_t[j]
        var rows = [[Float]](repeating: [Float](repeating: 0, count: size * size), count: time)
        for unit in 0..<size {
            let result = layer.stack.forward(Variable(input), initialHidden: nil, initialCell: nil)
            var seed = Tensor(zeros: result.hidden.shape)
            seed.scalars[unit] = 1
            result.hidden.backward(gradient: seed)
            let gradients = layer.stateGradients[0]
            for t in 0..<time {
                for j in 0..<size { rows[t][unit * size + j] = gradients.scalars[t * size + j] }
            }
        }
        return (0..<time).map { distance in
            Spectrum.largestSingularValue(Tensor(shape: [size, size], scalars: rows[time - 1 - distance]))
        }
    }
}
