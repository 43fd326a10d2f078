import Foundation

/// A major group of the DfE ethnicity codes.
public enum EthnicityMajor: String, CaseIterable, Codable, Sendable {
    case white
    case mixed
    case asian
    case black
    case other
    case notObtained = "not_obtained"
    case refused

    public var title: String {
        switch self {
        case .white: "White"
        case .mixed: "Mixed or multiple ethnic groups"
        case .asian: "Asian or Asian British"
        case .black: "Black, African, Caribbean or Black British"
        case .other: "Other ethnic group"
        case .notObtained: "Information not yet obtained"
        case .refused: "Refused"
        }
    }
}

/// A minor (main) DfE ethnicity code, e.g. BAFR Black African.
public struct EthnicityCode: Hashable, Codable, Sendable {
    public let code: String
    public let title: String
    public let major: EthnicityMajor

    public init(code: String, title: String, major: EthnicityMajor) {
        self.code = code
        self.title = title
        self.major = major
    }
}

/// The DfE ethnicity main codes, used for participants so that training figures can be set
/// beside the school census and children in need census (DESIGN.md "Code lists"). The
/// community of origin a register also records ("Somali", "Kurdish" in seed 003) is free
/// detail beside the code, not a code.
public enum Ethnicity {
    /// Every main code, in the DfE's order; its source named in a comment.
    ///
    /// Source: DfE common basic data set (CBDS), ethnicity main codes, as used by the
    /// school census and the children in need census for 2024 to 2025. The DfE document
    /// could not be fetched while this was written, so the list is from knowledge of the
    /// CBDS and should be checked against the current CBDS when it changes.
    /// - Chinese (CHNE): DfE's statistics now group it under Asian (the GSS harmonised
    ///   standard), no longer as a major group of its own, so it is `.asian` here and
    ///   listed with the Asian codes rather than in its old CBDS place after the Black
    ///   ones, so that a list grouped by major group stays in one piece.
    /// - Arab: the 2021 census category has no main code in this version (Arab is an
    ///   extended code that rolls up to OOTH), so it is not listed.
    public static let codes: [EthnicityCode] = [
        EthnicityCode(code: "WBRI", title: "White British", major: .white),
        EthnicityCode(code: "WIRI", title: "White Irish", major: .white),
        EthnicityCode(code: "WIRT", title: "Traveller of Irish heritage", major: .white),
        EthnicityCode(code: "WOTH", title: "Any other White background", major: .white),
        EthnicityCode(code: "WROM", title: "Gypsy or Roma", major: .white),
        EthnicityCode(code: "MWBC", title: "White and Black Caribbean", major: .mixed),
        EthnicityCode(code: "MWBA", title: "White and Black African", major: .mixed),
        EthnicityCode(code: "MWAS", title: "White and Asian", major: .mixed),
        EthnicityCode(code: "MOTH", title: "Any other mixed background", major: .mixed),
        EthnicityCode(code: "AIND", title: "Indian", major: .asian),
        EthnicityCode(code: "APKN", title: "Pakistani", major: .asian),
        EthnicityCode(code: "ABAN", title: "Bangladeshi", major: .asian),
        EthnicityCode(code: "AOTH", title: "Any other Asian background", major: .asian),
        EthnicityCode(code: "CHNE", title: "Chinese", major: .asian),
        EthnicityCode(code: "BCRB", title: "Black Caribbean", major: .black),
        EthnicityCode(code: "BAFR", title: "Black African", major: .black),
        EthnicityCode(code: "BOTH", title: "Any other Black background", major: .black),
        EthnicityCode(code: "OOTH", title: "Any other ethnic group", major: .other),
        EthnicityCode(code: "REFU", title: "Refused", major: .refused),
        EthnicityCode(code: "NOBT", title: "Information not yet obtained", major: .notObtained),
    ]

    /// Other wordings that imports meet, keyed by their normalised form. The CBDS's own
    /// titles ("Black - African", "White - British") already match once punctuation is
    /// ignored; "Gypsy / Roma" and the short forms of NOBT do not.
    private static let otherTitles: [String: String] = [
        "gypsy roma": "WROM",
        "not obtained": "NOBT",
        "information not obtained": "NOBT",
    ]

    /// The main code with this code, ignoring case ("bafr" finds BAFR).
    public static func code(_ code: String) -> EthnicityCode? {
        let wanted = code.uppercased()
        return codes.first { $0.code == wanted }
    }

    /// Reads an import value: a code ("BAFR") or a title ("Black African"), ignoring case.
    /// Punctuation and spacing are ignored too, so the CBDS wording "Black - African" reads.
    public static func parse(_ text: String) -> EthnicityCode? {
        let trimmed = text.trimmedWhitespace
        if let found = code(trimmed) { return found }
        let key = normalised(trimmed)
        guard !key.isEmpty else { return nil }
        if let found = codes.first(where: { normalised($0.title) == key }) { return found }
        return otherTitles[key].flatMap { code($0) }
    }

    /// Lower case words separated by single spaces: "Black - African" → "black african".
    private static func normalised(_ text: String) -> String {
        text.lowercased()
            .split { !$0.isLetter && !$0.isNumber }
            .joined(separator: " ")
    }
}
