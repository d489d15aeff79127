/// Where each parameter of Greff's composed `PeepholeLSTMCell` lives in a fused one-layer LSTM
/// (`PeepholeLSTM`, `VariantLSTM`): a block of one fused parameter's flat values.
///
/// The fused layer stacks the gates i, f, z (PyTorch's g), o, `H` rows each, in `weight_ih_l0`
/// `[4H, inputSize]`, `weight_hh_l0` `[4H, H]` and `bias_ih_l0` `[4H]`; the peepholes of i, f, o
/// in `weight_peephole_l0` `[3H]`; the gate-to-gate weights in `weight_gates_l0` `[3H, 3H]`. Its
/// second bias, `bias_hh_l0`, has no counterpart: the composed cell has one bias per gate.
struct GreffCellCorrespondence {
    let inputSize: Int
    let hiddenSize: Int

    /// The fused parameter and the range of its flat values that hold the composed parameter
    /// `name` (`weight_x<gate>`, `weight_h<gate>`, `bias_<gate>`, `peephole_<gate>` or
    /// `weight_gates`), or `nil` if the fused layer has no place for it.
    func location(of name: String) -> (fused: String, values: Range<Int>)? {
        let (h, i) = (hiddenSize, inputSize)
        if name == "weight_gates" { return ("weight_gates_l0", 0..<(9 * h * h)) }
        let gates = ["i", "f", "z", "o"]
        let places: [(prefix: String, fused: String, gates: [String], width: Int)] = [
            ("weight_x", "weight_ih_l0", gates, h * i), ("weight_h", "weight_hh_l0", gates, h * h),
            ("bias_", "bias_ih_l0", gates, h), ("peephole_", "weight_peephole_l0", ["i", "f", "o"], h),
        ]
        for place in places where name.hasPrefix(place.prefix) {
            guard let block = place.gates.firstIndex(of: String(name.dropFirst(place.prefix.count))) else { return nil }
            return (place.fused, (block * place.width)..<((block + 1) * place.width))
        }
        return nil
    }
}
