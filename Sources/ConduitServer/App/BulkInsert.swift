import Foundation
import SQLKit

/// What a part's transaction needs of each table it writes in bulk, whatever the table's row.
protocol BulkTable: AnyObject, Sendable {
    var table: String { get }
    var written: Int { get }
    func flush(on sql: any SQLDatabase) async throws
}

/// Rows of one table written many to a statement: one prepared INSERT carries as many
/// rows as the database allows parameters (SQLite 32,766; PostgreSQL 65,535), so a
/// million rows are a few hundred statements, not a million. A row is a small struct whose
/// coding keys are the table's columns (its snake_case property names), so a value cannot
/// land in another column's place. A reference, used by one task.
final class BulkInsert<Row: Encodable & Sendable>: BulkTable, @unchecked Sendable {
    let table: String
    /// The table this one's rows refer to: written first, so every reference finds its row.
    private let parent: (any BulkTable)?
    private let encoder = BulkRowEncoder()
    /// Read from the first row: every row of one type encodes the same keys in the same order.
    private var columns: [String] = []
    private var rowsPerStatement = 1
    private var rows: [[any Encodable & Sendable]] = []
    private(set) var written = 0

    init(_ table: String, after parent: (any BulkTable)? = nil) {
        self.table = table
        self.parent = parent
    }

    func add(_ row: Row, on sql: any SQLDatabase) async throws {
        let values = try encoder.values(of: row, recordingKeys: columns.isEmpty)
        if columns.isEmpty {
            columns = encoder.keys
            rowsPerStatement = max(1, 30_000 / columns.count)
        }
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values)
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

/// Reads a row's values in the order of its coding keys, each as the type it has in the row:
/// a nil stays a nil of its column's type, so PostgreSQL is told the type of every parameter.
/// Rows are flat: text, numbers, flags, UUIDs, dates and optionals of them.
private final class BulkRowEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var current: [any Encodable & Sendable] = []
    private(set) var keys: [String] = []
    private var recordsKeys = false

    /// The row's values; with `recordingKeys`, its keys are kept in `keys` as well.
    func values(of row: some Encodable, recordingKeys: Bool) throws -> [any Encodable & Sendable] {
        recordsKeys = recordingKeys
        current = []
        current.reserveCapacity(keys.count)
        try row.encode(to: self)
        return current
    }

    fileprivate func append(_ value: any Encodable & Sendable, _ key: some CodingKey) {
        current.append(value)
        if recordsKeys { keys.append(key.stringValue) }
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("A bulk row is a struct of columns, not a list") }
    func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("A bulk row is a struct of columns, not one value") }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: BulkRowEncoder
        var codingPath: [any CodingKey] { [] }

        private func unsupported(_ value: Any, _ key: Key) -> EncodingError {
            .invalidValue(value, .init(codingPath: [key], debugDescription: "A bulk row's column holds text, a number, a flag, a UUID or a date"))
        }

        mutating func encodeNil(forKey key: Key) throws { throw unsupported(Optional<Int>.none as Any, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.append(value, key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            switch value {
            case let value as UUID: encoder.append(value, key)
            case let value as Date: encoder.append(value, key)
            default: throw unsupported(value, key)
            }
        }

        // The standard library's defaults leave a nil out, which would shift every later column.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { encoder.append(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { encoder.append(value, key) }

        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            switch T.self {
            case is UUID.Type: encoder.append(value as? UUID, key)
            case is Date.Type: encoder.append(value as? Date, key)
            default: throw unsupported(value as Any, key)
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey _: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("A bulk row's column holds one value")
        }
        mutating func nestedUnkeyedContainer(forKey _: Key) -> any UnkeyedEncodingContainer { preconditionFailure("A bulk row's column holds one value") }
        mutating func superEncoder() -> any Encoder { preconditionFailure("A bulk row has no superclass") }
        mutating func superEncoder(forKey _: Key) -> any Encoder { preconditionFailure("A bulk row has no superclass") }
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
