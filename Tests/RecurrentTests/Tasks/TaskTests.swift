import Testing
@testable import Recurrent

@Suite struct TaskTests {
    @Test(arguments: TemporalOrder.Difficulty.allCases)
    func temporalOrderSequencesFollowTheRules(_ difficulty: TemporalOrder.Difficulty) {
        var generator = RandomGenerator(seed: 8382)
        let task = TemporalOrder(difficulty: difficulty)
        for _ in 0..<200 {
            let (sequence, label) = task.sample(generator: &generator)
            #expect(difficulty.lengths.contains(sequence.count))
            #expect(sequence.first == 6 && sequence.last == 7, "starts with B and ends with E")
            let relevant = sequence.indices.filter { sequence[$0] < 2 }
            #expect(relevant.count == 2)
            #expect(difficulty.firstPositions.contains(relevant[0]))
            #expect(difficulty.secondPositions.contains(relevant[1]))
            #expect(label == sequence[relevant[0]] * 2 + sequence[relevant[1]], "Q=XX R=XY S=YX U=YY")
        }
    }

    @Test func temporalOrderBatchPadsAtTheFront() {
        var generator = RandomGenerator(seed: 1)
        let batch = TemporalOrder(difficulty: .normal).batch(size: 16, generator: &generator)
        let longest = batch.sequences.map(\.count).max()!
        #expect(batch.inputs.shape == [16, longest, 8])
        for (b, sequence) in batch.sequences.enumerated() {
            let padding = longest - sequence.count
            for t in 0..<longest {
                let row = (0..<8).map { batch.inputs[b, t, $0] }
                if t < padding {
                    #expect(row.allSatisfy { $0 == 0 })
                } else {
                    #expect(row[sequence[t - padding]] == 1 && row.reduce(0, +) == 1)
                }
            }
        }
    }

    @Test func temporalOrderDecodesAndEncodes() {
        #expect(TemporalOrder.decode(TemporalOrder.encode("BbXcXcbE")!) == "BbXcXcbE")
        #expect(TemporalOrder.encode("BbXcXcbE") == [6, 3, 0, 4, 0, 4, 3, 7])
        #expect(TemporalOrder.encode("BzE") == nil)
    }

    /// The NYU course's example: a…x, batch size 4, BPTT period 3.
    @Test func batchificationReproducesTheCourseExample() {
        let corpus = CharacterCorpus(text: "abcdefghijklmnopqrstuvwx")
        let batches = BatchifiedSequence(corpus.indices, batchSize: 4, period: 3)
        #expect(batches.columns.map(corpus.decode) == ["abcdef", "ghijkl", "mnopqr", "stuvwx"])
        let (inputs, targets) = batches.window(0)
        // Rows of the course's matrices are time steps; our arrays are [batch][time].
        let inputRows = (0..<3).map { t in String(inputs.map { corpus.vocabulary[$0[t]] }) }
        let targetRows = (0..<3).map { t in String(targets.map { corpus.vocabulary[$0[t]] }) }
        #expect(inputRows == ["agms", "bhnt", "ciou"])
        #expect(targetRows == ["bhnt", "ciou", "djpv"])
        #expect(batches.windowCount == 2)
        #expect(batches.window(1).inputs.map(corpus.decode) == ["de", "jk", "pq", "vw"])
        #expect(batches.window(1).targets.map(corpus.decode) == ["ef", "kl", "qr", "wx"])
    }

    @Test func echoTargetsLagInputs() {
        var generator = RandomGenerator(seed: 2)
        let echo = SignalEcho(echoStep: 3, length: 40, batchSize: 2, generator: &generator)
        let (inputs, targets) = echo.chunk(0..<40)
        for b in 0..<2 {
            for t in 0..<40 {
                #expect(targets[b, t, 0] == (t < 3 ? 0 : inputs[b, t - 3, 0]))
            }
        }
        #expect(echo.chunkRanges(length: 15) == [0..<15, 15..<30, 30..<40])
        // A later chunk's targets reach back into the previous chunk.
        #expect(echo.chunk(15..<30).targets[0, 0, 0] == inputs[0, 12, 0])
    }

    @Test func addingProblemTargetIsTheSumOfTheMarkedValues() {
        var generator = RandomGenerator(seed: 3)
        let (inputs, targets) = AddingProblem(length: 20).batch(size: 8, generator: &generator)
        for b in 0..<8 {
            let marked = (0..<20).filter { inputs[b, $0, 1] == 1 }
            #expect(marked.count == 2 && marked[0] < 10 && marked[1] >= 10)
            #expect(targets[b, 0] == inputs[b, marked[0], 0] + inputs[b, marked[1], 0])
        }
    }

    @Test func integerAdditionIsCorrectArithmetic() {
        var generator = RandomGenerator(seed: 4)
        let task = IntegerAddition(digits: 1...3)
        for _ in 0..<100 {
            let sample = task.sample(generator: &generator)
            #expect(sample.question == "\(sample.a)+\(sample.b)=")
            #expect(Int(sample.answer) == sample.a + sample.b)
            #expect(String(sample.a).count <= 3)
        }
        let encoded = IntegerAddition.encode("12+3=", length: 8)
        #expect(encoded.count == 8)
        #expect(IntegerAddition.decode(encoded) == "12+3=")
    }

    @Test func reverseTaskReverses() {
        var generator = RandomGenerator(seed: 5)
        let sample = SequenceTransduction(.reverse, alphabetSize: 5, lengths: 3...6).sample(generator: &generator)
        #expect(sample.target == sample.source.reversed())
        #expect((3...6).contains(sample.source.count))
    }
}
