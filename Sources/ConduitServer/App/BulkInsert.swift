import Foundation
import SQLKit

/// Rows of one table written many to a statement: one prepared INSERT carries as many
/// rows as the database allows parameters (SQLite 32,766; PostgreSQL 65,535), so a
/// million rows are a few hundred statements, not a million. A reference, used by one task.
final class BulkInsert: @unchecked Sendable {
    let table: String
    let columns: [String]
    private let rowsPerStatement: Int
    /// The table this one's rows refer to: written first, so every reference finds its row.
    private let parent: BulkInsert?
    private var rows: [[any Encodable & Sendable]] = []
    private(set) var written = 0

    init(_ table: String, columns: [String], after parent: BulkInsert? = nil) {
        self.table = table
        self.columns = columns
        self.parent = parent
        rowsPerStatement = max(1, 30_000 / columns.count)
    }

    func add(_ row: [any Encodable & Sendable], on sql: any SQLDatabase) async throws {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        rows.append(row)
        if rows.count >= rowsPerStatement { try await flush(on: sql) }
    }

    func flush(on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        try await parent?.flush(on: sql)
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row) }
        try await insert.run()
        written += rows.count
        rows.removeAll(keepingCapacity: true)
    }
}

/// Progress of long work on the terminal: a bar redrawn in place, or a line every tenth
/// when the output is a file (CI logs).
struct ProgressBar {
    private let interactive = isatty(STDOUT_FILENO) == 1
    private var lastShown = -1

    mutating func show(_ phase: String, done: Int, of total: Int) {
        let percent = total == 0 ? 100 : min(100, done * 100 / total)
        guard percent != lastShown, interactive || (percent % 10 == 0 && percent > 0) else { return }
        lastShown = percent
        let width = 30, filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "[\(bar)] \(String(format: "%3d", percent))% \(phase) \(done.formatted()) of \(total.formatted())"
        if interactive {
            print("\r\(line)\u{1B}[K", terminator: percent == 100 ? "\n" : "")
            fflush(nil)
        } else {
            print(line)
        }
        if percent == 100 { lastShown = -1 }
    }
}
