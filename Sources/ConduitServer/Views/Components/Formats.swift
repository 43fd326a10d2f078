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
}
