import Foundation

/// A quarter or a whole year of the UK financial year, the periods returns are made for
/// (DESIGN.md part 6).
///
/// Financial year 2024-25 runs from 1 April 2024 to 31 March 2025: Q1 is April to June,
/// Q2 July to September, Q3 October to December and Q4 January to March 2025.
///
/// A year sorts just before its own Q1, as a heading before its parts; the storage `key`
/// sorts the same way as text ("2024" < "2024Q1" < … < "2024Q4" < "2025"), so ordering by
/// the key column in SQL gives the same order.
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year the financial year starts in: 2024 for 2024-25.
    public let startYear: Int
    /// 1 to 4; nil for the whole year.
    public let quarter: Int?

    /// Financial years whose every day is a `CalendarDate` (years 1 to 9999).
    static let startYears = 1...9998

    private init(startYear: Int, quarter: Int?) {
        precondition(Self.startYears.contains(startYear), "financial year \(startYear) is out of range")
        precondition(quarter.map { (1...4).contains($0) } ?? true, "a financial year has quarters 1 to 4")
        self.startYear = startYear
        self.quarter = quarter
    }

    /// Quarter 1 to 4 of the financial year starting in April of `startYear`.
    public static func quarter(startYear: Int, quarter: Int) -> ReportingPeriod {
        ReportingPeriod(startYear: startYear, quarter: quarter)
    }

    /// The whole financial year starting in April of `startYear`.
    public static func year(startYear: Int) -> ReportingPeriod {
        ReportingPeriod(startYear: startYear, quarter: nil)
    }

    /// The quarter a day falls in: 31 March 2025 is in 2024-25 Q4, 1 April 2025 in 2025-26 Q1.
    public static func quarter(containing date: CalendarDate) -> ReportingPeriod {
        date.month >= 4
            ? .quarter(startYear: date.year, quarter: (date.month - 4) / 3 + 1)
            : .quarter(startYear: date.year - 1, quarter: 4)
    }

    public var isYear: Bool { quarter == nil }

    // MARK: - Names

    /// As people write it: "2024-25 Q3", or "2024-25" for the year (the government's style
    /// for financial years; 1999-00 ends in "00").
    public var label: String {
        let years = String(format: "%04d-%02d", startYear, (startYear + 1) % 100)
        return quarter.map { "\(years) Q\($0)" } ?? years
    }

    public var description: String { label }

    /// Reads a label, forgiving the ways people write one: "2024-25 Q3", "2024/25 q3",
    /// "2024–25Q3", "2024-2025 Q3", spaces anywhere. The two years must follow each other.
    public init?(label: String) {
        let text = label.filter { !$0.isWhitespace }.uppercased()
        var years = Substring(text)
        var quarter: Int?
        if let q = text.firstIndex(of: "Q") {
            let number = text[text.index(after: q)...]
            guard number.count == 1, let character = number.first, character.isASCII,
                  let digit = character.wholeNumberValue, (1...4).contains(digit) else { return nil }
            quarter = digit
            years = text[..<q]
        }
        let parts = years.split(omittingEmptySubsequences: false) { "-/–".contains($0) }
        guard parts.count == 2, parts[0].count == 4, [2, 4].contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let start = Int(parts[0]), let end = Int(parts[1]),
              end == (parts[1].count == 2 ? (start + 1) % 100 : start + 1),
              Self.startYears.contains(start) else { return nil }
        self.init(startYear: start, quarter: quarter)
    }

    /// The stored form: "2024Q3" for a quarter, "2024" for the year, the start year always
    /// four digits so keys sort as periods do (see the type's comment).
    public var key: String {
        let year = String(format: "%04d", startYear)
        return quarter.map { "\(year)Q\($0)" } ?? year
    }

    /// Reads a `key`, exactly.
    public init?(key: String) {
        let bytes = Array(key.utf8)
        guard bytes.count == 4 || bytes.count == 6,
              bytes[..<4].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let start = Int(String(key.prefix(4))), Self.startYears.contains(start) else { return nil }
        guard bytes.count == 6 else {
            self.init(startYear: start, quarter: nil)
            return
        }
        guard bytes[4] == UInt8(ascii: "Q"), (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[5]) else { return nil }
        self.init(startYear: start, quarter: Int(bytes[5] - UInt8(ascii: "0")))
    }

    // MARK: - Dates

    /// The first day.
    public var start: CalendarDate {
        CalendarDate(year: startYear, month: 4, day: 1)!.adding(months: 3 * ((quarter ?? 1) - 1))
    }

    /// The last day (inclusive).
    public var end: CalendarDate {
        start.adding(months: isYear ? 12 : 3).adding(days: -1)
    }

    public func contains(_ date: CalendarDate) -> Bool {
        start <= date && date <= end
    }

    // MARK: - Neighbours

    /// The period some periods of the same length later (earlier if negative): quarters
    /// for a quarter, years for a year. 2024-25 Q4 advanced by 1 is 2025-26 Q1.
    public func advanced(by periods: Int) -> ReportingPeriod {
        guard let quarter else { return .year(startYear: startYear + periods) }
        let index = startYear * 4 + (quarter - 1) + periods
        let year = index >= 0 ? index / 4 : (index - 3) / 4
        return .quarter(startYear: year, quarter: index - year * 4 + 1)
    }

    public var next: ReportingPeriod { advanced(by: 1) }
    public var previous: ReportingPeriod { advanced(by: -1) }

    /// What a period is compared with (the jump rule of `ReturnValidation`): the same
    /// quarter a year before, so seasons do not show as changes; for a year, the year before.
    public var samePeriodLastYear: ReportingPeriod {
        .init(startYear: startYear - 1, quarter: quarter)
    }

    /// The financial year a quarter belongs to (a year is its own).
    public var year: ReportingPeriod { .year(startYear: startYear) }

    /// A year's four quarters; a quarter is its own one.
    public var quarters: [ReportingPeriod] {
        quarter == nil ? (1...4).map { .quarter(startYear: startYear, quarter: $0) } : [self]
    }

    /// Every quarter from the first quarter of `first` to the last quarter of `last`, in
    /// order; none if `last` ends before `first` starts.
    public static func quarters(from first: ReportingPeriod, through last: ReportingPeriod) -> [ReportingPeriod] {
        let from = first.quarters[0], through = last.quarters[last.quarters.count - 1]
        guard from <= through else { return [] }
        let count = (through.startYear - from.startYear) * 4 + through.quarter! - from.quarter!
        return (0...count).map { from.advanced(by: $0) }
    }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.startYear, lhs.quarter ?? 0) < (rhs.startYear, rhs.quarter ?? 0)
    }
}

/// Stored and sent as its `key`.
extension ReportingPeriod: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let key = try container.decode(String.self)
        guard let period = ReportingPeriod(key: key) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "No reporting period \(key)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
