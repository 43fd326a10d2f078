import Foundation
import Testing
@testable import ConduitCore

@Suite("CSV")
struct CSVTests {
    @Test("plain and quoted fields, with doubled quote marks")
    func quotes() throws {
        // act
        let records = try CSV.parse("name,notes\nAl Noor,\"Meets Fridays, 6pm\"\n\"St Mary's \"\"Upper\"\" Hall\",\n")
        // check
        #expect(records == [
            CSV.Record(line: 1, fields: ["name", "notes"]),
            CSV.Record(line: 2, fields: ["Al Noor", "Meets Fridays, 6pm"]),
            CSV.Record(line: 3, fields: ["St Mary's \"Upper\" Hall", ""]),
        ])
    }

    @Test("a newline inside quotes stays in the field, and later records keep their real line numbers")
    func embeddedNewline() throws {
        // act
        let records = try CSV.parse("a,b\n1,\"line one\nline two\r\nline three\"\n2,x\n")
        // check
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["1", "line one\nline two\r\nline three"])
        #expect(records[2].fields == ["2", "x"])
    }

    @Test("CRLF, LF and CR line ends", arguments: ["\r\n", "\n", "\r"])
    func lineEnds(end: String) throws {
        // act
        let records = try CSV.parse(["h1,h2", "a,b", "c,d"].joined(separator: end) + end)
        // check
        #expect(records == [CSV.Record(line: 1, fields: ["h1", "h2"]), CSV.Record(line: 2, fields: ["a", "b"]),
                            CSV.Record(line: 3, fields: ["c", "d"])])
    }

    @Test("a byte order mark is not part of the first header")
    func byteOrderMark() throws {
        let records = try CSV.parse("\u{FEFF}postcode,name\r\nE1 6AN,Café Réunion\r\n")
        #expect(records.first?.fields == ["postcode", "name"])
        #expect(records.last?.fields == ["E1 6AN", "Café Réunion"])
    }

    @Test("empty lines are skipped but counted")
    func emptyLines() throws {
        // act
        let records = try CSV.parse("\n\nh\r\n\r\n\r\nx\n,\n\n")
        // check
        #expect(records == [CSV.Record(line: 3, fields: ["h"]), CSV.Record(line: 6, fields: ["x"]),
                            CSV.Record(line: 7, fields: ["", ""])])
    }

    @Test("edge cases at the end of the text", arguments: [
        ("a,b", [["a", "b"]]), ("a,", [["a", ""]]), ("\"a\"", [["a"]]), ("\"\"", [[""]]), ("", []), ("\u{FEFF}", []),
        (",,", [["", "", ""]]), ("\"a\nb\"", [["a\nb"]]), ("中文,😀\n", [["中文", "😀"]]),
    ])
    func ends(text: String, expected: [[String]]) throws {
        #expect(try CSV.parse(text).map(\.fields) == expected)
    }

    @Test("bad quoting is an error naming the line", arguments: [
        ("h\nok\n\"never closed,x\ny\n", 3, "A value in quotes has no closing quote mark"),
        ("h\nab\"c\n", 2, "A quote mark is inside a value that does not start with one: put the whole value in quotes and double the quote mark"),
        ("h\n\"a\nb\"x,y\n", 3, "A closing quote mark must be followed by a comma or the end of the line"),
        ("h\r\n\r\n\"a\" ,b\r\n", 3, "A closing quote mark must be followed by a comma or the end of the line"),
    ])
    func syntaxErrors(text: String, line: Int, message: String) {
        // act / check
        #expect(throws: CSV.SyntaxError(line: line, message: message)) {
            try CSV.parse(text)
        }
    }

    @Test("output lines quote only what needs quoting")
    func output() {
        #expect(CSV.line(["a", "b c", ""]) == "a,b c,\r\n")
        #expect(CSV.line(["x,y", "say \"hi\"", "two\nlines", "cr\r"]) == "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n")
        #expect(CSV.line([""]) == "\"\"\r\n")
        #expect(CSV.line(["\"\u{301}"]) == "\"\"\"\u{301}\"\r\n")
        #expect(CSV.line([]) == "\r\n")
    }

    @Test("fields a spreadsheet would run as formulas are defused", arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("@x", "'@x"), ("-cmd", "'-cmd"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("\tx", "'\tx"), ("-2+3", "'-2+3"), ("+", "'+"), ("-", "'-"),
        ("+44 20 7946 0000", "+44 20 7946 0000"), ("-5", "-5"), ("-5.25", "-5.25"), ("+44 (0)20 7946 0000", "+44 (0)20 7946 0000"),
        ("Sum = 3", "Sum = 3"), ("a@b.org", "a@b.org"), ("", ""),
    ])
    func formulaInjection(field: String, expected: String) {
        #expect(CSV.defused(field) == expected)
    }

    @Test("a defused field is written quoted when it needs to be")
    func defusedOutput() throws {
        // setup: CR at the start must be defused and quoted
        let line = CSV.line(["=1+1", "\rx", "-1,5"])
        // check
        #expect(line == "'=1+1,\"'\rx\",\"-1,5\"\r\n")
        #expect(try CSV.parse(line).first?.fields == ["'=1+1", "'\rx", "-1,5"])
    }

    @Test("a byte order mark inside a value, or a NUL, is refused with its line; one at the start of the file is not a value")
    func invisibleCharacters() throws {
        #expect(try CSV.parse("\u{FEFF}name\nNoor\n").map(\.fields) == [["name"], ["Noor"]])
        #expect(throws: CSV.SyntaxError(line: 2, message: "Value 2 of the line: remove the invisible control character (U+0000), character 3 of what you entered: it cannot be stored")) {
            try CSV.parse("name,notes\nNoor,ab\u{0}c\n")
        }
    }

    @Test("lines written and read back give the same fields (200 generated rows)")
    func roundTrip() throws {
        // setup: fields from an alphabet full of the characters that need care
        var generator = SeededGenerator(seed: 4180)
        let alphabet: [Character] = ["a", "Z", "0", "9", " ", ",", "\"", "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", "é", "中", "😀", "\u{301}"]
        var rows: [[String]] = []
        for _ in 0..<200 {
            let fieldCount = Int.random(in: 1...6, using: &generator)
            rows.append((0..<fieldCount).map { _ in
                String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            })
        }
        // act
        let text = rows.map(CSV.line).joined()
        let records = try CSV.parse(text)
        // check: every row comes back, unchanged but for the defusing quote and NFC, on the right line
        #expect(records.count == rows.count)
        var expectedLine = 1
        for (row, record) in zip(rows, records) {
            #expect(record.line == expectedLine)
            #expect(record.fields == row.map { CSV.defused($0).precomposedStringWithCanonicalMapping }, "row \(row)")
            // CRLF is one Character, so this counts line ends as the parser does.
            expectedLine += CSV.line(row).reduce(0) { $1.isNewline ? $0 + 1 : $0 }
        }
    }

    @Test("a large file parses in one pass")
    func large() throws {
        // setup
        let row = "P000123,Somali Community Association,Female,16-24,\"Hackney, Tower Hamlets\",yes\r\n"
        let text = String(repeating: row, count: 20_000)
        // act
        let records = try CSV.parse(text)
        // check
        #expect(records.count == 20_000)
        #expect(records.last == CSV.Record(line: 20_000, fields: ["P000123", "Somali Community Association", "Female", "16-24",
                                                                  "Hackney, Tower Hamlets", "yes"]))
    }
}

@Suite("Trimming white space")
struct TrimmedWhitespaceTests {
    @Test("leading and trailing spaces, tabs, line breaks and no-break spaces go; inner ones and accents stay", arguments: [
        (" a ", "a"), ("\t\na  b\r\n", "a  b"), ("", ""), ("   ", ""), ("é\u{00A0}", "é"), ("\u{2003}Somali community", "Somali community"), ("x", "x"),
    ])
    func trims(text: String, expected: String) {
        #expect(text.trimmedWhitespace == expected)
        #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "as Foundation trims")
    }
}
