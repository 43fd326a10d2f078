import Foundation
import Testing
@testable import ConduitCore

@Suite("Calendar date arithmetic")
struct CalendarDateArithmeticTests {
    func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("ISO dates are read exactly", arguments: [
        ("2026-11-23", "2026-11-23"), ("2024-02-29", "2024-02-29"), ("0001-01-01", "0001-01-01"),
    ])
    func iso(text: String, expected: String) {
        #expect(CalendarDate(iso: text)?.description == expected)
    }

    @Test("malformed or impossible ISO dates are refused", arguments: [
        "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "26-11-23", "2026/11/23", "2026-11-23T00:00", "", "２０２６-11-23",
    ])
    func badISO(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("adding months keeps the day, or the month's last day", arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2024-02-29", 12, "2025-02-28"),
        ("2026-11-23", 12, "2027-11-23"), ("2026-11-23", -13, "2025-10-23"), ("2026-03-31", -1, "2026-02-28"),
        ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"), ("2026-05-31", 0, "2026-05-31"),
    ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(date(start).adding(months: months) == date(expected))
    }

    @Test("adding days crosses months, years and leap days", arguments: [
        ("2026-11-23", 10, "2026-12-03"), ("2024-02-28", 1, "2024-02-29"), ("2100-02-28", 1, "2100-03-01"),
        ("2000-02-28", 1, "2000-02-29"), ("2026-01-01", -1, "2025-12-31"), ("2026-11-23", 365, "2027-11-23"),
        ("1970-01-01", 0, "1970-01-01"),
    ])
    func addingDays(start: String, days: Int, expected: String) {
        #expect(date(start).adding(days: days) == date(expected))
        #expect(date(expected).adding(days: -days) == date(start))
    }

    @Test("adding days agrees with Foundation's calendar over many dates")
    func addingDaysProperty() {
        // setup: Foundation as the oracle
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SeededGenerator(seed: 2007)
        for _ in 0..<300 {
            let start = CalendarDate(year: Int.random(in: 1900...2200, using: &generator), month: Int.random(in: 1...12, using: &generator),
                                     day: Int.random(in: 1...28, using: &generator))!
            let days = Int.random(in: -5000...5000, using: &generator)
            // act
            let result = start.adding(days: days)
            // check
            let oracle = calendar.date(byAdding: .day, value: days, to: start.start(in: calendar.timeZone))!
            let parts = calendar.dateComponents([.year, .month, .day], from: oracle)
            #expect(result == CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!), "\(start) + \(days)")
            #expect(result.adding(days: -days) == start)
        }
    }

    @Test("today is the date in the given time zone")
    func today() {
        // setup: 23:30 UTC on 30 June is already 1 July in London (BST)
        let now = Date(timeIntervalSince1970: 1_782_862_200)  // 2026-06-30T23:30:00Z
        // act / check
        #expect(CalendarDate.today(in: TimeZone(identifier: "UTC")!, now: now) == date("2026-06-30"))
        #expect(CalendarDate.today(in: TimeZone(identifier: "Europe/London")!, now: now) == date("2026-07-01"))
    }
}

/// SplitMix64: a small random number generator with a seed, so property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
