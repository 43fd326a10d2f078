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

/// Identifiers that sort in the order they were made (UUID version 7, RFC 9562): rows added
/// together land side by side in the primary key's index instead of all over it, which
/// makes a bulk import into a large table several times faster (bench/RESULTS.md).
struct TimeOrderedIDs {
    private let time: UInt64
    private var sequence: UInt64

    init(now: Date = Date()) {
        time = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        sequence = UInt64.random(in: 0...(1 << 40))
    }

    mutating func next() -> UUID {
        sequence += 1
        let high = time << 16 | 0x7000 | (sequence >> 50 & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (sequence & 0x3FFF_FFFF_FFFF_FFFF)
        let bytes = withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
