import Foundation

/// Spectral radius and largest singular value, the two numbers that govern how a recurrent
/// matrix stretches a state it is applied to again and again.
public enum Spectrum {
    /// The largest absolute eigenvalue of a square matrix, by Gelfand's formula
    /// `ρ(A) = lim ‖Aᵏ‖^(1/k)`, with `k = 2^40` reached by repeated squaring in `Double`,
    /// renormalising at each squaring so nothing overflows.
    ///
    /// This needs no eigen-decomposition and is right for complex eigenvalues and repeated
    /// ones; the answer is good to about six digits for the matrices lessons use.
    public static func spectralRadius(_ matrix: Tensor) -> Float {
        require(matrix.rank == 2 && matrix.shape[0] == matrix.shape[1], "spectralRadius: shape \(matrix.shape) is not square")
        return Float(spectralRadius(matrix.scalars.map(Double.init), matrix.shape[0]))
    }

    /// The largest singular value (the operator 2-norm): `√ρ(AᵀA)`, with `AᵀA` formed in
    /// `Double`: in `Float` its small entries underflow for matrices whose entries are below
    /// about 1e-19, and the answer would be 0 for a matrix that is not.
    public static func largestSingularValue(_ matrix: Tensor) -> Float {
        require(matrix.rank == 2, "largestSingularValue: shape \(matrix.shape) is not a matrix")
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let a = matrix.scalars.map(Double.init)
        var gram = [Double](repeating: 0, count: columns * columns)
        for r in 0..<rows {
            for i in 0..<columns where a[r * columns + i] != 0 {
                let scale = a[r * columns + i]
                for j in 0..<columns { gram[i * columns + j] += scale * a[r * columns + j] }
            }
        }
        return Float(spectralRadius(gram, columns).squareRoot())
    }

    /// `ρ` of the `n × n` row-major matrix `matrix`, by Gelfand's formula in `Double`.
    private static func spectralRadius(_ matrix: [Double], _ n: Int) -> Double {
        var power = matrix
        // power · e^logScale = A^(2^i), with ‖power‖ = 1.
        var logScale = 0.0
        let squarings = 40
        for squaring in 0...squarings {
            if squaring > 0 { power = multiply(power, power, n) }
            let norm = power.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm == 0 { return 0 }
            for index in power.indices { power[index] /= norm }
            logScale = (squaring == 0 ? 0 : 2 * logScale) + log(norm)
        }
        return exp(logScale / pow(2, Double(squarings)))
    }

    private static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for p in 0..<n {
                let scale = a[i * n + p]
                if scale == 0 { continue }
                for j in 0..<n { result[i * n + j] += scale * b[p * n + j] }
            }
        }
        return result
    }
}
