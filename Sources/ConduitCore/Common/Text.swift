extension String {
    /// The text without leading or trailing white space (spaces, tabs, line breaks), worked
    /// out on Unicode scalars. Foundation's `trimmingCharacters(in:)` copies through NSString
    /// on Linux, and imports trim every field of up to a million rows: it was two thirds of
    /// the time of a register import (bench/RESULTS.md).
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(Substring(scalars[first...last]))
    }
}
