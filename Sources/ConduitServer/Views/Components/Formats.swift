import Foundation

/// Dates and times as people in the UK read them.
enum Formats {
    static let ukTimeZone = TimeZone(identifier: "Europe/London")!

    private static let dateTimeFormat = Date.FormatStyle(date: .long, time: .shortened, locale: Locale(identifier: "en_GB"), timeZone: ukTimeZone)
    private static let dateFormat = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: ukTimeZone)

    /// "23 November 2026 at 15:19".
    static func dateTime(_ date: Date?) -> String {
        date.map { $0.formatted(dateTimeFormat) } ?? "Never"
    }

    /// "23 November 2026".
    static func date(_ date: Date?) -> String {
        date.map { $0.formatted(dateFormat) } ?? "Never"
    }

    /// "19:30" in UK time, as a time box is filled in.
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ukTimeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
