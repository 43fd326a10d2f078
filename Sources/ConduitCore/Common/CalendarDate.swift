import Foundation

/// A date without a time, as entered in a day / month / year date input.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601, e.g. 2026-11-23.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Midnight at the start of the day in a time zone (UK time for Conduit's users).
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// A time of the day in a time zone: a concern received at 19:30 UK time, summer or winter.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// Reads the three boxes of a date input, following the GOV.UK date input's
    /// error messages. Empty boxes everywhere mean no date (nil, no problem).
    public static func parse(day: String, month: String, year: String, label: String) -> (date: CalendarDate?, problem: String?) {
        let parts = [day, month, year].map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.allSatisfy(\.isEmpty) { return (nil, nil) }
        let names = ["a day", "a month", "a year"]
        let missing = zip(parts, names).filter { $0.0.isEmpty }.map(\.1)
        if !missing.isEmpty {
            return (nil, "\(label) must include \(missing.joined(separator: " and "))")
        }
        guard let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else {
            return (nil, "\(label) must be a real date, in numbers, for example 27 3 2025")
        }
        guard parts[2].count == 4 else { return (nil, "\(label) must include a year with 4 numbers, for example 2025") }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return (nil, "\(label) must be a real date")
        }
        return (date, nil)
    }
}
