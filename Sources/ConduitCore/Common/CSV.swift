import Foundation

/// Comma-separated values as RFC 4180 defines them, for imports and exports that open in
/// a spreadsheet.
public enum CSV {
    /// One record and the line of the file it starts on (1-based, counting the header as line 1).
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The file cannot be read as CSV at all.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var line: Int
        /// Worded for the person who made the file, without the line number.
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Parses text: strips a UTF-8 BOM, accepts CRLF, LF or CR line ends, quoted fields
    /// with "" escapes and embedded newlines; skips completely empty lines; an unterminated
    /// quote or a quote inside an unquoted field is a SyntaxError naming the line, and so is a
    /// value `TextRules` refuses; values come back in NFC.
    ///
    /// Works on the UTF-8 bytes: every byte that matters (comma, quote, CR, LF) is ASCII and
    /// never part of a multi-byte character, so fields can be cut out of the buffer directly.
    /// Imports run to a million rows.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var text = text
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { parse(bytes: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
        var records = try result.get()
        // Every value is held to the rules of typed text (issue 13): a file is one more way in.
        for r in records.indices {
            for f in records[r].fields.indices {
                do {
                    records[r].fields[f] = try TextRules.checked(records[r].fields[f])
                } catch {
                    throw SyntaxError(line: records[r].line, message: "Value \(f + 1) of the line: \(error.message)")
                }
            }
        }
        return records
    }

    /// One line of output, CRLF-terminated: fields quoted when they contain comma, quote, CR
    /// or LF; a field starting with =, @, tab or CR, or starting with + or - and not looking
    /// like a number or phone number, is prefixed with a single quote so spreadsheets do not
    /// run it as a formula (OWASP CSV injection).
    public static func line(_ fields: [String]) -> String {
        // A lone empty field is written as "" so the line is not read back as an empty
        // line and skipped.
        if fields == [""] { return "\"\"\r\n" }
        var output = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(",") }
            let safe = defused(field)
            var needsQuotes = false, hasQuote = false
            for byte in safe.utf8 where byte == comma || byte == quote || byte == cr || byte == lf {
                needsQuotes = true
                if byte == quote { hasQuote = true }
            }
            if needsQuotes {
                output.append("\"")
                if hasQuote {
                    // By scalar, not Character: a quote followed by a combining mark is one
                    // Character that a Character-level replace would miss.
                    for scalar in safe.unicodeScalars {
                        if scalar == "\"" { output.unicodeScalars.append(scalar) }
                        output.unicodeScalars.append(scalar)
                    }
                } else {
                    output.append(safe)
                }
                output.append("\"")
            } else {
                output.append(safe)
            }
        }
        output.append("\r\n")
        return output
    }

    // MARK: - Formula injection

    /// The field as it is safe to give a spreadsheet (OWASP "CSV Injection"): a leading
    /// quote makes Excel, LibreOffice and Google Sheets show the text instead of running it.
    static func defused(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), cr:
            return "'" + field
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            // Numbers ("-5", "+1.5") and phone numbers ("+44 20 7946 0000") are common in
            // our data and harmless: no letters, so no function or command can be named.
            return looksNumeric(field.utf8.dropFirst()) ? field : "'" + field
        default:
            return field
        }
    }

    private static func looksNumeric(_ rest: Substring.UTF8View) -> Bool {
        var digits = 0
        for byte in rest {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"),
                 UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: return false
            }
        }
        return digits > 0
    }

    // MARK: - Parsing

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<[Record], SyntaxError> {
        let end = bytes.count
        var i = 0
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var records: [Record] = []
        var fields: [String] = []
        var recordLine = 1
        var atRecordStart = true
        var scratch: [UInt8] = []

        /// Steps over CRLF, LF or CR at `i`.
        func skipLineEnd() {
            i += (bytes[i] == cr && i + 1 < end && bytes[i + 1] == lf) ? 2 : 1
            line += 1
        }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        while i < end {
            if atRecordStart {
                if bytes[i] == cr || bytes[i] == lf {
                    skipLineEnd()  // a completely empty line
                    continue
                }
                recordLine = line
                atRecordStart = false
            }
            if bytes[i] == quote {
                let openedOn = line
                i += 1
                var start = i
                scratch.removeAll(keepingCapacity: true)
                while true {
                    guard i < end else {
                        return .failure(SyntaxError(line: openedOn, message: "A value in quotes has no closing quote mark"))
                    }
                    let byte = bytes[i]
                    if byte == quote {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                        if i + 1 < end, bytes[i + 1] == quote {  // "" stands for one quote mark
                            scratch.append(quote)
                            i += 2
                            start = i
                            continue
                        }
                        i += 1
                        break
                    }
                    if byte == lf || (byte == cr && !(i + 1 < end && bytes[i + 1] == lf)) { line += 1 }
                    i += 1
                }
                fields.append(String(decoding: scratch, as: UTF8.self))
                if i < end, bytes[i] != comma, bytes[i] != cr, bytes[i] != lf {
                    return .failure(SyntaxError(line: line, message: "A closing quote mark must be followed by a comma or the end of the line"))
                }
            } else {
                let start = i
                while i < end, bytes[i] != comma, bytes[i] != cr, bytes[i] != lf {
                    if bytes[i] == quote {
                        return .failure(SyntaxError(line: line, message: "A quote mark is inside a value that does not start with one: put the whole value in quotes and double the quote mark"))
                    }
                    i += 1
                }
                fields.append(string(start..<i))
            }
            // After a field: a comma (another field follows, perhaps empty at the very end),
            // a line end, or the end of the text.
            if i < end, bytes[i] == comma {
                i += 1
                if i == end { fields.append("") }
                else { continue }
            } else if i < end {
                skipLineEnd()
            }
            records.append(Record(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
            atRecordStart = true
        }
        return .success(records)
    }
}
