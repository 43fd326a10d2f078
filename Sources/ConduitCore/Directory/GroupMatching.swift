import Foundation

/// Duplicate detection before a group is created (DESIGN.md part 2). Groups cross borough
/// boundaries (seed 004: advisers in three boroughs met the same Congolese churches), so
/// one group must have one record, shared, rather than a copy per partnership spelt
/// differently by each adviser.
public enum GroupMatching {
    /// Lowercased, diacritics removed, punctuation and symbols to spaces, spaces collapsed,
    /// trimmed. Used for stored search keys and search terms alike.
    ///
    /// Apostrophes are dropped rather than turned into spaces, so "St Mary's" folds to
    /// "st marys" like the name typed without one, and "Qur'an" stays one word.
    public static func fold(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var result = ""
        var pendingSpace = false
        for scalar in plain.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// fold, then: "&" and the stop words the/of/and/for/in dropped; abbreviations expanded
    /// (ch, ch. → church; st → saint; assoc, assn → association; ctr, center → centre;
    /// intl → international; comm → community; utd → united); common transliterations
    /// unified (mohammed, mohamed, muhammed, mohammad, muhamad → muhammad; masjid, masjed,
    /// mosque → mosque; koran, quran, qur'an → quran; jamia, jamiah, jame → jamia;
    /// gurdwara, gurudwara → gurdwara; madrassa, madrasah, madrassah, madrasa → madrasa);
    /// simple plural s on words longer than 3 letters removed.
    public static func nameKey(_ name: String) -> String {
        fold(name)
            .split(separator: " ")
            .compactMap { word -> String? in
                let word = String(word)
                if stopWords.contains(word) { return nil }
                let unified = synonyms[word] ?? word
                // "Churches" and "Church" name the same group; "ss" is no plural ("Cross").
                if unified.count > 3, unified.hasSuffix("s"), !unified.hasSuffix("ss") {
                    return String(unified.dropLast())
                }
                return unified
            }
            .joined(separator: " ")
    }

    /// 0...1 similarity of two name keys: the larger of the token Jaccard index and
    /// 1 - Levenshtein distance / longer length.
    ///
    /// Jaccard catches the same words in another order ("Masjid Al-Noor", "Al Noor Mosque");
    /// the edit distance catches misspellings ("Emmanuel", "Emanuel").
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        if a == b { return 1 }
        let tokensA = Set(a.split(separator: " ")), tokensB = Set(b.split(separator: " "))
        let jaccard = Double(tokensA.intersection(tokensB).count) / Double(tokensA.union(tokensB).count)
        let scalarsA = Array(a.unicodeScalars), scalarsB = Array(b.unicodeScalars)
        let edits = 1 - Double(levenshtein(scalarsA, scalarsB)) / Double(max(scalarsA.count, scalarsB.count))
        return max(jaccard, edits)
    }

    /// Name keys at least this similar are flagged as likely the same group.
    ///
    /// 0.85 rather than 0.8: groups of different communities often share the rest of their
    /// name, and the name of the community alone differs by a few letters
    /// ("Polish Community Centre" and "Turkish Community Centre" score 0.83, "Somali Women's
    /// Group" and "Bengali Women's Group" 0.79), while one or two slips of typing in a name
    /// of 14 letters or more still score 0.85 or more. The tests hold both sides.
    public static let similarNameThreshold: Double = 0.85

    /// A group already stored, as the check needs it.
    public struct Candidate: Sendable, Equatable {
        public var id: UUID
        public var nameKey: String
        public var postcodeKey: String?
        public var phoneKey: String?

        public init(id: UUID, nameKey: String, postcodeKey: String?, phoneKey: String?) {
            self.id = id
            self.nameKey = nameKey
            self.postcodeKey = postcodeKey
            self.phoneKey = phoneKey
        }
    }

    /// Why a stored group looks like the new one.
    public enum Reason: String, Sendable, CaseIterable {
        case similarName = "similar_name"
        case samePostcode = "same_postcode"
        case samePhone = "same_phone"

        public var title: String {
            switch self {
            case .similarName: "Similar name"
            case .samePostcode: "Same postcode"
            case .samePhone: "Same phone number"
            }
        }
    }

    /// A likely duplicate.
    public struct Match: Sendable, Equatable {
        public var id: UUID
        /// In `Reason.allCases` order.
        public var reasons: [Reason]
        public var nameSimilarity: Double

        public init(id: UUID, reasons: [Reason], nameSimilarity: Double) {
            self.id = id
            self.reasons = reasons
            self.nameSimilarity = nameSimilarity
        }
    }

    /// Stored groups that look like the new one, strongest first (more reasons first, then
    /// higher name similarity). `postcode` and `phone` are as the user typed them.
    ///
    /// A shared postcode or phone number alone is reason enough to show a group: churches
    /// renting one hall, or a group re-registered under a new name, are what the adviser
    /// needs to see before creating another record.
    public static func matches(name: String, postcode: String?, phone: String?, among candidates: [Candidate]) -> [Match] {
        let key = nameKey(name)
        let postcodeKey = postcode.flatMap(Postcode.key)
        let phoneKey = phone.flatMap(PhoneNumber.key)
        var found: [(index: Int, match: Match)] = []
        for (index, candidate) in candidates.enumerated() {
            let score = similarity(key, candidate.nameKey)
            var reasons: [Reason] = []
            if score >= similarNameThreshold { reasons.append(.similarName) }
            if let postcodeKey, postcodeKey == candidate.postcodeKey { reasons.append(.samePostcode) }
            if let phoneKey, phoneKey == candidate.phoneKey { reasons.append(.samePhone) }
            if !reasons.isEmpty {
                found.append((index, Match(id: candidate.id, reasons: reasons, nameSimilarity: score)))
            }
        }
        // Ties keep the order the candidates were given in, so results are repeatable.
        return found.sorted { lhs, rhs in
            if lhs.match.reasons.count != rhs.match.reasons.count { return lhs.match.reasons.count > rhs.match.reasons.count }
            if lhs.match.nameSimilarity != rhs.match.nameSimilarity { return lhs.match.nameSimilarity > rhs.match.nameSimilarity }
            return lhs.index < rhs.index
        }.map(\.match)
    }

    // MARK: - Word lists

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`"]

    private static let stopWords: Set<String> = ["the", "of", "and", "for", "in"]

    /// Abbreviations and the transliterations of Arabic and Punjabi words that advisers
    /// and groups spell in several ways. Keys are folded words (no apostrophes, no dots).
    private static let synonyms: [String: String] = {
        let groups: [String: [String]] = [
            "church": ["ch"],
            "saint": ["st"],
            "association": ["assoc", "assn"],
            "centre": ["ctr", "center"],
            "international": ["intl"],
            "community": ["comm"],
            "united": ["utd"],
            "muhammad": ["mohammed", "mohamed", "muhammed", "mohammad", "muhamad"],
            "mosque": ["masjid", "masjed"],
            "quran": ["koran"],
            "jamia": ["jamiah", "jame"],
            "gurdwara": ["gurudwara"],
            "madrasa": ["madrassa", "madrasah", "madrassah"],
        ]
        var table: [String: String] = [:]
        for (canonical, variants) in groups {
            for variant in variants { table[variant] = canonical }
        }
        return table
    }()

    /// Edit distance with two rows: names are short, and this runs once per stored group.
    private static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
