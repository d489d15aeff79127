/// Element-wise arithmetic on variables, with NumPy broadcasting. The gradient of an operand
/// that was broadcast is summed over the dimensions it was repeated along.
extension Variable {
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        record("+", inputs: [lhs, rhs], value: lhs.value + rhs.value) { gradient in
            [gradient.summed(toShape: lhs.shape), gradient.summed(toShape: rhs.shape)]
        }
    }

    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        record("-", inputs: [lhs, rhs], value: lhs.value - rhs.value) { gradient in
            [gradient.summed(toShape: lhs.shape), (-gradient).summed(toShape: rhs.shape)]
        }
    }

    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        record("*", inputs: [lhs, rhs], value: lhs.value * rhs.value) { gradient in
            [lhs.requiresGradient ? (gradient * rhs.value).summed(toShape: lhs.shape) : nil,
             rhs.requiresGradient ? (gradient * lhs.value).summed(toShape: rhs.shape) : nil]
        }
    }

    public static func / (lhs: Variable, rhs: Variable) -> Variable {
        record("/", inputs: [lhs, rhs], value: lhs.value / rhs.value) { gradient in
            [lhs.requiresGradient ? (gradient / rhs.value).summed(toShape: lhs.shape) : nil,
             rhs.requiresGradient ? (-gradient * lhs.value / (rhs.value * rhs.value)).summed(toShape: rhs.shape) : nil]
        }
    }

    public static func + (lhs: Variable, rhs: Float) -> Variable {
        record("+ scalar", inputs: [lhs], value: lhs.value + rhs) { [$0] }
    }

    public static func - (lhs: Variable, rhs: Float) -> Variable {
        record("- scalar", inputs: [lhs], value: lhs.value - rhs) { [$0] }
    }

    /// `scalar - x`, as in the GRU's `1 - z`.
    public static func - (lhs: Float, rhs: Variable) -> Variable {
        record("scalar -", inputs: [rhs], value: lhs - rhs.value) { [-$0] }
    }

    public static func * (lhs: Variable, rhs: Float) -> Variable {
        record("* scalar", inputs: [lhs], value: lhs.value * rhs) { [$0 * rhs] }
    }

    public static func * (lhs: Float, rhs: Variable) -> Variable { rhs * lhs }

    public static func / (lhs: Variable, rhs: Float) -> Variable { lhs * (1 / rhs) }

    public static prefix func - (operand: Variable) -> Variable {
        record("negate", inputs: [operand], value: -operand.value) { [-$0] }
    }
}
