import Testing
@testable import ConduitCore

@Suite("Return timeliness")
struct ReturnTimelinessTests {
    func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("on time, late, missing or not due yet", arguments: [
        ("2024-07-30", "2024-08-15", Timeliness.onTime),
        ("2024-07-31", "2024-08-15", .onTime),
        ("2024-08-01", "2024-08-15", .late),
        (nil, "2024-07-31", .notDueYet),
        (nil, "2024-07-01", .notDueYet),
        (nil, "2024-08-01", .missing),
    ] as [(String?, String, Timeliness)])
    func timeliness(submitted: String?, today: String, expected: Timeliness) {
        // setup: the deadline of 2024-25 Q1
        let deadline = date("2024-07-31")
        // act
        let result = Timeliness(deadline: deadline, submittedOn: submitted.map(date), today: date(today))
        // check
        #expect(result == expected)
    }

    @Test("the default deadline is the last day of the month after the period", arguments: [
        (ReportingPeriod.quarter(startYear: 2024, quarter: 1), "2024-07-31"),
        (.quarter(startYear: 2024, quarter: 2), "2024-10-31"),
        (.quarter(startYear: 2024, quarter: 3), "2025-01-31"),
        (.quarter(startYear: 2024, quarter: 4), "2025-04-30"),
        (.year(startYear: 2024), "2025-04-30"),
    ])
    func defaultDeadline(period: ReportingPeriod, expected: String) {
        #expect(period.defaultDeadline == date(expected))
    }

    @Test("titles")
    func titles() {
        #expect(Timeliness.allCases.map(\.title) == ["On time", "Late", "Missing", "Not due yet"])
        #expect(Timeliness.allCases.map(\.rawValue) == ["on_time", "late", "missing", "not_due_yet"])
    }
}
