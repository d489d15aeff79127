import Testing
@testable import Recurrent

/// The walk of `backward()` (`Autodiff/Backward.swift`): each operation runs once per walk,
/// after everything that consumed it, and a walk leaves nothing behind that changes the next.
@Suite struct BackwardWalkTests {
    let matrix = randomTensor([3, 4], seed: 11)
    let weights = randomTensor([4, 4], seed: 12)

    /// A small graph with a shared part: `h` feeds two branches, and a long chain behind it.
    func loss(_ parameter: Parameter, _ input: Variable) -> Variable {
        var h = tanh(matmul(input, parameter.variable))
        for _ in 0..<20 { h = sigmoid(matmul(h, parameter.variable)) + h * 0.5 }
        return (h * h + tanh(h)).sum()
    }

    @Test func aSecondWalkOverTheSameGraphReachesEveryOperationAgain() {
        let parameter = Parameter(weights)
        let value = loss(parameter, Variable(matrix))
        value.backward()
        let once = parameter.gradient
        #expect(once.scalars.contains { $0 != 0 })
        // Each walk marks the operations it reaches; were a later walk to take an earlier
        // walk's mark for its own, it would skip them and add less than a whole gradient.
        // (The parameter's 21 uses add their parts one by one, so the sum of six walks is
        // six times one walk's only up to rounding.)
        for _ in 0..<5 {
            value.backward()
        }
        let scale = once.scalars.map(abs).max()!
        for (total, single) in zip(parameter.gradient.scalars, once.scalars) {
            #expect(abs(total - 6 * single) <= 1e-5 * scale)
        }
    }

    @Test func walksOverGraphsSharingOperationsAreIndependent() {
        let parameter = Parameter(weights)
        let input = Variable(matrix)
        let shared = tanh(matmul(input, parameter.variable))
        let first = (shared * 2).sum()
        let second = (shared * shared).sum()
        first.backward()
        let afterFirst = parameter.gradient
        second.backward()
        // The same gradients as walks over two separately built graphs.
        let separate = Parameter(weights)
        (tanh(matmul(input, separate.variable)) * 2).sum().backward()
        #expect(separate.gradient == afterFirst)
        let sharedAgain = tanh(matmul(input, separate.variable))
        (sharedAgain * sharedAgain).sum().backward()
        #expect(parameter.gradient == separate.gradient)
    }

    @Test func anOperationKeepsNoGradientAfterItRuns() {
        let parameter = Parameter(weights)
        let hidden = tanh(matmul(Variable(matrix), parameter.variable))
        let value = (hidden * 3).sum()
        value.backward()
        #expect(hidden.producer?.outputGradients.isEmpty == true)
        #expect(value.producer?.outputGradients.isEmpty == true)
    }
}
