import ConduitCore
import Foundation

/// The rows of a register file checked against its header: the rules of a participant
/// entered at the door, with messages naming the line and column. Shared by a session's
/// register upload and the bulk import of many sessions' registers.
struct RegisterRows {
    /// A register file's columns, in the order a download writes them.
static let columns = ["name", "referring_organisation", "ethnicity", "ethnicity_detail", "gender", "age_band", "partnership_of_residence", "role", "attended"]

    let header: [String]
    private let positions: [String: Int]
    private let groupsByName: [String: UUID]
    private let groups: Set<UUID>
    private let partnerships: Set<UUID>
    private let partnershipCodes: [String: UUID]
    /// Folded names already looked up: a register names the same few organisations again and again.
    private var referrers: [String: UUID?] = [:]

    /// `extraColumns` are read by the caller (the bulk import's `session_id`).
    init(header record: CSV.Record?, groups: [EngagementStore.GroupOption], partnerships: [UUID], partnershipCodes: [String: UUID],
         extraColumns: [String] = []) throws(DirectoryImport.FileProblem) {
        let columns = Self.columns
        guard let record else {
            throw DirectoryImport.FileProblem(message: "The file is empty. The first row must name the columns: \((extraColumns + columns).joined(separator: ", "))")
        }
        let header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }
        let unknown = header.filter { !$0.isEmpty && !columns.contains($0) && !extraColumns.contains($0) && $0 != "reference" }
        if !unknown.isEmpty {
            throw DirectoryImport.FileProblem(message: "The file has columns Conduit does not know: \(unknown.joined(separator: ", ")). The columns are: \((extraColumns + columns).joined(separator: ", ")).")
        }
        let missing = extraColumns.filter { !header.contains($0) }
        if !missing.isEmpty { throw DirectoryImport.FileProblem(message: "The file has no \(missing.joined(separator: ", ")) column: add it to the first row") }
        self.header = header
        positions = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        groupsByName = Dictionary(groups.map { (GroupMatching.fold($0.name), $0.id) }, uniquingKeysWith: { first, _ in first })
        self.groups = Set(groups.map(\.id))
        self.partnerships = Set(partnerships)
        self.partnershipCodes = partnershipCodes
    }

    /// Each code list by code and by title, in lower case, as `DirectoryImport.code` reads them.
    private static let genders = DirectoryImport.codes(Gender.self, \.title)
    private static let ageBands = DirectoryImport.codes(AgeBand.self, \.title)
    private static let roles = DirectoryImport.codes(ParticipantRole.self, \.title)

    func field(_ name: String, of record: CSV.Record) -> String {
        guard let index = positions[name], index < record.fields.count else { return "" }
        return record.fields[index].trimmedWhitespace
    }

    mutating func check(_ record: CSV.Record) -> (values: AttendanceValues?, problems: [DirectoryImport.RowProblem]) {
        var rowProblems: [DirectoryImport.RowProblem] = []
        let referrer = field("referring_organisation", of: record)
        let referrerID: UUID?
        if let known = referrers[referrer] {
            referrerID = known
        } else {
            referrerID = groupsByName[GroupMatching.fold(referrer)]
            referrers[referrer] = referrerID
        }
        let residenceText = field("partnership_of_residence", of: record)
        let residence = residenceText.isEmpty ? nil : partnershipCodes[residenceText.lowercased()]
        if !residenceText.isEmpty && residence == nil {
            rowProblems.append(.init(line: record.line, column: "partnership_of_residence", message: "No partnership called \(residenceText): use its code, like camden"))
        }
        let attended = field("attended", of: record).lowercased()
        if !["", "yes", "no", "y", "n", "attended", "did_not_attend"].contains(attended) {
            rowProblems.append(.init(line: record.line, column: "attended", message: "Attended must be yes or no"))
        }
        let gender = Self.genders[field("gender", of: record).lowercased()]
        let ageBand = Self.ageBands[field("age_band", of: record).lowercased()]
        let role = Self.roles[field("role", of: record).lowercased()]
        let input = AttendanceInput(name: field("name", of: record), referringOrganisationID: referrerID,
                                    referringText: referrer, ethnicity: field("ethnicity", of: record), ethnicityDetail: field("ethnicity_detail", of: record),
                                    gender: gender?.rawValue ?? field("gender", of: record), ageBand: ageBand?.rawValue ?? field("age_band", of: record),
                                    residencePartnershipID: residence, role: role?.rawValue ?? field("role", of: record),
                                    status: ["no", "n", "did_not_attend"].contains(attended) ? AttendanceStatus.didNotAttend.rawValue : AttendanceStatus.attended.rawValue)
        let (checked, fieldProblems) = input.validate(groups: groups, partnerships: partnerships)
        rowProblems += fieldProblems.map { problem in
            let column = ["ageBand": "age_band", "ethnicityDetail": "ethnicity_detail", "referringText": "referring_organisation"][problem.field] ?? problem.field
            let message = switch problem.field {
            case "gender": "Gender must be one of: " + Gender.allCases.map(\.title).joined(separator: ", ").lowercased()
            case "ageBand": "Age band must be one of: " + AgeBand.allCases.map(\.title).joined(separator: ", ").lowercased()
            case "role": "Role must be one of: " + ParticipantRole.allCases.map(\.title).joined(separator: ", ").lowercased()
            case "ethnicity": "Ethnicity must be a DfE code such as BAFR, or its name such as Black African"
            default: problem.message
            }
            return DirectoryImport.RowProblem(line: record.line, column: column, message: message)
        }
        return (rowProblems.isEmpty ? checked : nil, rowProblems)
    }
}
