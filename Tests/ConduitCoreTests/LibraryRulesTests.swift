import Foundation
import Testing
@testable import ConduitCore

@Suite("Library: document types, editions and search words")
struct LibraryRulesTests {
    static let zipHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26)

    @Test("each accepted type is told by its first bytes", arguments: [
        (Array("%PDF-1.7\n%âãÏÓ\n".utf8), DocumentType.pdf),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], .png),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], .jpeg),
        (Array("{\\rtf1\\ansi Hello}".utf8), .rtf),
        (zipHeader + Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8), .odt),
        (zipHeader + Array("[Content_Types].xml ... word/document.xml".utf8), .docx),
        (Array("Gudniinka waa sharci darro.\r\nتشويه\n".utf8), .text),
    ])
    func detects(bytes: [UInt8], type: DocumentType) {
        #expect(DocumentType.of(bytes) == type)
    }

    @Test("what is none of them is refused: HTML with a NUL, an executable, a ZIP that is neither ODT nor DOCX, invalid UTF-8")
    func refuses() {
        #expect(DocumentType.of(Array("<html>\u{0}</html>".utf8)) == nil)
        #expect(DocumentType.of([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]) == nil)
        #expect(DocumentType.of(Self.zipHeader + Array("payload.exe".utf8)) == nil)
        #expect(DocumentType.of([0xC3, 0x28, 0x41]) == nil)
        #expect(DocumentType.of([]) == nil)
    }

    @Test("a file's name must agree with its bytes, and its size be within the limit")
    func checks() {
        let text = Array("A leaflet\n".utf8)
        #expect(DocumentCheck.check(name: "leaflet.txt", bytes: text) == .success(.text))
        #expect(DocumentCheck.check(name: "LEAFLET.TXT", bytes: text) == .success(.text))
        #expect(DocumentCheck.check(name: "leaflet.pdf", bytes: text) == .failure(.nameDisagrees(ending: "pdf", actual: .text)))
        #expect(DocumentCheck.check(name: "leaflet", bytes: text) == .failure(.nameDisagrees(ending: "", actual: .text)))
        #expect(DocumentCheck.check(name: "photo.jpeg", bytes: [0xFF, 0xD8, 0xFF, 0xDB]) == .success(.jpeg))
        #expect(DocumentCheck.check(name: "empty.txt", bytes: []) == .failure(.empty))
        let large = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: DocumentCheck.maximumBytes)
        #expect(DocumentCheck.check(name: "big.pdf", bytes: large) == .failure(.tooLarge(bytes: large.count)))
        #expect(DocumentProblem.tooLarge(bytes: large.count).message.contains("10 MB or smaller"))
    }

    struct Version: ResourceEdition, Equatable {
        var language: String
        var number: Int
        var translatesVersion: Int
    }

    @Test("the newest original is shown, the newest translation in each language beside it, out of date when made from an older original; the rest kept, newest first")
    func editions() {
        let versions = [Version(language: "en", number: 1, translatesVersion: 1), Version(language: "so", number: 1, translatesVersion: 1),
                        Version(language: "en", number: 2, translatesVersion: 2), Version(language: "ar", number: 1, translatesVersion: 2),
                        Version(language: "so", number: 2, translatesVersion: 1)]
        let editions = ResourceEditions(versions, originalLanguage: "en")
        #expect(editions.current == Version(language: "en", number: 2, translatesVersion: 2))
        #expect(editions.translations.map(\.language) == ["ar", "so"])
        #expect(editions.isOutOfDate(editions.translation(in: "so")!))
        #expect(!editions.isOutOfDate(editions.translation(in: "ar")!))
        #expect(!editions.isOutOfDate(editions.current!))
        #expect(editions.older.count == 2 && editions.older.allSatisfy { $0.number == 1 })
    }

    @Test("a translation is out of date exactly when the original it was made from is older than the newest", arguments: 1...6)
    func outOfDate(newest: Int) {
        for translated in 1...newest {
            #expect(TranslationCurrency.isOutOfDate(translatesVersion: translated, newestOriginal: newest) == (translated < newest))
        }
    }

    @Test("search words: every beginning of every word, folded; a query's words folded the same way")
    func words() {
        let prefixes = SearchWords.prefixes(of: ["Spirit Possession", "Éducation, l'enfant"])
        for prefix in ["sp", "spi", "spirit", "po", "possess", "possession", "ed", "education", "lenfant"] {
            #expect(prefixes.contains(prefix), "\(prefix)")
        }
        #expect(!prefixes.contains("s") && !prefixes.contains("ossession"))
        #expect(SearchWords.query("  POSSES   Witch ") == ["posses", "witch"])
        let long = String(repeating: "a", count: 40)
        #expect(SearchWords.prefixes(of: [long]).map(\.count).max() == SearchWords.longest)
        #expect(SearchWords.query(long) == [String(repeating: "a", count: SearchWords.longest)])
    }
}
