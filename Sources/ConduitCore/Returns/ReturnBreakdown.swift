/// What the count of a category is broken down by (DESIGN.md part 6: "counts per
/// category and breakdown (age band, sex, ethnicity group)").
public enum BreakdownDimension: String, CaseIterable, Codable, Sendable {
    case ageBand = "age_band"
    case sex
    case ethnicity

    public var title: String {
        switch self {
        case .ageBand: "Age band"
        case .sex: "Sex"
        case .ethnicity: "Ethnic group"
        }
    }

    /// The dimension's values named together in a sentence: "the age bands add up to 7".
    var valuesName: String {
        switch self {
        case .ageBand: "age bands"
        case .sex: "figures by sex"
        case .ethnicity: "ethnic groups"
        }
    }
}

/// A child's age band in a return.
///
/// The bands of the DfE's children in need statistics (under 1, 1 to 4, 5 to 9, 10 to 15,
/// 16 and over, as recalled), with under 1 joined to 1 to 4 because counts that small would
/// only be suppressed, and 16 to 17 since a return counts children. Not the training
/// `AgeBand`, whose bands are for adults.
public enum ReturnAgeBand: String, CaseIterable, Codable, Sendable {
    case from0To4 = "0_4"
    case from5To9 = "5_9"
    case from10To15 = "10_15"
    case from16To17 = "16_17"
    case notKnown = "not_known"

    public var title: String {
        switch self {
        case .from0To4: "0 to 4"
        case .from5To9: "5 to 9"
        case .from10To15: "10 to 15"
        case .from16To17: "16 to 17"
        case .notKnown: "Not known"
        }
    }
}

/// A child's sex as the agency recorded it on its case record.
///
/// Not the training `Gender`: that is how adults describe themselves on a register, this is
/// what an agency's system holds about a child, where "not known" covers a missing or
/// unspecified entry.
public enum ReturnSex: String, CaseIterable, Codable, Sendable {
    case female
    case male
    case notKnown = "not_known"

    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .notKnown: "Not known"
        }
    }
}

/// One column of a return's grid: a category's total, or one value of one dimension.
///
/// The ethnic groups are the DfE major groups (`EthnicityMajor`), the level the children in
/// need census is published at, so the figures can be set beside it.
public enum Breakdown: Hashable, Sendable {
    case total
    case ageBand(ReturnAgeBand)
    case sex(ReturnSex)
    case ethnicity(EthnicityMajor)

    /// Every column in grid order: the total, then each dimension's values in order.
    public static let all: [Breakdown] = [.total] + BreakdownDimension.allCases.flatMap(values(of:))

    /// A dimension's values in order.
    public static func values(of dimension: BreakdownDimension) -> [Breakdown] {
        switch dimension {
        case .ageBand: ReturnAgeBand.allCases.map(Breakdown.ageBand)
        case .sex: ReturnSex.allCases.map(Breakdown.sex)
        case .ethnicity: EthnicityMajor.allCases.map(Breakdown.ethnicity)
        }
    }

    /// The dimension the value belongs to; nil for the total.
    public var dimension: BreakdownDimension? {
        switch self {
        case .total: nil
        case .ageBand: .ageBand
        case .sex: .sex
        case .ethnicity: .ethnicity
        }
    }

    /// The stored form, also used in form field names and imports: "total",
    /// "age_band:0_4", "sex:female", "ethnicity:black".
    public var key: String {
        switch self {
        case .total: "total"
        case .ageBand(let band): "age_band:\(band.rawValue)"
        case .sex(let sex): "sex:\(sex.rawValue)"
        case .ethnicity(let group): "ethnicity:\(group.rawValue)"
        }
    }

    /// Reads a `key`, exactly.
    public init?(key: String) {
        if key == "total" {
            self = .total
            return
        }
        let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let dimension = BreakdownDimension(rawValue: String(parts[0])) else { return nil }
        let value = String(parts[1])
        let found: Breakdown? = switch dimension {
        case .ageBand: ReturnAgeBand(rawValue: value).map(Breakdown.ageBand)
        case .sex: ReturnSex(rawValue: value).map(Breakdown.sex)
        case .ethnicity: EthnicityMajor(rawValue: value).map(Breakdown.ethnicity)
        }
        guard let found else { return nil }
        self = found
    }

    /// The column named on its own, as in a problem message: "Total", "Age 0 to 4",
    /// "Female", "Sex not known", "Ethnic group: Refused".
    public var title: String {
        switch self {
        case .total: "Total"
        case .ageBand(let band): "Age \(band.title.lowercased())"
        case .sex(.notKnown): "Sex not known"
        case .sex(let sex): sex.title
        case .ethnicity(let group): "Ethnic group: \(group.title)"
        }
    }
}

/// Stored and sent as its `key`, so a breakdown reads the same in the database, the API
/// and an import.
extension Breakdown: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let key = try container.decode(String.self)
        guard let breakdown = Breakdown(key: key) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "No breakdown \(key)")
        }
        self = breakdown
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
