import Testing
@testable import ConduitCore

@Suite("Return figures import")
struct ReturnCellsCSVTests {
    let header = "partnership,period,source,category,breakdown,count\n"

    func problems(_ text: String) -> [ImportProblem] {
        guard case .failure(let failure) = ReturnCellsCSV.read(text) else { return [] }
        return failure.problems
    }

    @Test("rows of several returns are read, with their lines")
    func rows() throws {
        // setup
        let text = header + """
            camden,2024-25 Q3,police,22A,total,4
            camden,2024Q3,police,22a,age_band:10_15,"1,200"
            Hackney , 2024/25 q4 ,LOCAL_AUTHORITY, forced_marriage ,Ethnicity:Black, 0\r
            """
        // act
        let rows = try ReturnCellsCSV.read(text).get()
        // check
        #expect(rows == [
            ReturnCellRow(line: 2, partnership: "camden", period: .quarter(startYear: 2024, quarter: 3), source: .police,
                          cell: ReturnCellKey(category: .femaleGenitalMutilation, breakdown: .total), count: 4),
            ReturnCellRow(line: 3, partnership: "camden", period: .quarter(startYear: 2024, quarter: 3), source: .police,
                          cell: ReturnCellKey(category: .femaleGenitalMutilation, breakdown: .ageBand(.from10To15)), count: 1_200),
            ReturnCellRow(line: 4, partnership: "Hackney", period: .quarter(startYear: 2024, quarter: 4), source: .localAuthority,
                          cell: ReturnCellKey(category: .forcedMarriage, breakdown: .ethnicity(.black)), count: 0),
        ])
    }

    @Test("every problem of every row is reported with its line and column")
    func rowProblems() {
        // setup
        let text = header + """
            ,2024-25,fire,22B,age_band:0-4,-1
            camden,2024-26 Q1,police,3A,total,
            camden,2024-25 Q1,police,3A,total,1.5
            """
        // act
        let found = problems(text)
        // check
        #expect(found.map { "\($0.line) \($0.column)" } == [
            "2 partnership", "2 period", "2 source", "2 category", "2 breakdown", "2 count", "3 period", "3 count", "4 count",
        ])
        #expect(found[1].message == "Enter a quarter of the financial year, for example 2024-25 Q3: returns are made per quarter")
        #expect(found[5].message == "Enter the count as a whole number, 0 or more")
        #expect(found[7].message == "Enter the count, or leave the row out if the figure is not given")
    }

    @Test("a row repeating another's cell names both lines")
    func duplicates() {
        // setup: the same cell, the partnership in another case and the period as a key
        let text = header + """
            camden,2024-25 Q3,police,22A,sex:female,4
            camden,2024-25 Q3,health,22A,sex:female,4
            Camden,2024Q3,police,22A,sex:female,5
            """
        // act / check
        #expect(problems(text) == [ImportProblem(line: 4, column: "breakdown",
            message: "Repeats line 2: the same partnership, period, source, category and breakdown. Remove one of the two rows")])
    }

    @Test("a file that cannot be read, or whose header is wrong, is one problem per cause")
    func fileProblems() {
        #expect(problems("") == [ImportProblem(line: 1, column: "",
            message: "The file is empty. The first row must name the columns: partnership,period,source,category,breakdown,count")])
        #expect(problems(header) == [ImportProblem(line: 1, column: "", message: "The file has a header row but no figures")])
        #expect(problems(header + "camden,\"2024-25 Q3,police,22A,total,4\n").map(\.line) == [2])
        #expect(problems("partnership,period,source,category,breakdwon,count\ncamden,2024-25 Q3,police,22A,total,4\n")
            .map(\.column) == ["breakdwon", "breakdown"])
    }

    @Test("columns may come in any order, with spaces and capitals in the header")
    func columnOrder() throws {
        // act
        let rows = try ReturnCellsCSV.read("Count, Category ,breakdown,source,period,partnership\n3,11A,sex:male,health,2023-24 Q2,barnet\n").get()
        // check
        #expect(rows.map(\.count) == [3])
        #expect(rows.first?.cell == ReturnCellKey(category: .childSexualExploitation, breakdown: .sex(.male)))
        #expect(rows.first?.period.key == "2023Q2")
    }
}
