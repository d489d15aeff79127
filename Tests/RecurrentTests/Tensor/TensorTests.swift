import Testing
@testable import Recurrent

@Suite struct TensorTests {
    @Test func indexesRowMajor() {
        let tensor = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        #expect(tensor[0, 2] == 2)
        #expect(tensor[1, 0] == 3)
        #expect(tensor.rank == 2)
        #expect(tensor.count == 6)
    }

    @Test func reshapeKeepsValues() {
        let tensor = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5]).reshaped([3, 2])
        #expect(tensor.shape == [3, 2])
        #expect(tensor[2, 1] == 5)
    }

    @Test func matrixTimesTransposed() {
        let a = Tensor(rows: [[1, 2], [3, 4], [5, 6]])
        let b = Tensor(rows: [[1, 0], [0, 1], [1, 1], [2, -1]])
        let product = a.matmul(transposed: b)
        #expect(product.shape == [3, 4])
        #expect(product.scalars == [1, 2, 3, 0, 3, 4, 7, 2, 5, 6, 11, 4])
    }

    @Test func describesMatricesAligned() {
        let tensor = Tensor(rows: [[1, -0.5], [0.25, 10]])
        #expect(tensor.description == """
            [[ 1.0000, -0.5000],
             [ 0.2500, 10.0000]]
            """)
    }

    @Test func describesRankThreeWithBlankLineBetweenMatrices() {
        let tensor = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        #expect(tensor.description(decimals: 1) == """
            [[[1.0, 2.0]],

             [[3.0, 4.0]]]
            """)
    }

    @Test func describesNegativeZeroUnsignedAndSpecialValues() {
        let tensor = Tensor([-0.00001, .nan, -.infinity])
        #expect(tensor.description(decimals: 2) == "[0.00,  nan, -inf]")
    }
}

@Suite struct TensorHelperTests {
    @Test func argmaxPicksTheLargestPerRowAndTheFirstOnTies() {
        let logits = Tensor(rows: [[0.1, 0.9, 0.3], [2, 2, 1], [-1, -3, -0.5]])
        #expect(logits.argmaxLastAxis() == [1, 0, 2])
        #expect(accuracy([1, 0, 2], [1, 1, 2]) == Float(2) / 3)
    }

    @Test func randomTensorsAreSeeded() {
        var first = RandomGenerator(seed: 3)
        var second = RandomGenerator(seed: 3)
        #expect(Tensor.uniform([2, 3], -1, 1, generator: &first) == Tensor.uniform([2, 3], -1, 1, generator: &second))
        #expect(Tensor.normal([4], generator: &first).shape == [4])
    }
}
