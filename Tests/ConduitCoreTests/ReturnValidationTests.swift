import Foundation
import Testing
@testable import ConduitCore

@Suite("Return validation")
struct ReturnValidationTests {
    func cell(_ category: AbuseCategory, _ breakdown: Breakdown) -> ReturnCellKey {
        ReturnCellKey(category: category, breakdown: breakdown)
    }

    let fgmTotal = ReturnCellKey(category: .femaleGenitalMutilation, breakdown: .total)
    let fgmUnder5 = ReturnCellKey(category: .femaleGenitalMutilation, breakdown: .ageBand(.from0To4))

    // MARK: - The grid

    @Test("breakdowns: the total, then each dimension's values, each with a key that reads back")
    func breakdowns() throws {
        // setup
        let keys = Breakdown.all.map(\.key)
        // check
        #expect(keys == ["total", "age_band:0_4", "age_band:5_9", "age_band:10_15", "age_band:16_17", "age_band:not_known",
                         "sex:female", "sex:male", "sex:not_known",
                         "ethnicity:white", "ethnicity:mixed", "ethnicity:asian", "ethnicity:black", "ethnicity:other",
                         "ethnicity:not_obtained", "ethnicity:refused"])
        #expect(Breakdown.all.allSatisfy { Breakdown(key: $0.key) == $0 })
        #expect(Breakdown.all.map(\.dimension) == [nil] + BreakdownDimension.allCases.flatMap { dimension in
            Breakdown.values(of: dimension).map { _ in dimension }
        })
        #expect(Set(Breakdown.all.map(\.title)).count == Breakdown.all.count)
        #expect(Breakdown.all.map(\.title).prefix(9) == ["Total", "Age 0 to 4", "Age 5 to 9", "Age 10 to 15", "Age 16 to 17",
                                                         "Age not known", "Female", "Male", "Sex not known"])
        #expect(Breakdown.ethnicity(.refused).title == "Ethnic group: Refused")
        #expect(String(decoding: try JSONEncoder().encode([Breakdown.sex(.female)]), as: UTF8.self) == #"["sex:female"]"#)
    }

    @Test("breakdown keys are read exactly", arguments: [
        "", "Total", "age_band", "age_band:", "age_band:0-4", "sex:Female", "ethnicity:WBRI", "colour:red", ":female", "age_band:0_4:x",
    ])
    func badBreakdownKeys(key: String) {
        #expect(Breakdown(key: key) == nil)
    }

    @Test("cells are named for people and for forms")
    func cellNames() {
        // check
        #expect(fgmUnder5.name == "22A Female genital mutilation, age 0 to 4")
        #expect(fgmUnder5.fieldName == "cell.22A.age_band:0_4")
        #expect(cell(.honourBasedAbuse, .total).name == "Honour-based abuse, total")
        #expect(cell(.domesticAbuseOther, .sex(.notKnown)).name
            == "3C Domestic abuse: concerns about another person in the household, sex not known")
        #expect(cell(.forcedMarriage, .ethnicity(.black)).fieldName == "cell.forced_marriage.ethnicity:black")
        #expect(ReturnCellKey.all.count == AbuseCategory.allCases.count * Breakdown.all.count)
        #expect(ReturnCellKey.all.allSatisfy { ReturnCellKey(fieldName: $0.fieldName) == $0 })
        for bad in ["22A.total", "cell.22A", "cell.22a.total", "cell.22A.total.x", "cell..total", "note"] {
            #expect(ReturnCellKey(fieldName: bad) == nil, "\(bad)")
        }
    }

    @Test("every category says what to count, in a sentence of its own")
    func descriptions() {
        // setup
        let descriptions = AbuseCategory.allCases.map(\.description)
        // check
        #expect(Set(descriptions).count == descriptions.count)
        for description in descriptions {
            #expect(description.hasPrefix("Children for whom ") && description.hasSuffix("."), "\(description)")
        }
        #expect(AbuseCategory.honourBasedAbuse.description.contains("perceived honour of a family or community"))
        #expect(AbuseCategory.forcedMarriage.description.contains("no CIN census factor"))
        #expect(AbuseCategory.allCases.map(\.label).prefix(2) == ["22A Female genital mutilation",
                                                                 "23A Abuse linked to faith or belief (including spirit possession)"])
    }

    @Test("sources are stored as the agreed codes")
    func sources() {
        #expect(ReturnSource.allCases.map(\.rawValue) == ["local_authority", "police", "health", "education", "community"])
        #expect(ReturnSource.localAuthority.title == "Local authority children's social care")
        #expect(ReturnSource.community.title == "Community (via adviser)")
    }

    // MARK: - Reading a count

    @Test("whole numbers from 0 are read; blank is not given", arguments: [
        ("0", 0), ("7", 7), (" 12 ", 12), ("\t3\n", 3), ("007", 7), ("1,200", 1200), ("12,345", 12_345), ("1,000,000", 1_000_000),
    ] as [(String, Int?)])
    func counts(text: String, expected: Int?) throws {
        #expect(try ReturnValidation.count(from: text, cell: fgmUnder5).get() == expected)
    }

    @Test("blank entries are not given", arguments: ["", "   ", "\n"])
    func blank(text: String) throws {
        #expect(try ReturnValidation.count(from: text, cell: fgmUnder5).get() == nil)
    }

    @Test("anything but a whole number from 0 is refused, naming the cell", arguments: [
        "1.5", "-2", "abc", "1e3", "+3", "1,20", ",100", "1,,000", "1 000", "12,", "٣", "１", "3 children", "0x10",
    ])
    func notWholeNumbers(text: String) {
        #expect(ReturnValidation.count(from: text, cell: fgmUnder5) == .failure(FieldProblem(
            field: "cell.22A.age_band:0_4",
            message: "Enter the number for 22A Female genital mutilation, age 0 to 4 as a whole number, 0 or more")))
    }

    @Test("counts over a million are refused", arguments: ["1000001", "1,000,001", "99999999999999999999999999"])
    func tooLarge(text: String) {
        #expect(ReturnValidation.count(from: text, cell: fgmUnder5) == .failure(FieldProblem(
            field: "cell.22A.age_band:0_4", message: "The number for 22A Female genital mutilation, age 0 to 4 must be 1,000,000 or less")))
    }

    @Test("a grid's entries are read together, problems in grid order")
    func readingAGrid() {
        // setup
        let entries = [cell(.trafficking, .total): "x", fgmTotal: "5", fgmUnder5: "-1", cell(.forcedMarriage, .total): ""]
        // act
        let (counts, problems) = ReturnValidation.counts(from: entries)
        // check
        #expect(counts == [fgmTotal: 5])
        #expect(problems.map(\.field) == ["cell.22A.age_band:0_4", "cell.12A.total"])
    }

    // MARK: - Breakdowns add up

    @Test("age bands that do not add up to the total are named with both numbers")
    func mismatch() {
        // setup
        let counts = [fgmTotal: 5, fgmUnder5: 3, cell(.femaleGenitalMutilation, .ageBand(.from10To15)): 4]
        // act
        let problems = ReturnValidation.problems(for: counts, lastYear: [:], note: "")
        // check
        #expect(problems == [FieldProblem(field: "cell.22A.total", message: "Age bands for 22A Female genital mutilation add up to 7 but the total is 5. Correct the total or the age bands.")])
    }

    @Test("a breakdown given in part counts its blanks as 0; a total alone needs no breakdown")
    func partialBreakdowns() {
        // setup
        let counts = [fgmTotal: 3, cell(.femaleGenitalMutilation, .sex(.female)): 3,
                      cell(.trafficking, .total): 12]
        // act / check
        #expect(ReturnValidation.problems(for: counts, lastYear: [:], note: "").isEmpty)
    }

    @Test("breakdowns with a blank total ask for the total, once")
    func blankTotal() {
        // setup
        let counts = [fgmUnder5: 2, cell(.femaleGenitalMutilation, .ageBand(.from5To9)): 1,
                      cell(.femaleGenitalMutilation, .sex(.female)): 4]
        // act
        let problems = ReturnValidation.problems(for: counts, lastYear: [:], note: "")
        // check
        #expect(problems == [FieldProblem(field: "cell.22A.total", message: "Enter the total for 22A Female genital mutilation; its age bands add up to 3")])
    }

    @Test("each dimension is checked, categories in grid order")
    func severalProblems() {
        // setup
        let counts = [cell(.forcedMarriage, .total): 2, cell(.forcedMarriage, .ethnicity(.asian)): 3,
                      fgmTotal: 1_500, cell(.femaleGenitalMutilation, .sex(.female)): 1_499,
                      cell(.femaleGenitalMutilation, .ethnicity(.black)): 2]
        // act
        let problems = ReturnValidation.problems(for: counts, lastYear: [:], note: "")
        // check
        #expect(problems.map(\.message) == [
            "Figures by sex for 22A Female genital mutilation add up to 1,499 but the total is 1,500. Correct the total or the figures by sex.",
            "Ethnic groups for 22A Female genital mutilation add up to 2 but the total is 1,500. Correct the total or the ethnic groups.",
            "Ethnic groups for Forced marriage add up to 3 but the total is 2. Correct the total or the ethnic groups.",
        ])
    }

    @Test("a return with no figures cannot be submitted")
    func empty() {
        #expect(ReturnValidation.problems(for: [:], lastYear: [:], note: "") == [FieldProblem(
            field: "cell.22A.total", message: "Enter at least one figure before submitting the return: enter 0 where there were none")])
    }

    @Test("a draft keeps totals that do not add up yet, but not counts out of range")
    func drafts() {
        // setup
        let inconsistent = [fgmTotal: 5, fgmUnder5: 9]
        let outOfRange = [fgmTotal: -1, cell(.trafficking, .sex(.male)): 2_000_000, fgmUnder5: 1]
        // act / check
        #expect(ReturnValidation.problemsForDraft(inconsistent).isEmpty)
        #expect(ReturnValidation.problemsForDraft(outOfRange).map(\.field) == ["cell.22A.total", "cell.12A.sex:male"])
        // check: on submission the sums of a category with a count out of range are not checked
        #expect(ReturnValidation.problems(for: outOfRange, lastYear: [:], note: "").map(\.field) == ["cell.22A.total", "cell.12A.sex:male"])
    }

    // MARK: - Jumps since last year

    @Test("a total more than three times larger or smaller, by more than 5, is a jump", arguments: [
        (2, 12, true), (1, 3, false), (0, 5, false), (0, 6, true), (2, 7, false), (10, 30, false), (10, 31, true),
        (31, 10, true), (30, 10, false), (6, 0, true), (5, 0, false), (100, 120, false),
    ])
    func jumps(lastYear: Int, thisYear: Int, isJump: Bool) {
        // setup
        let counts = [fgmTotal: thisYear]
        // act
        let jumps = ReturnValidation.jumps(in: counts, lastYear: [.femaleGenitalMutilation: lastYear])
        // check
        #expect(jumps == (isJump ? [ReturnJump(category: .femaleGenitalMutilation, lastYear: lastYear, thisYear: thisYear)] : []))
    }

    @Test("a jump must be explained in the note before submitting")
    func jumpNeedsNote() {
        // setup
        let counts = [fgmTotal: 12, cell(.trafficking, .total): 40, cell(.forcedMarriage, .total): 1]
        let lastYear: [AbuseCategory: Int] = [.femaleGenitalMutilation: 2, .trafficking: 10]
        // act
        let withoutNote = ReturnValidation.problems(for: counts, lastYear: lastYear, note: "  \n")
        let withNote = ReturnValidation.problems(for: counts, lastYear: lastYear, note: "New FGM clinic refers to us since May.")
        let higherFactor = ReturnValidation.problems(for: counts, lastYear: lastYear, note: "", factor: 5)
        // check
        #expect(withoutNote == [
            FieldProblem(field: "note", message: "22A Female genital mutilation went from 2 in the same period last year to 12. Explain the change in the note, for example a change in how cases are recorded"),
            FieldProblem(field: "note", message: "12A Trafficking went from 10 in the same period last year to 40. Explain the change in the note, for example a change in how cases are recorded"),
        ])
        #expect(withNote.isEmpty)
        #expect(higherFactor.map { $0.message.prefix(3) } == ["22A"])
    }

    // MARK: - Properties

    /// A grid whose every dimension given adds up to its total; some categories, dimensions
    /// and zero values left blank.
    func consistentGrid(_ generator: inout SeededGenerator) -> [ReturnCellKey: Int] {
        var counts: [ReturnCellKey: Int] = [:]
        for category in AbuseCategory.allCases where Bool.random(using: &generator) {
            let total = Int.random(in: 0...60, using: &generator)
            counts[cell(category, .total)] = total
            for dimension in BreakdownDimension.allCases where Bool.random(using: &generator) {
                let values = Breakdown.values(of: dimension)
                var parts = Array(repeating: 0, count: values.count)
                for _ in 0..<total { parts[Int.random(in: 0..<values.count, using: &generator)] += 1 }
                for (value, part) in zip(values, parts) where part > 0 || Bool.random(using: &generator) {
                    counts[cell(category, value)] = part
                }
            }
        }
        return counts
    }

    @Test("grids whose breakdowns add up have no problems")
    func consistentGridsProperty() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<500 {
            // setup
            let counts = consistentGrid(&generator)
            // act
            let problems = ReturnValidation.problems(for: counts, lastYear: [:], note: "")
            // check
            #expect(problems.isEmpty || (counts.isEmpty && problems.count == 1), "\(problems)")
        }
    }

    @Test("one value changed in a grid that added up gives exactly the problem naming that dimension")
    func mismatchProperty() {
        var generator = SeededGenerator(seed: 1604)
        let valuesNames: [BreakdownDimension: String] = [.ageBand: "age bands", .sex: "figures by sex", .ethnicity: "ethnic groups"]
        for _ in 0..<500 {
            // setup: a consistent grid; one category and dimension given figures if they have none
            var counts = consistentGrid(&generator)
            let category = AbuseCategory.allCases.randomElement(using: &generator)!
            let totalCell = cell(category, .total)
            if counts[totalCell] == nil { counts[totalCell] = 0 }
            let dimension = BreakdownDimension.allCases.randomElement(using: &generator)!
            let values = Breakdown.values(of: dimension).map { cell(category, $0) }
            if values.allSatisfy({ counts[$0] == nil }) { counts[values[0]] = counts[totalCell] }
            let changed = values.randomElement(using: &generator)!
            let before = counts[changed] ?? 0
            var delta = 0
            while delta == 0 { delta = Int.random(in: -before...20, using: &generator) }
            counts[changed] = before + delta
            // act
            let problems = ReturnValidation.problems(for: counts, lastYear: [:], note: "")
            // check
            let sum = values.compactMap { counts[$0] }.reduce(0, +)
            let name = valuesNames[dimension]!
            #expect(sum == counts[totalCell]! + delta)
            #expect(problems == [FieldProblem(field: totalCell.fieldName, message: "\(name.prefix(1).uppercased())\(name.dropFirst()) for \(category.label) add up to \(sum) but the total is \(counts[totalCell]!). Correct the total or the \(name).")])
        }
    }

    @Test("any text reads as a count in range, blank, or a problem naming the cell; never a crash")
    func randomTextProperty() {
        var generator = SeededGenerator(seed: 22)
        let pieces = ["0", "1", "2", "5", "9", "99999", ",", " ", ".", "-", "+", "e", "x", "\n", "٣", "１", "½", "é", "\u{301}", "\"", "🙂"]
        for _ in 0..<3_000 {
            // setup
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            // act
            let result = ReturnValidation.count(from: text, cell: fgmUnder5)
            // check
            switch result {
            case .success(nil):
                #expect(text.allSatisfy { $0.isWhitespace })
            case .success(let value?):
                #expect((0...ReturnValidation.largestCount).contains(value))
                #expect(Int(text.filter { $0.isASCII && $0.isNumber }) == value, "\(text)")
            case .failure(let problem):
                #expect(problem.field == fgmUnder5.fieldName)
                #expect(problem.message.contains("22A Female genital mutilation, age 0 to 4"))
            }
        }
    }
}

@Suite("Two-source comparison")
struct SourceComparisonTests {
    @Test("seed 004's gap is flagged; small or proportionate gaps are not", arguments: [
        (3, 29, true), (0, 29, true), (29, 3, true), (1, 3, false), (0, 5, false), (0, 6, true), (20, 26, false), (10, 22, true), (7, 7, false),
    ])
    func flag(localAuthority: Int, police: Int, flagged: Bool) {
        #expect(SourceComparison(localAuthority: localAuthority, police: police).differs() == flagged)
    }

    @Test("difference and ratio read police against the local authority")
    func figures() {
        let comparison = SourceComparison(localAuthority: 4, police: 29)
        #expect(comparison.difference == 25)
        #expect(comparison.ratio == 7.25)
        #expect(SourceComparison(localAuthority: 0, police: 2).ratio == nil)
    }
}
