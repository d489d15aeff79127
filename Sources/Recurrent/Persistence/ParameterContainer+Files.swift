import Foundation

extension ParameterContainer {
    /// The parameters as a safetensors file, under their PyTorch `state_dict` names, so
    /// `safetensors.torch.load_file` then `module.load_state_dict` reads them.
    public func safeTensorsData(metadata: [String: String] = [:]) -> Data {
        SafeTensors.encode(namedParameters.map { ($0.name, $0.parameter.value) }, metadata: metadata)
    }

    /// Writes the parameters to a safetensors file.
    public func save(to url: URL, metadata: [String: String] = [:]) throws(ParameterFileError) {
        do {
            try safeTensorsData(metadata: metadata).write(to: url, options: .atomic)
        } catch {
            throw .io(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Replaces every parameter with the tensor of the same name in safetensors `data`.
    ///
    /// The file must hold exactly the model's parameters with their shapes; otherwise nothing
    /// is changed and the error names the first problem.
    public func loadSafeTensors(_ data: Data) throws(ParameterFileError) {
        let tensors = try SafeTensors.decode(data).tensors
        let named = namedParameters
        for (name, parameter) in named {
            guard let tensor = tensors[name] else { throw .missing(name: name) }
            guard tensor.shape == parameter.shape else {
                throw .shapeMismatch(name: name, expected: parameter.shape, found: tensor.shape)
            }
        }
        let expected = Set(named.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !expected.contains($0) }) { throw .unexpected(name: extra) }
        for (name, parameter) in named { parameter.value = tensors[name]! }
    }

    /// Reads parameters from a safetensors file (see `loadSafeTensors(_:)`).
    public func load(from url: URL) throws(ParameterFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: url.path, reason: error.localizedDescription)
        }
        try loadSafeTensors(data)
    }
}
