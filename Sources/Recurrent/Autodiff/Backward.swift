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
        root.outputGradients[outputIndex] = seed
        // Reverse post-order of a depth-first walk is a topological order: every operation
        // runs after all operations that consumed its outputs. The walk follows inputs in
        // order, so the order, and with it every floating-point sum, is the same each run.
        for operation in Self.postOrder(from: root).reversed() {
            let outputGradients = operation.outputGradients
            operation.outputGradients = [Tensor?](repeating: nil, count: outputGradients.count)
            guard outputGradients.contains(where: { $0 != nil }) else { continue }
            let inputGradients = operation.backward(outputGradients)
            for (input, gradient) in zip(operation.inputs, inputGradients) {
                guard input.requiresGradient, let gradient else { continue }
                require(gradient.shape == input.shape,
                        "backward of \(operation.name): gradient shape \(gradient.shape) for input \(input.shape)")
                if let producer = input.producer {
                    if producer.outputGradients[input.outputIndex] == nil {
                        producer.outputGradients[input.outputIndex] = gradient
                    } else {
                        producer.outputGradients[input.outputIndex]! += gradient
                    }
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
        var visited = Set<ObjectIdentifier>()
        // Iterative, because a long unrolled sequence is deeper than the call stack allows.
        var stack: [(operation: Operation, nextInput: Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while !stack.isEmpty {
            let (operation, nextInput) = stack[stack.count - 1]
            if nextInput == operation.inputs.count {
                order.append(operation)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].nextInput += 1
            if let producer = operation.inputs[nextInput].producer,
               visited.insert(ObjectIdentifier(producer)).inserted {
                stack.append((producer, 0))
            }
        }
        return order
    }
}
