import Foundation

// The code lists of the resource library (issue 17, DESIGN.md part 7): what the advisers made
// and shared in seed 004 (leaflets, letters introducing the work, policy templates and the
// mosque and madrasa protocol, training materials, DVDs, translations). Stored as their codes.

/// What kind of resource it is.
public enum ResourceKind: String, Sendable, CaseIterable, Codable, CodeList {
    case leaflet, letter, policyTemplate = "policy_template", `protocol`, trainingMaterial = "training_material"
    case videoOrLink = "video_or_link", practiceExample = "practice_example", research

    public var title: String {
        switch self {
        case .leaflet: "Leaflet"
        case .letter: "Letter"
        case .policyTemplate: "Policy or procedure template"
        case .protocol: "Protocol"
        case .trainingMaterial: "Training material"
        case .videoOrLink: "Video or link"
        case .practiceExample: "Practice example"
        case .research: "Research or report"
        }
    }
}

/// The topics every partnership files resources under: one shared list, so a search across
/// partnerships finds each other's leaflets (seed 004 finding 14: a central information bank).
public enum ResourceTopic: String, Sendable, CaseIterable, Codable, CodeList {
    case childProtection = "child_protection", femaleGenitalMutilation = "fgm", faithOrBelief = "faith_or_belief"
    case honourBasedAbuse = "honour_based_abuse", forcedMarriage = "forced_marriage", trafficking
    case domesticAbuse = "domestic_abuse", physicalChastisement = "physical_chastisement"
    case saferRecruitment = "safer_recruitment", supplementarySchools = "supplementary_schools"
    case privateFostering = "private_fostering", onlineSafety = "online_safety"

    public var title: String {
        switch self {
        case .childProtection: "Child protection procedures"
        case .femaleGenitalMutilation: "Female genital mutilation"
        case .faithOrBelief: "Abuse linked to faith or belief"
        case .honourBasedAbuse: "Honour-based abuse"
        case .forcedMarriage: "Forced marriage"
        case .trafficking: "Trafficking and exploitation"
        case .domesticAbuse: "Domestic abuse"
        case .physicalChastisement: "Physical chastisement"
        case .saferRecruitment: "Safer recruitment and DBS checks"
        case .supplementarySchools: "Supplementary schools and madrasas"
        case .privateFostering: "Private fostering"
        case .onlineSafety: "Online safety"
        }
    }
}

/// Who a resource is written for.
public enum ResourceAudience: String, Sendable, CaseIterable, Codable, CodeList {
    case communityMembers = "community_members", faithLeaders = "faith_leaders", parents, youngPeople = "young_people"
    case professionals, supplementarySchools = "supplementary_schools"

    public var title: String {
        switch self {
        case .communityMembers: "Community members"
        case .faithLeaders: "Faith leaders"
        case .parents: "Parents"
        case .youngPeople: "Young people"
        case .professionals: "Professionals"
        case .supplementarySchools: "Supplementary schools"
        }
    }
}

/// Who may read a resource: its own partnership, every partnership's signed-in staff, or
/// anyone, on the public library (seed 004 recommendation 5).
public enum ResourceVisibility: String, Sendable, CaseIterable, Codable, CodeList {
    case partnership, allPartnerships = "all_partnerships", `public`

    public var title: String {
        switch self {
        case .partnership: "Our partnership only"
        case .allPartnerships: "All partnerships"
        case .public: "Everyone: the public library"
        }
    }
}

/// Whether a translation still matches its original: one made from an older version than the
/// newest "may be out of date" wherever it appears (issue 17).
public enum TranslationCurrency {
    public static func isOutOfDate(translatesVersion: Int, newestOriginal: Int) -> Bool {
        translatesVersion < newestOriginal
    }
}

/// The words a resource is found by: its title and summary folded as the directory folds
/// names (case, accents, punctuation). Each word is kept with every beginning of it, so a
/// search for "posses" finds "possession" by equality on an indexed column, the same on
/// SQLite and PostgreSQL (no collation decides what a range of text holds).
public enum SearchWords {
    /// Beginnings shorter than this match too much; longer ones are cut to `longest`.
    public static let shortest = 2
    public static let longest = 16

    /// Every beginning of every word of the texts, once.
    public static func prefixes(of texts: [String]) -> Set<String> {
        var found: Set<String> = []
        for word in texts.flatMap({ GroupMatching.fold($0).split(separator: " ") }) {
            let characters = Array(word.prefix(longest))
            if characters.count < shortest { found.insert(String(characters)); continue }
            for length in shortest...characters.count { found.insert(String(characters[0..<length])) }
        }
        return found
    }

    /// The words of a query, each to match the beginning of a word of the resource.
    public static func query(_ text: String) -> [String] {
        Array(Set(GroupMatching.fold(text).split(separator: " ").map { String($0.prefix(longest)) })).sorted()
    }
}
