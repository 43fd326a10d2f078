/// UK postcodes: one canonical spelling, so a postcode typed as "sw1a1aa" or " SW1A  1AA "
/// is stored, searched and compared for duplicates as "SW1A 1AA".
///
/// Only the shape is checked (Royal Mail's formats), not that the postcode exists:
/// new-build postcodes appear before any list we could ship.
public enum Postcode {
    /// The postcode in capitals with one space before the inward code, or nil if it
    /// does not have the shape of a UK postcode.
    public static func normalise(_ text: String) -> String? {
        guard let compact = compact(text) else { return nil }
        var spaced = compact
        spaced.insert(" ", at: spaced.index(spaced.endIndex, offsetBy: -3))
        return spaced
    }

    /// The postcode without its space ("NW12AB"), for keys and comparison; nil if invalid.
    public static func key(_ text: String) -> String? {
        compact(text)
    }

    private static func compact(_ text: String) -> String? {
        let chars = Array(text.uppercased().filter { !$0.isWhitespace })
        guard (5...7).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        let string = String(chars)
        // The one postcode outside the pattern (Girobank's, still in use).
        if string == "GIR0AA" { return string }
        let inward = chars.suffix(3), outward = chars.dropLast(3)
        guard isInward(Array(inward)), isOutward(Array(outward)) else { return nil }
        return string
    }

    /// 9AA, the letters never including C, I, K, M, O or V (Royal Mail: they look like
    /// digits or other letters when handwritten).
    private static func isInward(_ c: [Character]) -> Bool {
        let allowed = Set("ABDEFGHJLNPQRSTUWXYZ")
        return c[0].isNumber && allowed.contains(c[1]) && allowed.contains(c[2])
    }

    /// A9, A99, A9A, AA9, AA99 or AA9A.
    private static func isOutward(_ c: [Character]) -> Bool {
        let shape = String(c.map { $0.isLetter ? "A" : "9" })
        return ["A9", "A99", "A9A", "AA9", "AA99", "AA9A"].contains(shape)
    }
}
