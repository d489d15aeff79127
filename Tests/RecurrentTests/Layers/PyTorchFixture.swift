import Foundation
@testable import Recurrent

/// Reference values written by `Scripts/make_pytorch_fixtures.py` (see that script).
struct PyTorchFixture: Decodable {
    struct Array: Decodable {
        let shape: [Int]
        let values: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }

    struct NamedArray: Decodable {
        let name: String
        let shape: [Int]
        let values: [Float]
    }

    struct Case: Decodable, CustomStringConvertible {
        let name: String
        let kind: String
        let inputSize: Int
        let hiddenSize: Int
        let layerCount: Int
        let bidirectional: Bool
        let parameters: [NamedArray]
        let input: Array
        let initialHidden: Array
        let initialCell: Array?
        let output: Array
        let finalHidden: Array
        let finalCell: Array?
        let outputWeights: Array
        let hiddenWeights: Array
        let cellWeights: Array?
        let inputGradient: Array
        let initialHiddenGradient: Array
        let initialCellGradient: Array?
        let parameterGradients: [NamedArray]

        var description: String { name }
    }

    let torch: String
    let cases: [Case]

    static func load(_ name: String) throws -> PyTorchFixture {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        return try JSONDecoder().decode(PyTorchFixture.self, from: Data(contentsOf: url))
    }
}

/// The largest of `|a - b| / max(|b|, 1)` over all entries: relative error, absolute near zero.
func largestRelativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    precondition(actual.shape == expected.shape, "shapes \(actual.shape) and \(expected.shape) differ")
    return zip(actual.scalars, expected.scalars).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
}
