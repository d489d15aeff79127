/// Elman's RNN on the fused path: `h' = act(P + R)` with `act` tanh or relu (`rnnTanh`,
/// `rnnReLU`). Its one gate block stores the new state.
struct FusedRNNCell: FusedCell {
    enum Activation { case tanh, relu }

    let activation: Activation

    var name: String { activation == .tanh ? "RNN" : "ReLU RNN" }
    var stackedGates: [Gate?] { [nil] }
    var layerClass: RecurrentLayer.Type { RNN.self }
    var gateCount: Int { 1 }
    var hasCellState: Bool { false }
    var hasPeepholes: Bool { false }
    var hasGateRecurrence: Bool { false }
    var projectedGradientIsRecurrentGradient: Bool { true }
    var stepProducts: FusedStepProducts { .one }
    var extraCount: Int { 0 }

    @inline(__always)
    func forwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow) {
        let preactivation = L.load(row.projected + j) + L.load(row.recurrent + j)
        let value = switch activation {
        case .tanh: L.tanh(preactivation)
        case .relu: L.relu(preactivation)
        }
        L.store(value, row.hidden + j)
        L.store(value, row.gates + j)
    }

    /// `∂P = ∂R = ∂L/∂h' · act'`, read off the stored value; nothing reaches `h` but through `W_hh`.
    @inline(__always)
    func backwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow) {
        let (value, incoming) = (L.load(row.gates + j), L.load(row.hiddenGradient + j))
        let gradient = switch activation {
        case .tanh: incoming * (L.splat(1) - value * value)
        case .relu: L.positiveMask(value, incoming)
        }
        L.store(gradient, row.projectedGradient + j)
        L.store(gradient, row.recurrentGradient + j)
        L.store(L.splat(0), row.hiddenGradient + j)
    }
}
