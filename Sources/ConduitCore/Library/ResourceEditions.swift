import Foundation

/// A version of a resource as the editions rule needs it: its language, its number in that
/// language, and the original's version it is or was translated from.
public protocol ResourceEdition {
    var language: String { get }
    var number: Int { get }
    var translatesVersion: Int { get }
}

/// Which of a resource's versions is shown: the newest original, the newest translation in
/// each language (marked out of date when made from an older original), and the rest, kept
/// and still downloadable (issue 17).
public struct ResourceEditions<Version: ResourceEdition> {
    public let originalLanguage: String
    /// The newest version of the original; nil only for a resource with no version yet.
    public let current: Version?
    /// The newest translation in each language, by language code.
    public let translations: [Version]
    /// Every version but those shown, newest first.
    public let older: [Version]

    public init(_ versions: [Version], originalLanguage: String) {
        self.originalLanguage = originalLanguage
        let newestFirst = versions.sorted { ($0.language, -$0.number) < ($1.language, -$1.number) }
        var shown: [String: Version] = [:]
        var older: [Version] = []
        for version in newestFirst {
            if shown[version.language] == nil { shown[version.language] = version } else { older.append(version) }
        }
        current = shown[originalLanguage]
        translations = shown.filter { $0.key != originalLanguage }.sorted { $0.key < $1.key }.map(\.value)
        self.older = older.sorted { $0.number > $1.number }
    }

    /// Whether a translation was made from an older original than the newest.
    public func isOutOfDate(_ version: Version) -> Bool {
        guard version.language != originalLanguage, let current else { return false }
        return TranslationCurrency.isOutOfDate(translatesVersion: version.translatesVersion, newestOriginal: current.number)
    }

    /// The newest translation in a language, if there is one.
    public func translation(in language: String) -> Version? {
        translations.first { $0.language == language }
    }
}
