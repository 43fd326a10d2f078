import Foundation

/// One problem of an import, where the person who made the file can find it. The same
/// shape as the server's `DirectoryImport.RowProblem`, which could become this.
public struct ImportProblem: Equatable, Sendable {
    /// The line of the file, counting the header as line 1.
    public var line: Int
    /// The column's name in the header; empty for a problem of the whole file.
    public var column: String
    public var message: String

    public init(line: Int, column: String, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Every problem of an import that was refused.
public struct ImportProblems: Error, Equatable, Sendable {
    public var problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) {
        self.problems = problems
    }
}

/// One row of an import of return figures.
public struct ReturnCellRow: Equatable, Sendable {
    public var line: Int
    /// As given (trimmed): whether such a partnership exists is for the server to check.
    public var partnership: String
    public var period: ReportingPeriod
    public var source: ReturnSource
    public var cell: ReturnCellKey
    public var count: Int

    public init(line: Int, partnership: String, period: ReportingPeriod, source: ReturnSource, cell: ReturnCellKey, count: Int) {
        self.line = line
        self.partnership = partnership
        self.period = period
        self.source = source
        self.cell = cell
        self.count = count
    }
}

/// Reads a spreadsheet (CSV) of return figures, for one return or many: a row per cell.
///
/// All or nothing (DESIGN.md "Bad input"): either every row reads, or every problem is
/// given with its line and column and nothing should be written. Whether each return's
/// figures then add up is `ReturnValidation`'s, once the server has gathered them.
public enum ReturnCellsCSV {
    public static let columns = ["partnership", "period", "source", "category", "breakdown", "count"]

    public static func read(_ text: String) -> Result<[ReturnCellRow], ImportProblems> {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            return .failure(ImportProblems([ImportProblem(line: error.line, column: "", message: "\(error.message). Save the spreadsheet as CSV (UTF-8) and try again")]))
        }
        guard let header = records.first else {
            return .failure(ImportProblems([ImportProblem(line: 1, column: "", message: "The file is empty. The first row must name the columns: \(columns.joined(separator: ","))")]))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let unknown = names.filter { !$0.isEmpty && !columns.contains($0) }
        let missing = columns.filter { !names.contains($0) }
        guard unknown.isEmpty, missing.isEmpty else {
            let problems = unknown.map { ImportProblem(line: header.line, column: $0, message: "Conduit does not know this column: the columns are \(columns.joined(separator: ", "))") }
                + missing.map { ImportProblem(line: header.line, column: $0, message: "The file has no \($0) column: the first row must name the columns \(columns.joined(separator: ","))") }
            return .failure(ImportProblems(problems))
        }
        guard records.count > 1 else {
            return .failure(ImportProblems([ImportProblem(line: header.line, column: "", message: "The file has a header row but no figures")]))
        }

        var rows: [ReturnCellRow] = []
        var problems: [ImportProblem] = []
        var firstLine: [RowKey: Int] = [:]
        for record in records.dropFirst() {
            func field(_ column: String) -> String {
                let index = names.firstIndex(of: column)!
                return index < record.fields.count ? record.fields[index].trimmedWhitespace : ""
            }
            var rowProblems: [ImportProblem] = []
            func problem(_ column: String, _ message: String) {
                rowProblems.append(ImportProblem(line: record.line, column: column, message: message))
            }

            let partnership = field("partnership")
            if partnership.isEmpty { problem("partnership", "Enter the partnership's code, for example camden") }
            let period = ReportingPeriod(label: field("period")) ?? ReportingPeriod(key: field("period"))
            if period?.isYear ?? true {
                problem("period", "Enter a quarter of the financial year, for example 2024-25 Q3: returns are made per quarter")
            }
            let source = ReturnSource(rawValue: field("source").lowercased())
            if source == nil { problem("source", "Enter one of \(ReturnSource.allCases.map(\.rawValue).joined(separator: ", "))") }
            // Codes as written elsewhere: "22a" is 22A, "Forced_Marriage" is forced_marriage.
            let categoryText = field("category")
            let category = AbuseCategory(rawValue: categoryText.uppercased()) ?? AbuseCategory(rawValue: categoryText.lowercased())
            if category == nil { problem("category", "Enter a category code, for example 22A or honour_based_abuse") }
            let breakdown = Breakdown(key: field("breakdown").lowercased())
            if breakdown == nil { problem("breakdown", "Enter total, or a breakdown such as age_band:0_4, sex:female or ethnicity:black") }
            var count: Int?
            switch ReturnValidation.reading(field("count")) {
            case .count(let value): count = value
            case .blank: problem("count", "Enter the count, or leave the row out if the figure is not given")
            case .notWholeNumber: problem("count", "Enter the count as a whole number, 0 or more")
            case .tooLarge: problem("count", "The count must be \(ReturnValidation.grouped(ReturnValidation.largestCount)) or less")
            }

            guard rowProblems.isEmpty, let period, let source, let category, let breakdown, let count else {
                problems += rowProblems
                continue
            }
            let row = ReturnCellRow(line: record.line, partnership: partnership, period: period, source: source,
                                    cell: ReturnCellKey(category: category, breakdown: breakdown), count: count)
            let key = RowKey(partnership: partnership.lowercased(), period: period, source: source, cell: row.cell)
            if let earlier = firstLine[key] {
                // On the breakdown: a copied row whose breakdown was not changed is the usual slip.
                problems.append(ImportProblem(line: record.line, column: "breakdown", message: "Repeats line \(earlier): the same partnership, period, source, category and breakdown. Remove one of the two rows"))
            } else {
                firstLine[key] = record.line
                rows.append(row)
            }
        }
        return problems.isEmpty ? .success(rows) : .failure(ImportProblems(problems))
    }

    /// The cell a row fills in one return. Partnership codes are compared ignoring case.
    private struct RowKey: Hashable {
        var partnership: String
        var period: ReportingPeriod
        var source: ReturnSource
        var cell: ReturnCellKey
    }
}
