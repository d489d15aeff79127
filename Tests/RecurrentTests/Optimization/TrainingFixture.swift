import Foundation

/// Optimiser and loss references written by `Scripts/make_pytorch_fixtures.py`.
struct TrainingFixture: Decodable {
    struct OptimizerCase: Decodable, CustomStringConvertible {
        let name: String
        let start: [Float]
        let gradients: [[Float]]
        let after: [[Float]]
        var description: String { name }
    }

    struct ClassificationLoss: Decodable {
        let logits: [Float]
        let shape: [Int]
        let targets: [Int]
        let loss: Float
        let gradient: [Float]
    }

    struct BinaryLoss: Decodable {
        let logits: [Float]
        let shape: [Int]
        let targets: [Float]
        let loss: Float
        let gradient: [Float]
    }

    struct RegressionLoss: Decodable {
        let prediction: [Float]
        let shape: [Int]
        let target: [Float]
        let loss: Float
        let gradient: [Float]
    }

    struct ClipNorm: Decodable {
        let gradients: [[Float]]
        let shapes: [[Int]]
        let maxNorm: Float
        let norm: Float
        let clipped: [[Float]]
    }

    struct Losses: Decodable {
        let crossEntropy: ClassificationLoss
        let binaryCrossEntropy: BinaryLoss
        let meanSquaredError: RegressionLoss
        let clipNorm: ClipNorm
    }

    let optimizers: [OptimizerCase]
    let losses: Losses

    static let shared: TrainingFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/training.json")
        return try! JSONDecoder().decode(TrainingFixture.self, from: Data(contentsOf: url))
    }()
}

/// The largest `|a − b| / max(|b|, 1)`.
func largestRelativeError(_ actual: [Float], _ expected: [Float]) -> Float {
    precondition(actual.count == expected.count, "\(actual.count) and \(expected.count) values")
    return zip(actual, expected).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
}
