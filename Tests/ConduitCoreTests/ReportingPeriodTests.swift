import Foundation
import Testing
@testable import ConduitCore

@Suite("Reporting periods")
struct ReportingPeriodTests {
    func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("labels and keys", arguments: [
        (ReportingPeriod.quarter(startYear: 2024, quarter: 3), "2024-25 Q3", "2024Q3"),
        (.quarter(startYear: 2024, quarter: 4), "2024-25 Q4", "2024Q4"),
        (.year(startYear: 2024), "2024-25", "2024"),
        (.year(startYear: 1999), "1999-00", "1999"),
        (.quarter(startYear: 2009, quarter: 1), "2009-10 Q1", "2009Q1"),
        (.quarter(startYear: 999, quarter: 2), "0999-00 Q2", "0999Q2"),
    ])
    func names(period: ReportingPeriod, label: String, key: String) {
        #expect(period.label == label)
        #expect(period.description == label)
        #expect(period.key == key)
        #expect(ReportingPeriod(label: label) == period)
        #expect(ReportingPeriod(key: key) == period)
    }

    @Test("labels are read the ways people write them", arguments: [
        "2024-25 Q3", "2024/25 Q3", "2024-25 q3", " 2024 - 25  Q 3 ", "2024–25 Q3", "2024-2025 Q3", "2024/25Q3",
    ])
    func forgivingLabels(text: String) {
        #expect(ReportingPeriod(label: text) == .quarter(startYear: 2024, quarter: 3))
    }

    @Test("labels that are not a financial year or quarter are refused", arguments: [
        "", "2024", "2024-26 Q3", "2024-24", "2024-25 Q5", "2024-25 Q0", "2024-25 Q", "2024-25 Q12", "24-25 Q3",
        "2024-025", "2024-25-26", "Q3 2024-25x", "2024.25 Q3", "+024-25", "２０２４-25 Q3", "9999-00", "0000-01",
    ])
    func badLabels(text: String) {
        #expect(ReportingPeriod(label: text) == nil)
    }

    @Test("keys are read exactly", arguments: ["2024q3", "2024Q5", "2024Q0", "24Q3", "2024-25", "2024 Q3", "0000", "9999", "+024"])
    func badKeys(text: String) {
        #expect(ReportingPeriod(key: text) == nil)
    }

    @Test("start and end days of quarters and years", arguments: [
        (ReportingPeriod.quarter(startYear: 2024, quarter: 1), "2024-04-01", "2024-06-30"),
        (.quarter(startYear: 2024, quarter: 2), "2024-07-01", "2024-09-30"),
        (.quarter(startYear: 2024, quarter: 3), "2024-10-01", "2024-12-31"),
        (.quarter(startYear: 2024, quarter: 4), "2025-01-01", "2025-03-31"),
        (.year(startYear: 2024), "2024-04-01", "2025-03-31"),
    ])
    func dates(period: ReportingPeriod, start: String, end: String) {
        #expect(period.start == date(start))
        #expect(period.end == date(end))
    }

    @Test("31 March is in Q4 of the year before; 1 April starts Q1", arguments: [
        ("2025-03-31", ReportingPeriod.quarter(startYear: 2024, quarter: 4)),
        ("2025-04-01", .quarter(startYear: 2025, quarter: 1)),
        ("2025-01-01", .quarter(startYear: 2024, quarter: 4)),
        ("2024-12-31", .quarter(startYear: 2024, quarter: 3)),
        ("2024-06-30", .quarter(startYear: 2024, quarter: 1)),
        ("2024-07-01", .quarter(startYear: 2024, quarter: 2)),
        ("2024-02-29", .quarter(startYear: 2023, quarter: 4)),
    ])
    func quarterContaining(day: String, expected: ReportingPeriod) {
        #expect(ReportingPeriod.quarter(containing: date(day)) == expected)
    }

    @Test("next and previous cross financial years")
    func neighbours() {
        // setup
        let q4 = ReportingPeriod.quarter(startYear: 2024, quarter: 4)
        let q1 = ReportingPeriod.quarter(startYear: 2025, quarter: 1)
        // check
        #expect(q4.next == q1)
        #expect(q1.previous == q4)
        #expect(ReportingPeriod.quarter(startYear: 2024, quarter: 2).next == .quarter(startYear: 2024, quarter: 3))
        #expect(ReportingPeriod.year(startYear: 2024).next == .year(startYear: 2025))
        #expect(ReportingPeriod.year(startYear: 2024).previous == .year(startYear: 2023))
        #expect(q4.samePeriodLastYear == .quarter(startYear: 2023, quarter: 4))
        #expect(ReportingPeriod.year(startYear: 2024).samePeriodLastYear == .year(startYear: 2023))
        #expect(q1.advanced(by: -9) == .quarter(startYear: 2022, quarter: 4))
    }

