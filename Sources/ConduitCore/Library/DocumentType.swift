import Foundation

/// The kinds of file the library accepts, told by their content's first bytes and not by their
/// names alone: a file renamed `.pdf` is still what its bytes say (issue 17).
public enum DocumentType: String, Sendable, CaseIterable, Codable {
    case pdf, odt, docx, rtf, png, jpeg, text

    public var title: String {
        switch self {
        case .pdf: "PDF"
        case .odt: "OpenDocument text (ODT)"
        case .docx: "Word document (DOCX)"
        case .rtf: "Rich text (RTF)"
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .text: "Plain text"
        }
    }

    /// The type it is served with.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .rtf: "application/rtf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// The endings a file of the type may have.
    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .odt: ["odt"]
        case .docx: ["docx"]
        case .rtf: ["rtf"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .text: ["txt", "text"]
        }
    }

    /// Whether a browser may show it (images, text) rather than save it. Files are served
    /// sandboxed, which Chromium's PDF viewer refuses: a PDF is saved, then opened by the viewer.
    public var opensInBrowser: Bool { [.png, .jpeg, .text].contains(self) }

    /// The type the bytes are, if one the library accepts.
    public static func of(_ bytes: some Collection<UInt8>) -> DocumentType? {
        let head = Array(bytes.prefix(4096))
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("{\\rtf".utf8)) { return .rtf }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return zipped(Array(bytes)) }
        return isPlainText(bytes) ? .text : nil
    }

    /// An OpenDocument file stores its type first, uncompressed, as the entry `mimetype`
    /// (ODF 1.2 part 3 §3.3); a Word file is a ZIP holding `[Content_Types].xml` and `word/`.
    private static func zipped(_ bytes: [UInt8]) -> DocumentType? {
        let odt = Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)
        if bytes.count >= 30 + odt.count, Array(bytes[30..<(30 + odt.count)]) == odt { return .odt }
        let names = [Array("[Content_Types].xml".utf8), Array("word/".utf8)]
        return names.allSatisfy { contains(bytes, $0) } ? .docx : nil
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, Array(bytes[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }

    /// UTF-8 with no control characters but tab, line feed, carriage return and form feed.
    private static func isPlainText(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, let text = String(bytes: Array(bytes), encoding: .utf8) else { return false }
        return !text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(scalar.value)) || scalar.value == 0x7F
        }
    }
}

/// The checks of an uploaded document, each problem in words that say how to put it right.
public enum DocumentCheck {
    /// The largest file the library keeps: leaflets and templates, not films (link those).
    public static let maximumBytes = 10 * 1024 * 1024

    /// The file's type if it may be kept, else what is wrong with it.
    public static func check(name: String, bytes: some Collection<UInt8>) -> Result<DocumentType, DocumentProblem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge(bytes: bytes.count)) }
        let ending = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        guard let type = DocumentType.of(bytes) else { return .failure(.unknownType(ending: ending)) }
        guard type.extensions.contains(ending) else { return .failure(.nameDisagrees(ending: ending, actual: type)) }
        return .success(type)
    }
}

/// Why an upload was refused.
public enum DocumentProblem: Error, Equatable, Sendable {
    case empty
    case tooLarge(bytes: Int)
    case unknownType(ending: String)
    case nameDisagrees(ending: String, actual: DocumentType)

    public var message: String {
        let accepted = "PDF, ODT, DOCX, RTF, PNG, JPEG or plain text"
        switch self {
        case .empty: return "The selected file is empty: choose the document itself"
        case .tooLarge(let bytes):
            return "The selected file is \(Self.megabytes(bytes)): it must be 10 MB or smaller (add a film or a large report as a link)"
        case .unknownType(let ending):
            return "The selected file" + (ending.isEmpty ? "" : " (.\(ending))") + " is not a \(accepted) document: save it as one of those and upload it again"
        case .nameDisagrees(let ending, let actual):
            return "The selected file is named ." + (ending.isEmpty ? "(nothing)" : ending) + " but its content is \(actual.title): "
                + "rename it ." + actual.extensions[0] + " if that is right, or choose the document you meant"
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        // Rounded up, so a file just over the limit does not read as "10.0 MB".
        String(format: "%.1f MB", (Double(bytes) / 1_048_576 * 10).rounded(.up) / 10)
    }
}
