extension Variable {
    /// Back-propagates from this scalar (for example a loss): adds `d self / d p` to the
    /// `gradient` of every parameter `p` it depends on, and sets `gradient` on leaves created
    /// with `requiresGradient: true`.
    public func backward() {
        require(value.count == 1, "backward(): called on shape \(shape); pass a gradient for non-scalars")
        backward(gradient: Tensor(repeating: 1, shape: shape))
    }

    /// Back-propagates `gradient` (the gradient of some scalar with respect to this value,
    /// same shape) through the computation that produced this value.
    public func backward(gradient seed: Tensor) {
        require(seed.shape == shape, "backward(gradient:): gradient shape \(seed.shape) is not \(shape)")
        guard requiresGradient else { return }
        guard let root = producer else {
            accumulateLeaf(seed)
            return
        }
        root.receive(seed, forOutput: outputIndex)
        // Reverse post-order of a depth-first walk is a topological order: every operation
        // runs after all operations that consumed its outputs. The walk follows inputs in
        // order, so the order, and with it every floating-point sum, is the same each run.
        for operation in Self.postOrder(from: root).reversed() {
            guard let outputGradients = operation.takeOutputGradients() else { continue }
            let inputGradients = operation.backward(outputGradients)
            for (input, gradient) in zip(operation.inputs, inputGradients) {
                guard input.requiresGradient, let gradient else { continue }
                require(gradient.shape == input.shape,
                        "backward of \(operation.name): gradient shape \(gradient.shape) for input \(input.shape)")
                if let producer = input.producer {
                    producer.receive(gradient, forOutput: input.outputIndex)
                } else {
                    input.accumulateLeaf(gradient)
                }
            }
        }
    }

    private func accumulateLeaf(_ gradient: Tensor) {
        if let parameter {
            parameter.gradient += gradient
        } else if requiresGradient {
            if self.gradient == nil { self.gradient = gradient } else { self.gradient! += gradient }
        }
    }

    /// Operations reachable from `root` through inputs, each after all of its inputs' producers.
    private static func postOrder(from root: Operation) -> [Operation] {
        var order: [Operation] = []
        // This walk's mark, new for each walk: an operation carrying another (an earlier walk
        // over a shared part of the graph) has not been reached by this one.
        let mark = WalkMark()
        // Iterative, because a long unrolled sequence is deeper than the call stack allows.
        var stack: [(operation: Operation, nextInput: Int)] = [(root, 0)]
        root.visitedBy = mark
        while !stack.isEmpty {
            let (operation, nextInput) = stack[stack.count - 1]
            if nextInput == operation.inputs.count {
                order.append(operation)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].nextInput += 1
            if let producer = operation.inputs[nextInput].producer, producer.visitedBy !== mark {
                producer.visitedBy = mark
                stack.append((producer, 0))
            }
        }
        return order
    }
}

/// An object whose identity marks the operations one walk of `backward()` has reached.
final class WalkMark {}