    @Test("a year holds its four quarters; a quarter knows its year")
    func yearsAndQuarters() {
        // setup
        let year = ReportingPeriod.year(startYear: 2024)
        // check
        #expect(year.quarters.map(\.label) == ["2024-25 Q1", "2024-25 Q2", "2024-25 Q3", "2024-25 Q4"])
        #expect(year.quarters.allSatisfy { $0.year == year })
        #expect(year.year == year)
        #expect(year.quarters[2].quarters == [year.quarters[2]])
        #expect(year.isYear && !year.quarters[0].isYear)
    }

    @Test("quarters from one period through another")
    func range() {
        // setup
        let q3 = ReportingPeriod.quarter(startYear: 2023, quarter: 3)
        let q2 = ReportingPeriod.quarter(startYear: 2024, quarter: 2)
        // act / check
        #expect(ReportingPeriod.quarters(from: q3, through: q2).map(\.key) == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"])
        #expect(ReportingPeriod.quarters(from: q3, through: q3) == [q3])
        #expect(ReportingPeriod.quarters(from: q2, through: q3).isEmpty)
        #expect(ReportingPeriod.quarters(from: .year(startYear: 2023), through: .year(startYear: 2024)).count == 8)
        #expect(ReportingPeriod.quarters(from: .year(startYear: 2024), through: .year(startYear: 2024))
            == ReportingPeriod.year(startYear: 2024).quarters)
    }

    @Test("periods sort in time, a year just before its Q1, as their keys sort")
    func order() {
        // setup
        let periods: [ReportingPeriod] = [.quarter(startYear: 2025, quarter: 1), .year(startYear: 2024), .quarter(startYear: 2024, quarter: 4),
                                          .year(startYear: 2025), .quarter(startYear: 2024, quarter: 1), .quarter(startYear: 999, quarter: 2)]
        // act
        let sorted = periods.sorted()
        // check
        #expect(sorted.map(\.key) == ["0999Q2", "2024", "2024Q1", "2024Q4", "2025", "2025Q1"])
        #expect(periods.map(\.key).sorted() == sorted.map(\.key))
    }

    @Test("stored and sent as the key")
    func codable() throws {
        // setup
        let periods: [ReportingPeriod] = [.quarter(startYear: 2024, quarter: 3), .year(startYear: 2024)]
        // act
        let encoded = try JSONEncoder().encode(periods)
        // check
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2024Q3","2024"]"#)
        #expect(try JSONDecoder().decode([ReportingPeriod].self, from: encoded) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReportingPeriod.self, from: Data(#""2024-25 Q3""#.utf8)) }
    }

    // MARK: - Properties

    @Test("advancing there and back returns to the start; labels and keys read back")
    func advancingProperty() {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<500 {
            // setup
            let period = ReportingPeriod.quarter(startYear: Int.random(in: 1990...2100, using: &generator),
                                                 quarter: Int.random(in: 1...4, using: &generator))
            let n = Int.random(in: -300...300, using: &generator)
            // act
            let moved = period.advanced(by: n)
            // check
            #expect(moved.advanced(by: -n) == period, "\(period) by \(n)")
            #expect((moved > period) == (n > 0) && (moved == period) == (n == 0))
            #expect(ReportingPeriod(label: moved.label) == moved)
            #expect(ReportingPeriod(key: moved.key) == moved)
            #expect(ReportingPeriod.quarters(from: min(period, moved), through: max(period, moved)).count == abs(n) + 1)
        }
    }

    @Test("quarters follow one another without gaps, and every day maps back to its quarter")
    func everyDay() {
        // setup: every day of 1998-04-01 to 2030-03-31, leap years and century years included
        var quarter = ReportingPeriod.quarter(startYear: 1998, quarter: 1)
        var day = quarter.start
        let last = date("2030-03-31")
        var quartersSeen = 0
        while day <= last {
            // act
            let found = ReportingPeriod.quarter(containing: day)
            // check
            if found != quarter {
                #expect(found == quarter.next, "\(day)")
                #expect(found.start == quarter.end.adding(days: 1))
                quarter = found
                quartersSeen += 1
            }
            #expect(quarter.contains(day) && quarter.year.contains(day))
            day = day.adding(days: 1)
        }
        #expect(quartersSeen == 32 * 4 - 1)
        #expect(quarter.end == last)
    }
}
