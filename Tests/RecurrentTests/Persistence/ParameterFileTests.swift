import Foundation
import Testing
@testable import Recurrent

/// Parameters in safetensors files, to and from PyTorch.
@Suite struct ParameterFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    struct InputOutput: Codable {
        struct Array: Codable {
            let shape: [Int]
            let values: [Float]
        }
        let input: Array
        let output: Array
    }

    static func lstm(seed: UInt64) -> LSTM {
        var generator = RandomGenerator(seed: seed)
        return LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
    }

    @Test func fileSavedByPyTorchLoadsAndGivesItsOutputs() throws {
        let lstm = Self.lstm(seed: 0)
        try lstm.load(from: Self.fixtures.appendingPathComponent("pytorch_lstm.safetensors"))
        let io = try JSONDecoder().decode(InputOutput.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("pytorch_lstm_io.json")))
        let output = lstm(Tensor(shape: io.input.shape, scalars: io.input.values)).output
        #expect(largestRelativeError(output, Tensor(shape: io.output.shape, scalars: io.output.values)) < 1e-5)
    }

    /// The committed engine-saved file is exactly what the engine writes today, so the check
    /// in `Scripts/make_pytorch_fixtures.py` (it loads that file in PyTorch and compares outputs)
    /// speaks for the current code. `LESSONS_WRITE_FIXTURES=1` rewrites the file.
    @Test func engineSavedFileIsReproducedBitForBit() throws {
        let lstm = Self.lstm(seed: 2026)
        var generator = RandomGenerator(seed: 2027)
        let input = Tensor(shape: [2, 5, 3], scalars: (0..<30).map { _ in generator.uniform(-1, 1) })
        let output = lstm(input).output
        let data = lstm.safeTensorsData(metadata: ["written_by": "lessons engine"])
        let file = Self.fixtures.appendingPathComponent("engine_lstm.safetensors")
        let ioFile = Self.fixtures.appendingPathComponent("engine_lstm_io.json")
        if ProcessInfo.processInfo.environment["LESSONS_WRITE_FIXTURES"] == "1" {
            try data.write(to: file)
            let io = InputOutput(input: .init(shape: input.shape, values: input.scalars), output: .init(shape: output.shape, values: output.scalars))
            try JSONEncoder().encode(io).write(to: ioFile)
        }
        #expect(try Data(contentsOf: file) == data)
        let io = try JSONDecoder().decode(InputOutput.self, from: Data(contentsOf: ioFile))
        #expect(io.output.values == output.scalars)
    }

    @Test func roundTripKeepsEveryBit() throws {
        let original = Self.lstm(seed: 5)
        let copy = Self.lstm(seed: 6)
        try copy.loadSafeTensors(original.safeTensorsData())
        for ((name, a), (_, b)) in zip(original.namedParameters, copy.namedParameters) {
            #expect(a.value.scalars.map(\.bitPattern) == b.value.scalars.map(\.bitPattern), "\(name)")
        }
    }

    @Test func mismatchedFilesAreTypedErrorsAndChangeNothing() throws {
        let lstm = Self.lstm(seed: 7)
        let before = lstm.namedParameters.map(\.parameter.value)
        let gru: GRU = {
            var generator = RandomGenerator(seed: 8)
            return GRU(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
        }()
        #expect(throws: ParameterFileError.shapeMismatch(name: "weight_ih_l0", expected: [16, 3], found: [12, 3])) {
            try lstm.loadSafeTensors(gru.safeTensorsData())
        }
        let smaller: LSTM = {
            var generator = RandomGenerator(seed: 9)
            return LSTM(inputSize: 3, hiddenSize: 4, layerCount: 1, bidirectional: true, generator: &generator)
        }()
        #expect(throws: ParameterFileError.missing(name: "weight_ih_l1")) { try lstm.loadSafeTensors(smaller.safeTensorsData()) }
        #expect(throws: ParameterFileError.unexpected(name: "bias_hh_l1")) {
            try smaller.loadSafeTensors(lstm.safeTensorsData())
        }
        #expect(lstm.namedParameters.map(\.parameter.value) == before)
    }

    /// Byte strings that are not usable safetensors files, each with what is wrong.
    static let malformedFiles: [(String, Data)] = {
        func file(_ header: String, data: [UInt8] = []) -> Data {
            var bytes = [UInt8](repeating: 0, count: 8)
            let headerBytes = Array(header.utf8)
            for index in 0..<8 { bytes[index] = UInt8((headerBytes.count >> (8 * index)) & 0xFF) }
            return Data(bytes + headerBytes + data)
        }
        var cases: [(String, Data)] = []
        cases.append(("shorter than the length field", Data([1, 2, 3])))
        cases.append(("header longer than the file", Data([200, 0, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8)))
        cases.append(("header not JSON", file("{{{{")))
        cases.append(("offsets past the end", file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#)))
        cases.append(("integer dtype", file(#"{"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])))
        cases.append(("entry without shape", file(#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])))
        return cases
    }()

    @Test(arguments: malformedFiles)
    func malformedBytesAreErrorsNotCrashes(_ label: String, _ data: Data) {
        #expect(throws: ParameterFileError.self, "\(label)") { try SafeTensors.decode(data) }
    }

    @Test func missingFileIsAnIOError() {
        let lstm = Self.lstm(seed: 10)
        #expect(throws: ParameterFileError.self) { try lstm.load(from: URL(fileURLWithPath: "/nonexistent/lstm.safetensors")) }
    }
}
