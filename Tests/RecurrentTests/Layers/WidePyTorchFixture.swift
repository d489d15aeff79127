import Foundation
@testable import Recurrent

/// PyTorch references at hidden sizes wide enough to reach the engine's vector kernels, written
/// by `Scripts/make_pytorch_fixtures.py wide` (see `wide_case` there): each case's configuration
/// in `recurrent_layers_wide.json`, its values in `recurrent_layers_wide.safetensors` (too many
/// for JSON) under `<case>/<field>`.
///
/// Fields, for `D` directions, `L` layers and `S = L · D` state slots:
/// - `input` `[batch, time, inputSize]`, `initialHidden` (and `initialCell`) `[S, batch, H]`;
/// - `output` `[batch, time, D · H]` (zero past a sequence's length), `finalHidden`
///   (`finalCell`) `[S, batch, H]`;
/// - `outputWeights`, `hiddenWeights` (`cellWeights`): the weights of the loss
///   `Σ output ⊙ outputWeights + Σ h_n ⊙ hiddenWeights [+ Σ c_n ⊙ cellWeights]`;
/// - `inputGradient`, `initialHiddenGradient` (`initialCellGradient`): its gradients;
/// - `parameter/<name>` and `gradient/<name>` for every parameter, under its state_dict name.
///
/// The references were computed in float64 from float32 parameters and inputs, so they hold the
/// exact values rounded once.
struct WidePyTorchFixture: Decodable {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        struct ParameterShape: Decodable, Sendable {
            let name: String
            let shape: [Int]
        }

        let name: String
        /// `rnn_tanh`, `lstm`, `gru` (torch.nn), `cho_gru` or `peephole_lstm` (written in torch).
        let kind: String
        let inputSize: Int
        let hiddenSize: Int
        let layerCount: Int
        let bidirectional: Bool
        let batch: Int
        let time: Int
        /// Each sequence's length, for sequences padded at the end; `nil` when all fill `time`.
        let lengths: [Int]?
        /// Every parameter the PyTorch module has, in state_dict order.
        let parameters: [ParameterShape]
        /// The case's values by field; filled from the safetensors file after decoding.
        var values: [String: Tensor] = [:]

        private enum CodingKeys: String, CodingKey {
            case name, kind, inputSize, hiddenSize, layerCount, bidirectional, batch, time, lengths, parameters
        }

        var description: String { name }
        var hasCell: Bool { kind == "lstm" || kind == "peephole_lstm" }

        /// The value of `field`, which the case must have.
        func value(_ field: String) -> Tensor {
            guard let tensor = values[field] else { preconditionFailure("\(name) has no \(field)") }
            return tensor
        }
    }

    let torch: String
    let tensors: String
    var cases: [Case]

    static func load() throws -> WidePyTorchFixture {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        var fixture = try JSONDecoder().decode(
            WidePyTorchFixture.self, from: Data(contentsOf: directory.appendingPathComponent("recurrent_layers_wide.json")))
        let stored = try SafeTensors.decode(Data(contentsOf: directory.appendingPathComponent(fixture.tensors))).tensors
        for index in fixture.cases.indices {
            let prefix = fixture.cases[index].name + "/"
            for (key, tensor) in stored where key.hasPrefix(prefix) {
                fixture.cases[index].values[String(key.dropFirst(prefix.count))] = tensor
            }
        }
        return fixture
    }
}
