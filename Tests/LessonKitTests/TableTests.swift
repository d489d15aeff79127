import Testing
@testable import LessonKit

@Suite struct TableTests {
    @Test func markdownRightAlignsNumbersWithSharedDecimals() {
        var table = Table(columns: ["cell", "hidden", "parameters", "loss"])
        table.add("RNN", 32, 1344, 1.2345)
        table.add("LSTM", 32, 5376, 0.0457)
        table.add("GRU|v2", 32, 4032, 0.5)
        #expect(table.markdown() == """
            | cell | hidden | parameters | loss |
            | --- | ---: | ---: | ---: |
            | RNN | 32 | 1344 | 1.2345 |
            | LSTM | 32 | 5376 | 0.0457 |
            | GRU\\|v2 | 32 | 4032 | 0.5000 |
            """)
        #expect(table.plainText() == """
            cell    hidden  parameters    loss
            ------  ------  ----------  ------
            RNN         32        1344  1.2345
            LSTM        32        5376  0.0457
            GRU|v2      32        4032  0.5000
            """)
    }

    @Test func explicitFormatsAndScientificColumns() {
        var table = Table(columns: ["norm", "accuracy"], formats: ["accuracy": .percent(decimals: 1)])
        table.add(1e-12, 0.9731)
        table.add(3.5e2, 0.5)
        #expect(table.markdown() == """
            | norm | accuracy |
            | ---: | ---: |
            | 1.00e-12 | 97.3% |
            | 3.50e+02 | 50.0% |
            """)
    }

    @Test func numberFormatsFollowPythonSpecifications() {
        #expect(NumberFormat(specification: ".1%")?.string(0.9731) == "97.3%")
        #expect(NumberFormat(specification: ".3f")?.string(-0.0001) == "0.000")
        #expect(NumberFormat(specification: ".2e")?.string(12345) == "1.23e+04")
        #expect(NumberFormat(specification: ",d")?.string(1234567) == "1,234,567")
        #expect(NumberFormat(specification: "d")?.string(41.6) == "42")
        #expect(NumberFormat(specification: ".3g")?.string(0.000123456) == "0.000123")
        #expect(NumberFormat(specification: "")?.string(5) == "5")
        #expect(NumberFormat(specification: "")?.string(0.123456) == "0.1235")
        #expect(NumberFormat(specification: "x") == nil)
        #expect(NumberFormat.automatic.string(.nan) == "nan")
    }
}
