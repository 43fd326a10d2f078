import Foundation
import Testing
@testable import ConduitCore

@Suite("Concerns: working days, timeliness and code lists")
struct ConcernRulesTests {
    func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    let london = TimeZone(identifier: "Europe/London")!

    /// A moment in UK time, "YYYY-MM-DD HH:MM".
    func moment(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = london
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    // The lists gov.uk publishes for England and Wales (https://www.gov.uk/bank-holidays).
    @Test("bank holidays are gov.uk's for England and Wales, substitutes and proclaimed days included", arguments: [
        (2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"]),
        (2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"]),
        (2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"]),
        (2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]),
        (2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
        (2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
    ])
    func bankHolidays(year: Int, expected: [String]) {
        #expect(WorkingDays.bankHolidays(in: year).map(\.description) == expected)
    }

    @Test("the day of the week", arguments: [("1970-01-01", 4), ("2026-12-02", 3), ("2026-12-06", 7), ("2027-03-29", 1), ("2000-02-29", 2)])
    func weekday(day: String, expected: Int) {
        #expect(date(day).weekday == expected)
    }

    @Test("ten working days skip weekends and the Christmas and New Year bank holidays", arguments: [
        ("2026-12-17", 10, "2027-01-05"),  // Thu: 18, 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5 Jan
        ("2026-12-04", 1, "2026-12-07"),   // a Friday's next working day is the Monday
        ("2026-04-02", 1, "2026-04-07"),   // Maundy Thursday: Good Friday and Easter Monday pass
        ("2026-12-05", 0, "2026-12-05"),
    ])
    func addingWorkingDays(start: String, count: Int, expected: String) {
        #expect(WorkingDays.adding(count, to: date(start)) == date(expected))
    }

    @Test("property: n working days later is a working day, n working days away, and later for more days")
    func workingDayProperties() {
        var random = SeededGenerator(seed: 16)
        for _ in 0..<300 {
            // setup: any day from 2020 to 2028, any count up to three months of working days
            let start = date("2020-01-01").adding(days: Int.random(in: 0...3300, using: &random))
            let count = Int.random(in: 1...60, using: &random)
            // act
            let end = WorkingDays.adding(count, to: start)
            // check
            #expect(WorkingDays.isWorkingDay(end), "\(end) after \(start)")
            #expect(WorkingDays.count(from: start, to: end) == count)
            #expect(WorkingDays.adding(count + 1, to: start) > end)
        }
    }

    @Test("a concern is referred within 24 hours of receipt, or 1 hour when a child is in danger now")
    func referralTime() {
        let received = moment("2026-12-01 19:05")
        func flags(urgent: Bool, referred: String?, now: String) -> [ConcernTimeliness.Flag] {
            ConcernTimeliness(receivedAt: received, urgent: urgent, referredAt: referred.map(moment), decidedOn: nil,
                              now: moment(now), timeZone: london).flags
        }
        #expect(flags(urgent: false, referred: nil, now: "2026-12-02 19:04") == [])
        #expect(flags(urgent: false, referred: nil, now: "2026-12-02 19:06") == [.referralOverdue])
        #expect(flags(urgent: true, referred: nil, now: "2026-12-01 20:06") == [.referralOverdue])
        #expect(flags(urgent: true, referred: "2026-12-01 19:50", now: "2026-12-02 09:00") == [])
        #expect(flags(urgent: true, referred: "2026-12-01 21:00", now: "2026-12-02 09:00") == [.referredLate])
    }

    @Test("an outcome is due 10 working days after the referral, counted in UK days")
    func outcomeTime() {
        // setup: referred on Thursday 17 December 2026 at 23:30 UK time (already the 17th in London)
        let referred = moment("2026-12-17 23:30")
        func timeliness(decided: String?, now: String) -> ConcernTimeliness {
            ConcernTimeliness(receivedAt: moment("2026-12-17 22:00"), urgent: false, referredAt: referred, decidedOn: decided.map(date),
                              now: moment(now), timeZone: london)
        }
        // check
        #expect(timeliness(decided: nil, now: "2027-01-05 17:00").outcomeDue == date("2027-01-05"))
        #expect(timeliness(decided: nil, now: "2027-01-05 17:00").flags == [])
        #expect(timeliness(decided: nil, now: "2027-01-06 09:00").flags == [.outcomeOverdue])
        #expect(timeliness(decided: "2027-01-06", now: "2027-01-07 09:00").flags == [])
    }

    @Test("a concern about a person in a position of trust offers the LADO first; the codes are stored and read back")
    func codeLists() {
        #expect(ConcernRoute.offered(positionOfTrust: true).first == .lado)
        #expect(ConcernRoute.offered(positionOfTrust: false) == ConcernRoute.allCases)
        #expect(Set(ConcernRoute.offered(positionOfTrust: true)) == Set(ConcernRoute.allCases))
        // Harmful practices keep the returns' codes, so counts line up with the community source of a return.
        #expect(ConcernCategory(code: "22A") == .harmfulPractice(.femaleGenitalMutilation))
        #expect(ConcernCategory.allCases.allSatisfy { ConcernCategory(code: $0.code) == $0 })
        #expect(Set(ConcernCategory.allCases.map(\.code)).count == ConcernCategory.allCases.count)
        #expect(ConcernCategory(code: "nonsense") == nil)
        #expect(ConsentDecision.allCases.filter(\.needsReason) == [.refused, .notSought])
        #expect(ConcernOutcome.allCases.filter { !$0.isDecision } == [.acknowledged])
    }
}
