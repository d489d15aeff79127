/// A dense array of `Float` values in row-major order, with a shape.
///
/// Sequences are batch-first: a tensor of shape `[batch, time, features]` stores the features
/// of one time step contiguously, then the steps of one sequence, then the sequences.
/// `Tensor` is a value type; copies share storage until one of them is written.
public struct Tensor: Equatable, Sendable {
    /// The extent of each dimension, outermost first.
    public let shape: [Int]
    /// The values in row-major order; `scalars.count` is the product of `shape`.
    public var scalars: [Float]

    /// A tensor with the given shape and values in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:scalars:): negative extent in shape \(shape)")
        require(
            shape.reduce(1, *) == scalars.count,
            "Tensor(shape:scalars:): shape \(shape) holds \(shape.reduce(1, *)) values but \(scalars.count) were given")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of the given shape filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of the given shape filled with zeros.
    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    /// A tensor of the given shape whose values `initialize` writes, every one of them: for a
    /// result a kernel overwrites whole, which would only waste a pass filling it with zeros.
    init(shape: [Int], initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        self.init(shape: shape, scalars: [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            initialized = count
        })
    }

    /// A rank-1 tensor holding `values`.
    public init(_ values: [Float]) {
        self.init(shape: [values.count], scalars: values)
    }

    /// A rank-2 tensor from its rows; every row must have the same length.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        require(
            rows.allSatisfy { $0.count == columns },
            "Tensor(rows:): rows have different lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The number of values.
    public var count: Int { scalars.count }

    /// The value at one position; there must be one index per dimension.
    public subscript(indices: Int...) -> Float {
        get { scalars[offset(of: indices)] }
        set { scalars[offset(of: indices)] = newValue }
    }

    /// The same values viewed with another shape holding as many values.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        require(
            newShape.reduce(1, *) == count,
            "reshaped: cannot view shape \(shape) (\(count) values) as \(newShape)")
        return Tensor(shape: newShape, scalars: scalars)
    }

    private func offset(of indices: [Int]) -> Int {
        require(indices.count == rank, "subscript: \(indices.count) indices for shape \(shape)")
        var offset = 0
        for (index, extent) in zip(indices, shape) {
            require(index >= 0 && index < extent, "subscript: index \(indices) out of range for shape \(shape)")
            offset = offset * extent + index
        }
        return offset
    }
}

extension Tensor {
    /// The transpose of a matrix: `[rows, columns]` to `[columns, rows]`.
    public func transposed() -> Tensor {
        require(rank == 2, "transposed: shape \(shape) is not a matrix")
        let (rows, columns) = (shape[0], shape[1])
        var result = [Float](repeating: 0, count: count)
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = scalars[i * columns + j] }
        }
        return Tensor(shape: [columns, rows], scalars: result)
    }
}
