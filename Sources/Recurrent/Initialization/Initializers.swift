import Foundation

/// Ways to fill a parameter with its first values. Each draws from the generator it is given,
/// in row-major order, so the same seed gives the same weights.
///
/// For a weight `[fanOut, fanIn]` (PyTorch's layout), the Glorot (Xavier) initialisations keep
/// the variance of activations and of gradients roughly equal from layer to layer by drawing
/// with variance `2 / (fanIn + fanOut)`.
public enum Initializer: Sendable {
    /// Uniform in `[-bound, bound)`.
    case uniform(bound: Float)
    /// Normal with mean 0.
    case normal(standardDeviation: Float)
    /// All entries equal to `value` (biases, and the forget-gate bias).
    case constant(Float)
    /// Glorot uniform: `bound = gain · √(6 / (fanIn + fanOut))`.
    case xavierUniform(gain: Float = 1)
    /// Glorot normal: `std = gain · √(2 / (fanIn + fanOut))`.
    case xavierNormal(gain: Float = 1)
    /// A (semi-)orthogonal matrix times `gain`: the QR factor of a standard normal matrix with
    /// the signs of `R`'s diagonal moved into `Q`, as PyTorch's `orthogonal_`.
    case orthogonal(gain: Float = 1)

    /// PyTorch's default for recurrent layers: uniform in `[-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`
    /// for every weight and bias.
    public static func pytorchRecurrentDefault(hiddenSize: Int) -> Initializer {
        .uniform(bound: 1 / Float(hiddenSize).squareRoot())
    }

    /// A tensor of `shape` drawn from this distribution. For a matrix `[rows, columns]`,
    /// `fanOut = rows` and `fanIn = columns`; a vector has `fanIn = fanOut = count`.
    public func tensor(shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        let fanOut = shape.first ?? 1
        let fanIn = shape.count >= 2 ? shape.dropFirst().reduce(1, *) : fanOut
        func draw(_ sample: (inout RandomGenerator) -> Float) -> Tensor {
            var scalars = [Float](repeating: 0, count: count)
            for index in 0..<count { scalars[index] = sample(&generator) }
            return Tensor(shape: shape, scalars: scalars)
        }
        switch self {
        case .uniform(let bound):
            return draw { $0.uniform(-bound, bound) }
        case .normal(let deviation):
            return draw { $0.normal(standardDeviation: deviation) }
        case .constant(let value):
            return Tensor(repeating: value, shape: shape)
        case .xavierUniform(let gain):
            let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
            return draw { $0.uniform(-bound, bound) }
        case .xavierNormal(let gain):
            let deviation = gain * (2 / Float(fanIn + fanOut)).squareRoot()
            return draw { $0.normal(standardDeviation: deviation) }
        case .orthogonal(let gain):
            return Self.orthogonal(rows: fanOut, columns: fanIn, generator: &generator).map { $0 * gain }.reshaped(shape)
        }
    }

    /// Rows (or columns, whichever are fewer) orthonormal: modified Gram–Schmidt in `Double`
    /// on a standard normal matrix, which is its QR factorisation with `R`'s diagonal positive.
    static func orthogonal(rows: Int, columns: Int, generator: inout RandomGenerator) -> Tensor {
        // Orthonormalise the shorter side: vectors of length `long`, `short` of them.
        let (short, long) = (Swift.min(rows, columns), Swift.max(rows, columns))
        var vectors = (0..<short).map { _ in (0..<long).map { _ in Double(generator.normal()) } }
        for i in 0..<short {
            for j in 0..<i {
                let projection = zip(vectors[i], vectors[j]).reduce(0) { $0 + $1.0 * $1.1 }
                for k in 0..<long { vectors[i][k] -= projection * vectors[j][k] }
            }
            let norm = vectors[i].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for k in 0..<long { vectors[i][k] /= norm }
        }
        var result = Tensor(zeros: [rows, columns])
        for i in 0..<short {
            for k in 0..<long {
                // Vectors are rows when rows ≤ columns, else columns.
                if rows <= columns { result.scalars[i * columns + k] = Float(vectors[i][k]) }
                else { result.scalars[k * columns + i] = Float(vectors[i][k]) }
            }
        }
        return result
    }
}

extension Tensor {
    /// This square matrix scaled so that its spectral radius (largest |eigenvalue|) is `radius`.
    /// The lever of the vanishing and exploding gradient experiments.
    public func scaled(toSpectralRadius radius: Float) -> Tensor {
        let current = Spectrum.spectralRadius(self)
        require(current > 0, "scaled(toSpectralRadius:): the matrix has spectral radius 0")
        return self * (radius / current)
    }
}
