import Foundation
import Testing
@testable import ConduitCore

/// Issue 13, finding 1: text that cannot be stored as typed is refused, the rest is kept in NFC.
@Suite("Text rules")
struct TextRulesTests {
    @Test("control, separator, format and non-characters are refused, naming the character and where it is",
          arguments: ["\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{AD}", "\u{FFFE}", "\u{E0041}"])
    func refused(character: String) throws {
        // act
        let refusal = try #require(TextRules.refusal(in: "Probe" + character + "Nul"))
        // check
        // A format or tag character may extend the letter before it into one character.
        #expect((5...6).contains(refusal.position))
        #expect(refusal.message.contains(String(format: "U+%04X", refusal.scalar.value)), "\(refusal.message)")
        #expect(throws: TextRules.Refusal.self) { try TextRules.checked("Probe" + character + "Nul") }
    }

    @Test("tabs, line breaks and the writing of the communities Conduit serves are kept",
          arguments: ["Line one\r\nline two\tend", "Hoọ̀ Àbíkẹ́", "می‌خواهم", "ਸ੍ਰੀ ਗੁਰੂ", "👨‍👩‍👧 family", "Gurdwara 🏴󠁧󠁢󠁥󠁮󠁧󠁿", "Soomaali — af-Soomaali", "مسجد"])
    func kept(text: String) throws {
        #expect(TextRules.refusal(in: text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(try TextRules.checked(text) == text.precomposedStringWithCanonicalMapping)
    }

    @Test("a joiner with nothing to join, at either end or beside a space, is refused")
    func strayJoiners() {
        #expect(TextRules.refusal(in: "\u{200D}Noor") != nil)
        #expect(TextRules.refusal(in: "Noor\u{200C}") != nil)
        #expect(TextRules.refusal(in: "Al \u{200D}Noor") != nil)
        #expect(TextRules.refusal(in: "ب\u{200C}ا") == nil)
    }

    @Test("text is stored in NFC: an accent typed as a combining mark is stored as the composed letter")
    func normalForm() throws {
        // setup
        let decomposed = "Cafe\u{301} Zahra"
        // act
        let stored = try TextRules.checked(decomposed)
        // check
        #expect(Array(stored.unicodeScalars) == Array("Caf\u{E9} Zahra".unicodeScalars))
    }

    @Test("a character stacked with more marks than real writing uses is refused, however short it looks")
    func stackedMarks() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 100_000)
        #expect(zalgo.count == 1)
        #expect(TextRules.refusal(in: zalgo)?.message.contains("stacked") == true)
        #expect(TextRules.refusal(in: "a" + String(repeating: "\u{301}", count: 3)) == nil)
    }

    @Test("length limits count bytes too: 100,000 combining marks are not 'one character'")
    func byteLimits() {
        #expect(TextLimit.exceeds(String(repeating: "\u{301}", count: 100_000), characters: 200))
        #expect(!TextLimit.exceeds(String(repeating: "س", count: 200), characters: 200))
        // Bengali and Devanagari: several scalars of three bytes each to a character.
        let bengali = String(repeating: "ক্ষেত্র সমিতি ", count: 14)
        #expect(bengali.count <= 200 && !TextLimit.exceeds(bengali, characters: 200), "\(bengali.count) characters, \(bengali.utf8.count) bytes")
        #expect(!TextLimit.exceeds(String(repeating: "स्त्री ", count: 28), characters: 200))
        #expect(TextLimit.exceeds(String(repeating: "a", count: 201), characters: 200))
    }

    @Test("escaping for the audit trail writes invisible characters out and changes nothing else")
    func escaping() {
        #expect(TextRules.escaped("nobody\u{0}x@example.org") == "nobody\\u{0}x@example.org")
        #expect(TextRules.escaped("tab\tand\nline") == "tab\tand\nline")
        #expect(TextRules.escaped("e\u{301}") == "\u{E9}")
    }

    @Test("property: whatever scalars a text holds, checked text has none of the refused kinds, and escaping is stable and leaves no NUL")
    func property() throws {
        var generator = SeededGenerator(seed: 13)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\t", "\n", "\u{0}", "\u{1F}", "\u{85}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{202E}", "\u{301}", "\u{E9}", "ب", "👩"]
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { scalars.append(pool.randomElement(using: &generator)!) }
            let text = String(scalars)
            if let stored = try? TextRules.checked(text) {
                let categories = stored.unicodeScalars.map(\.properties.generalCategory)
                #expect(!stored.unicodeScalars.contains { $0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0) }, "\(text.debugDescription)")
                #expect(!categories.contains(.lineSeparator) && !categories.contains(.paragraphSeparator))
            }
            let escaped = TextRules.escaped(text)
            #expect(TextRules.escaped(escaped) == escaped)
            #expect(!escaped.unicodeScalars.contains("\u{0}"))
        }
    }
}
