import Foundation

/// Working days in England and Wales: Monday to Friday, except bank holidays. The holidays
/// follow the Banking and Financial Dealings Act 1971, Schedule 1, as gov.uk lists them
/// (https://www.gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday, the early
/// May and spring bank holidays (first and last Monday of May), the summer bank holiday (last
/// Monday of August), Christmas Day and Boxing Day, each moved to the next weekday when it
/// falls at a weekend; and the days proclaimed once (a jubilee, a state funeral, a coronation).
/// London's partnerships count "10 working days" for an outcome on this calendar.
public enum WorkingDays {
    /// Bank holidays proclaimed for one year only, and the usual ones they replaced (2020 and
    /// 2022 moved the early May and spring holidays).
    static let proclaimed: [Int: (added: [CalendarDate], removed: [CalendarDate])] = [
        2020: ([date(2020, 5, 8)], [date(2020, 5, 4)]),
        2022: ([date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)], [date(2022, 5, 30)]),
        2023: ([date(2023, 5, 8)], []),
    ]

    /// The bank holidays of a year in England and Wales, in date order.
    public static func bankHolidays(in year: Int) -> [CalendarDate] {
        let easter = easterSunday(year)
        var days = [
            weekdayOnOrAfter(date(year, 1, 1)),
            easter.adding(days: -2),
            easter.adding(days: 1),
            firstMonday(year, 5),
            lastMonday(year, 5),
            lastMonday(year, 8),
        ]
        // Christmas Day and Boxing Day at a weekend: each moves to the next weekday free of the other.
        let christmas = weekdayOnOrAfter(date(year, 12, 25))
        var boxingDay = weekdayOnOrAfter(date(year, 12, 26))
        if boxingDay == christmas { boxingDay = weekdayOnOrAfter(christmas.adding(days: 1)) }
        days += [christmas, boxingDay]
        if let change = proclaimed[year] {
            days = days.filter { !change.removed.contains($0) } + change.added
        }
        return days.sorted()
    }

    /// Whether people are at work on that day.
    public static func isWorkingDay(_ day: CalendarDate) -> Bool {
        day.weekday <= 5 && !bankHolidays(in: day.year).contains(day)
    }

    /// The working day `count` working days after `day` (which need not be one itself):
    /// referred on a Friday, 1 working day later is the Monday, or the Tuesday after a bank holiday.
    public static func adding(_ count: Int, to day: CalendarDate) -> CalendarDate {
        precondition(count >= 0, "counts forwards only")
        var current = day
        var left = count
        var holidays = Set(bankHolidays(in: day.year))
        var year = day.year
        while left > 0 {
            current = current.adding(days: 1)
            if current.year != year {
                year = current.year
                holidays = Set(bankHolidays(in: year))
            }
            if current.weekday <= 5 && !holidays.contains(current) { left -= 1 }
        }
        return current
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not later).
    public static func count(from start: CalendarDate, to end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        var total = 0
        var current = start.adding(days: 1)
        while current <= end {
            if isWorkingDay(current) { total += 1 }
            current = current.adding(days: 1)
        }
        return total
    }

    // MARK: - The calendar

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    private static func weekdayOnOrAfter(_ day: CalendarDate) -> CalendarDate {
        day.weekday == 6 ? day.adding(days: 2) : day.weekday == 7 ? day.adding(days: 1) : day
    }

    private static func firstMonday(_ year: Int, _ month: Int) -> CalendarDate {
        let first = date(year, month, 1)
        return first.adding(days: (8 - first.weekday) % 7)
    }

    private static func lastMonday(_ year: Int, _ month: Int) -> CalendarDate {
        let last = date(year, month + 1, 1).adding(days: -1)
        return last.adding(days: -((last.weekday - 1) % 7))
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
    static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return date(year, month, day)
    }
}
