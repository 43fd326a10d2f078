import Foundation

/// What text Conduit accepts and how it is stored, for every text input (forms, the API,
/// query strings, sign-in, imported files): issue 13, ASVS 5.0 V1.3 and V2.2.
///
/// Refused, because they are invisible, change how other text reads, or do not survive
/// storage: C0 and C1 control characters other than tab and line breaks (SQLite gives text
/// back cut at a NUL, and PostgreSQL refuses one); the line and paragraph separators
/// U+2028/2029; Unicode format characters (Cf: zero-width spaces, bidirectional overrides,
/// the byte order mark), which let two names that look alike differ or make text read in
/// another order than it is stored; noncharacters; and a character stacked with more than
/// `maximumScalarsPerCharacter` marks, which looks like one letter and weighs kilobytes.
///
/// Two format characters are kept where they do their work: the zero-width non-joiner and
/// joiner (U+200C, U+200D) between two visible characters, because Persian, Urdu, Kurdish
/// and the Indic scripts need them to spell words correctly (and emoji sequences use the
/// joiner); and the tag characters of a flag such as England's or Scotland's after U+1F3F4.
/// At the start or end of a text, or beside a space, they have no such use and are refused.
public enum TextRules {
    /// The largest number of Unicode scalars one user-perceived character may hold: real
    /// writing (Devanagari conjuncts, Vietnamese, emoji families) needs far fewer.
    public static let maximumScalarsPerCharacter = 32

    /// Why a text cannot be stored, naming the first character at fault.
    public struct Refusal: Equatable, Sendable, Error {
        /// The first refused scalar.
        public var scalar: Unicode.Scalar
        /// Its position among the characters a person sees, from 1.
        public var position: Int
        /// What is wrong, worded for the person who typed it (without the field's name).
        public var message: String
    }

    /// The text as it is stored (NFC), or why it cannot be.
    public static func checked(_ text: String) throws(Refusal) -> String {
        if isPlainASCII(text) { return text }
        if let refusal = refusal(in: text) { throw refusal }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Printable ASCII, tab and line breaks: always fine, and already in NFC.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// The first reason the text cannot be stored, or nil when it can.
    public static func refusal(in text: String) -> Refusal? {
        if isPlainASCII(text) { return nil }
        var position = 0
        var previous: Unicode.Scalar?
        var inFlagTags = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let after = text.index(after: index)
            position += 1
            let scalars = Array(character.unicodeScalars)
            if scalars.count > maximumScalarsPerCharacter {
                return Refusal(scalar: scalars[0], position: position,
                               message: "character \(position) has \(scalars.count) accents or marks stacked on it: remove them (at most \(maximumScalarsPerCharacter))")
            }
            for (offset, scalar) in scalars.enumerated() {
                // A joiner ends its character (it extends the one before), so what it joins to is the next character's first scalar.
                let next = offset + 1 < scalars.count ? scalars[offset + 1] : (after < text.endIndex ? text[after].unicodeScalars.first : nil)
                if let reason = reason(scalar, previous: previous, next: next, inFlagTags: &inFlagTags) {
                    return Refusal(scalar: scalar, position: position, message: "remove the \(reason) \(describe(scalar)), character \(position) of what you entered: it cannot be stored")
                }
                previous = scalar
            }
            index = after
        }
        return nil
    }

    /// The text with every control, format, separator or non-character written out as
    /// `\u{…}`, in NFC: for records that must keep what was sent, such as the audit trail's
    /// entry for a sign-in with a NUL in its email, and keep it the same bytes on both databases.
    public static func escaped(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let invisible: Bool = switch scalar.properties.generalCategory {
            case .control: !(scalar == "\t" || scalar == "\n" || scalar == "\r")
            case .format, .lineSeparator, .paragraphSeparator: true
            default: scalar.properties.isNoncharacterCodePoint
            }
            if invisible {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output).precomposedStringWithCanonicalMapping
    }

    /// "U+200B ZERO WIDTH SPACE": how a refused character is named in a message.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        let name = scalar.properties.nameAlias ?? scalar.properties.name
        return name.map { "(\(code) \($0))" } ?? "(\(code))"
    }

    private static func reason(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?, inFlagTags: inout Bool) -> String? {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D:
            return nil
        case 0x2028, 0x2029:
            return "line separator character"
        case 0xE0020...0xE007E:
            // Tag letters spell a subdivision flag after the black flag, closed by U+E007F.
            if previous == "\u{1F3F4}" || inFlagTags { inFlagTags = true; return nil }
            return "invisible tag character"
        case 0xE007F:
            defer { inFlagTags = false }
            return inFlagTags ? nil : "invisible tag character"
        case 0x200C, 0x200D:
            if let previous, let next, visible(previous), visible(next) { return nil }
            return "invisible joining character"
        default:
            break
        }
        inFlagTags = false
        if scalar.properties.isNoncharacterCodePoint { return "non-character" }
        switch scalar.properties.generalCategory {
        case .control: return "invisible control character"
        case .format: return "invisible formatting character"
        default: return nil
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: false
        default: true
        }
    }
}

/// Length limits that hold for what is stored as well as for what is seen (issue 13): a
/// name of 200 characters is also at most 200 × 16 bytes, so a "short" text of stacked
/// marks cannot weigh hundreds of kilobytes.
public enum TextLimit {
    /// Bengali, Devanagari and Gurmukhi average four to six bytes a character (a consonant,
    /// a vowel sign, a virama, three bytes each); sixteen leaves room for any real writing.
    public static let bytesPerCharacter = 16

    /// Whether the text is over `characters` characters, or over their weight in bytes.
    public static func exceeds(_ text: String, characters: Int) -> Bool {
        text.utf8.count > characters * bytesPerCharacter || text.count > characters
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
