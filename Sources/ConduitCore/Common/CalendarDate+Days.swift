import Foundation

extension CalendarDate {
    /// Whole calendar days from one date to another (negative if `end` is earlier).
    public static func days(from start: CalendarDate, to end: CalendarDate) -> Int {
        let utc = TimeZone(identifier: "UTC")!
        return Int((end.start(in: utc).timeIntervalSince(start.start(in: utc)) / 86_400).rounded())
    }
}
