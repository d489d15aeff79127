/// Which gates each kind of layer computes, and where they sit in its stacked weights and in
/// the gates its trace keeps.
extension RecurrentCellKind {
    /// The blocks of `hiddenSize` rows stacked in `weight_ih`, `weight_hh` and the biases, in
    /// order, each named by its gate (an RNN's one block is its state, no gate: `nil`).
    var stackedGates: [Gate?] { fusedCell.stackedGates }

    /// The gates this kind computes, in the order their weights are stacked: LSTM input,
    /// forget, candidate, output; GRU reset, update, candidate; none for an RNN. A gate a
    /// `VariantLSTM` removes is not listed; a forget gate coupled to the input gate
    /// (`f = 1 − i`) is.
    public var gates: [Gate] {
        stackedGates.compactMap { $0 }.filter { removalReason($0) == nil }
    }

    /// Which block of `hiddenSize` rows (or traced gate columns) holds `gate`; stops with a
    /// message naming the kind's gates when it has no such gate, or has removed it.
    func block(of gate: Gate) -> Int {
        if let message = missingGateMessage(gate) { require(false, message) }
        return stackedGates.firstIndex(of: gate)!
    }

    /// Why `gate` cannot be read from this kind, or `nil` if it can.
    func missingGateMessage(_ gate: Gate) -> String? {
        if stackedGates == [nil] {
            return "\(self) has no gates: its one block of weights makes the new state itself; there is no \(gate)"
        }
        guard stackedGates.contains(gate) else {
            return "\(self) has no \(gate); its gates are \(gates.map(\.description).joined(separator: ", "))"
        }
        return removalReason(gate).map { "the \(gate) of this \(self) is removed: \($0)" }
    }

    /// For a gate an LSTM's structure removes, what stands in its place.
    private func removalReason(_ gate: Gate) -> String? {
        guard let structure = lstmStructure else { return nil }
        switch gate {
        case .input where !structure.inputGate: return "i = 1 at every step"
        case .forget where !structure.forgetGate && !structure.coupledGates: return "f = 1 at every step"
        case .output where !structure.outputGate: return "o = 1 at every step"
        default: return nil
        }
    }
}
