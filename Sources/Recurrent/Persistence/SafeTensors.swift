import Foundation

/// The safetensors file format (Hugging Face), which PyTorch reads and writes with
/// `safetensors.torch`: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data.
///
/// Only `F32` is written; `F32`, `F64`, `F16` and `BF16` are read (converted to `Float`).
public enum SafeTensors {
    /// The file for `tensors`, in the given order, with optional string metadata.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) -> Data {
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        // The format pads the header with spaces to a multiple of 8 bytes.
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var data = Data()
        data.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for (_, tensor) in tensors {
            for value in tensor.scalars {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Every tensor in a safetensors file, by name, with the file's metadata.
    public static func decode(_ data: Data) throws(ParameterFileError) -> (tensors: [String: Tensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .malformed("the file has \(bytes.count) bytes, fewer than the 8-byte header length") }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .malformed("the header claims \(headerLength) bytes but only \(bytes.count - 8) follow")
        }
        let dataStart = 8 + Int(headerLength)
        let header: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
                throw ParameterFileError.malformed("the header is not a JSON object")
            }
            header = object
        } catch let error as ParameterFileError {
            throw error
        } catch {
            throw .malformed("the header is not valid JSON")
        }
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                for (key, entry) in value as? [String: Any] ?? [:] { metadata[key] = entry as? String }
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [NSNumber])?.map(\.intValue),
                  let offsets = (entry["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2 else {
                throw .malformed("the entry for `\(name)` lacks dtype, shape or data_offsets")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw .malformed("`\(name)` has a negative extent in shape \(shape)") }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            case "F16", "BF16": width = 2
            default: throw .unsupportedType(name: name, dtype: dtype)
            }
            let count = shape.reduce(1, *)
            let (start, end) = (dataStart + offsets[0], dataStart + offsets[1])
            guard offsets[0] >= 0, start <= end, end <= bytes.count, end - start == count * width else {
                throw .malformed("`\(name)`: byte range \(offsets) does not hold \(count) \(dtype) values inside the file")
            }
            var scalars = [Float](repeating: 0, count: count)
            for index in 0..<count {
                let base = start + index * width
                var raw: UInt64 = 0
                for byte in 0..<width { raw |= UInt64(bytes[base + byte]) << (8 * UInt64(byte)) }
                switch dtype {
                case "F32": scalars[index] = Float(bitPattern: UInt32(raw))
                case "F64": scalars[index] = Float(Double(bitPattern: raw))
                case "F16": scalars[index] = Float(Float16Bits(UInt16(raw)))
                default: scalars[index] = Float(bitPattern: UInt32(raw) << 16)
                }
            }
            tensors[name] = Tensor(shape: shape, scalars: scalars)
        }
        return (tensors, metadata)
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// IEEE half precision bits to `Float`, without relying on `Float16` (absent on some platforms).
private func Float16Bits(_ bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}

/// A parameter file that cannot be used, and why.
public enum ParameterFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The bytes are not a well-formed safetensors file.
    case malformed(String)
    /// A tensor's dtype is not a floating-point type the engine reads.
    case unsupportedType(name: String, dtype: String)
    /// The model has a parameter the file lacks.
    case missing(name: String)
    /// The file has a tensor the model does not.
    case unexpected(name: String)
    /// A tensor's shape differs from the parameter's.
    case shapeMismatch(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .io(let path, let reason): "cannot access \(path): \(reason)"
        case .malformed(let reason): "not a valid safetensors file: \(reason)"
        case .unsupportedType(let name, let dtype): "`\(name)` has dtype \(dtype); only F32, F64, F16 and BF16 can be loaded"
        case .missing(let name): "the file has no tensor `\(name)`, which the model needs"
        case .unexpected(let name): "the file has a tensor `\(name)` that the model does not have"
        case .shapeMismatch(let name, let expected, let found): "`\(name)` has shape \(found) in the file but \(expected) in the model"
        }
    }
}
