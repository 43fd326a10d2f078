import Foundation

/// Calendar arithmetic on dates without a time: review dates, follow-ups, "due within 30 days".
///
/// Done on day numbers rather than with Foundation's Calendar, so it is exact, fast in
/// reports over many records, and the same on every platform.
extension CalendarDate {
    /// Reads an ISO 8601 date, "YYYY-MM-DD" exactly, as stored and as sent in the API.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date it is now in a time zone (UK time for Conduit's users: just after midnight
    /// UTC in summer is already the next day in London).
    public static func today(in timeZone: TimeZone, now: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(unchecked: parts.year!, parts.month!, parts.day!)
    }

    /// The same day some months later (or earlier, if negative). A day that does not exist
    /// in the target month becomes its last day: 31 January + 1 month is 28 or 29 February,
    /// so a policy reviewed on 29 February 2024 is due on 28 February 2025, not in March.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        return CalendarDate(unchecked: newYear, newMonth, min(day, Self.daysIn(month: newMonth, year: newYear)))
    }

    /// The date some days later (or earlier, if negative).
    public func adding(days: Int) -> CalendarDate {
        Self.date(dayNumber: dayNumber + days)
    }

    /// The day of the week, ISO 8601: Monday 1 to Sunday 7.
    public var weekday: Int {
        // 1 January 1970 was a Thursday.
        ((dayNumber % 7) + 7 + 3) % 7 + 1
    }

    // MARK: - Day numbers

    /// Builds a date the arithmetic above has already made valid, without the
    /// Foundation round trip of the checked initialiser.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar
    /// (Howard Hinnant's days_from_civil).
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `dayNumber` (Howard Hinnant's civil_from_days).
    private static func date(dayNumber: Int) -> CalendarDate {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return CalendarDate(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
