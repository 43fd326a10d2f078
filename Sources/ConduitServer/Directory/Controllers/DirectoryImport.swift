import ConduitCore
import Foundation

/// Reading a spreadsheet (CSV) of groups or contacts: every row is checked
/// before anything is written, and every problem is reported with its line.
enum DirectoryImport {
    enum Kind: String, Sendable, CaseIterable {
        case groups, contacts

        var title: String { self == .groups ? "groups" : "contacts" }

        /// The columns a file may have; the first ones are required.
        var columns: [String] {
            switch self {
            case .groups:
                ["name", "type", "faith", "denomination", "communities", "languages", "partnerships_served", "kept_by", "address", "postcode",
                 "phone", "email", "meeting_times", "status", "status_confirmed_on", "how_found", "notes"]
            case .contacts:
                ["name", "role", "group_id", "group", "group_postcode", "role_detail", "phone", "email", "preferred_language", "notes"]
            }
        }

        var required: [String] { self == .groups ? ["name", "type"] : ["name", "role"] }

        /// Columns of Conduit's own export that an import reads past, so an export can be edited and imported.
        var ignored: [String] { self == .groups ? ["id", "readiness_met", "last_contact_on"] : ["id", "group_name"] }
    }

    /// The file cannot be read at all (no row is checked).
    struct FileProblem: Error, Sendable {
        var message: String
    }

    /// One problem of one row.
    struct RowProblem: Sendable, Equatable {
        var line: Int
        var column: String
        var message: String
    }

    /// The outcome of checking a file: the rows that can be written, and the problems of the others.
    struct Checked<Values: Sendable>: Sendable {
        var header: [String]
        var records: [CSV.Record]
        var valid: [(line: Int, values: Values)]
        var problems: [RowProblem]

        var rejectedLines: Set<Int> { Set(problems.map(\.line)) }
    }

    static let maximumRows = 50_000

    /// Parses the text and maps each record to its fields by column name.
    static func table(_ text: String, kind: Kind) throws -> (header: [String], records: [CSV.Record]) {
        let parsed = Result { () throws(CSV.SyntaxError) -> [CSV.Record] in try CSV.parse(text) }
        guard case .success(let records) = parsed else {
            if case .failure(let error) = parsed {
                throw FileProblem(message: "Line \(error.line) cannot be read: \(error.message). Save the spreadsheet as CSV (UTF-8) and try again.")
            }
            return ([], [])
        }
        guard let first = records.first else { throw FileProblem(message: "The file is empty. Choose a CSV file with a header row and at least one row of \(kind.title).") }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }
        let unknown = header.filter { !$0.isEmpty && !kind.columns.contains($0) && !kind.ignored.contains($0) }
        if !unknown.isEmpty {
            throw FileProblem(message: "The file has columns Conduit does not know: \(unknown.joined(separator: ", ")). The columns are: \(kind.columns.joined(separator: ", ")).")
        }
        let missing = kind.required.filter { !header.contains($0) }
        if !missing.isEmpty { throw FileProblem(message: "The file has no \(missing.joined(separator: " or ")) column. The first row must name the columns, for example: \(kind.columns.prefix(4).joined(separator: ","))") }
        if kind == .contacts && !header.contains("group_id") && !header.contains("group") {
            throw FileProblem(message: "The file has no group_id or group column: each contact must say which group they belong to.")
        }
        let rows = Array(records.dropFirst())
        if rows.isEmpty { throw FileProblem(message: "The file has a header row but no \(kind.title).") }
        if rows.count > maximumRows { throw FileProblem(message: "The file has \(rows.count) rows: import at most \(maximumRows) at a time.") }
        return (header, rows)
    }

    /// A code list by code and by title, in lower case: `code` for many rows at once.
    static func codes<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ title: (T) -> String) -> [String: T] where T.RawValue == String {
        var found: [String: T] = [:]
        for item in T.allCases.reversed() {
            found[title(item).lowercased()] = item
            found[item.rawValue] = item
        }
        return found
    }

    /// A value of a code list given by its code or its title, ignoring case.
    static func code<T: RawRepresentable & CaseIterable>(_ text: String, _ title: (T) -> String) -> T? where T.RawValue == String {
        let text = text.trimmedWhitespace.lowercased()
        return T.allCases.first { $0.rawValue == text || title($0).lowercased() == text }
    }

    /// YYYY-MM-DD, or DD/MM/YYYY as UK spreadsheets write dates.
    static func date(_ text: String) -> DateField {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3 { return .parts(day: String(parts[0]), month: String(parts[1]), year: String(parts[2])) }
        return .iso(text)
    }

    /// What checking group rows needs to know.
    struct GroupContext: Sendable {
        /// Partnerships by code and by lowercased name.
        var partnerships: [String: UUID]
        var ownerChoices: Set<UUID>
        var defaultOwner: UUID
        var existing: [(candidate: GroupMatching.Candidate, name: String)]
        var today: CalendarDate
    }

    static func checkGroups(_ text: String, context: GroupContext) throws -> Checked<GroupValues> {
        let (header, records) = try table(text, kind: .groups)
        var checked = Checked<GroupValues>(header: header, records: records, valid: [], problems: [])
        var seen: [(candidate: GroupMatching.Candidate, line: Int)] = []
        for record in records {
            func field(_ name: String) -> String {
                guard let index = header.firstIndex(of: name), index < record.fields.count else { return "" }
                return record.fields[index]
            }
            var problems: [RowProblem] = []
            var served: [UUID] = []
            for name in GroupValidation.list(field("partnerships_served")) {
                if let id = context.partnerships[name.lowercased()] { served.append(id) }
                else { problems.append(.init(line: record.line, column: "partnerships_served", message: "No partnership called \(name): use the partnership's code, for example camden")) }
            }
            var owner = context.defaultOwner
            let keptBy = field("kept_by").trimmingCharacters(in: .whitespaces)
            if !keptBy.isEmpty {
                if let id = context.partnerships[keptBy.lowercased()], context.ownerChoices.contains(id) { owner = id }
                else { problems.append(.init(line: record.line, column: "kept_by", message: "You cannot keep records for \(keptBy): use the code of your own partnership, or leave it empty")) }
            }
            let typeText = field("type"), faithText = field("faith"), statusText = field("status")
            let type: GroupType? = code(typeText, \.title)
            let faith: Faith? = code(faithText, \.title)
            let status: GroupStatus? = statusText.trimmingCharacters(in: .whitespaces).isEmpty ? .active : code(statusText, \.title)
            let input = GroupInput(name: field("name"), type: type?.rawValue ?? typeText, faith: faith?.rawValue ?? faithText,
                                   denomination: field("denomination"), communities: field("communities"), languages: field("languages"),
                                   address: field("address"), postcode: field("postcode"), phone: field("phone"), email: field("email"),
                                   meetingTimes: field("meeting_times"), status: status?.rawValue ?? statusText,
                                   statusConfirmedOn: date(field("status_confirmed_on")), howFound: field("how_found"), notes: field("notes"),
                                   ownerID: owner, servedIDs: served)
            let (values, fieldProblems) = GroupValidation.validate(input, ownerChoices: context.ownerChoices,
                                                                   knownPartnerships: Set(context.partnerships.values), today: context.today)
            problems += fieldProblems.map { RowProblem(line: record.line, column: column(of: $0.field), message: spreadsheetMessage($0)) }
            if let values, problems.isEmpty {
                // A likely duplicate (similar name and the same postcode or phone) of a stored group or an earlier row.
                let candidate = GroupMatching.Candidate(id: UUID(), nameKey: GroupMatching.nameKey(values.name),
                                                        postcodeKey: values.postcode.flatMap(Postcode.key), phoneKey: values.phone.flatMap(PhoneNumber.key))
                let strong = { (match: GroupMatching.Match) in match.reasons.contains(.similarName) && match.reasons.count > 1 }
                if let match = GroupMatching.matches(name: values.name, postcode: values.postcode, phone: values.phone, among: context.existing.map(\.candidate)).first(where: strong),
                   let stored = context.existing.first(where: { $0.candidate.id == match.id }) {
                    problems.append(.init(line: record.line, column: "name", message: "Looks like \(stored.name), already in the directory (\(match.reasons.map(\.title).joined(separator: ", ").lowercased())): add to that record instead, or remove this row"))
                } else if let match = GroupMatching.matches(name: values.name, postcode: values.postcode, phone: values.phone, among: seen.map(\.candidate)).first(where: strong),
                          let earlier = seen.first(where: { $0.candidate.id == match.id }) {
                    problems.append(.init(line: record.line, column: "name", message: "Repeats the group on line \(earlier.line): remove one of the two rows"))
                } else {
                    seen.append((candidate, record.line))
                    checked.valid.append((record.line, values))
                }
            }
            checked.problems += problems
        }
        return checked
    }

    /// A form's "Select …" means nothing in a spreadsheet: name the values the column takes.
    static func spreadsheetMessage(_ problem: FieldProblem) -> String {
        func values(_ titles: [String]) -> String { titles.map { $0.lowercased() }.joined(separator: ", ") }
        switch problem.field {
        case "type": return "Type must be one of: " + values(GroupType.allCases.map(\.title))
        case "faith": return "Faith must be empty or one of: " + values(Faith.allCases.map(\.title))
        case "status": return "Status must be empty (active) or one of: " + values(GroupStatus.allCases.map(\.title))
        case "role": return "Role must be one of: " + values(ContactRole.allCases.map(\.title))
        default: return problem.message
        }
    }

    /// The column a form field comes from, for messages about a row.
    static func column(of field: String) -> String {
        switch field {
        case "meetingTimes": "meeting_times"
        case "statusConfirmedOn": "status_confirmed_on"
        case "howFound": "how_found"
        case "ownerID": "kept_by"
        case "servedIDs": "partnerships_served"
        case "roleDetail": "role_detail"
        case "preferredLanguage": "preferred_language"
        default: field
        }
    }

    /// A group contacts may be added to.
    struct GroupRef: Sendable {
        var id: UUID
        var nameKey: String
        var postcodeKey: String?
    }

    static func checkContacts(_ text: String, editable groups: [GroupRef]) throws -> Checked<(groupID: UUID, input: ContactInput)> {
        let (header, records) = try table(text, kind: .contacts)
        var checked = Checked<(groupID: UUID, input: ContactInput)>(header: header, records: records, valid: [], problems: [])
        let byID = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0) })
        let byName = Dictionary(grouping: groups, by: \.nameKey)
        for record in records {
            func field(_ name: String) -> String {
                guard let index = header.firstIndex(of: name), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            var problems: [RowProblem] = []
            var groupID: UUID?
            if !field("group_id").isEmpty {
                if let id = UUID(uuidString: field("group_id")), byID[id] != nil { groupID = id }
                else { problems.append(.init(line: record.line, column: "group_id", message: "No group with this id that you can add contacts to: copy the id from the directory export")) }
            } else if !field("group").isEmpty {
                var matches = byName[GroupMatching.fold(field("group"))] ?? []
                if matches.count > 1, let postcode = Postcode.key(field("group_postcode")) { matches = matches.filter { $0.postcodeKey == postcode } }
                if matches.count == 1 { groupID = matches[0].id }
                else if matches.isEmpty { problems.append(.init(line: record.line, column: "group", message: "No group called \(field("group")) that you can add contacts to: add the group first, or use group_id from the directory export")) }
                else { problems.append(.init(line: record.line, column: "group", message: "Several groups are called \(field("group")): add group_postcode, or use group_id from the directory export")) }
            } else {
                problems.append(.init(line: record.line, column: "group", message: "Enter the group's name in group, or its id in group_id"))
            }
            let roleText = field("role")
            let role: ContactRole? = code(roleText, \.title)
            let input = ContactInput(name: field("name"), role: role?.rawValue ?? roleText, roleDetail: field("role_detail"), phone: field("phone"),
                                     email: field("email"), preferredLanguage: field("preferred_language"), notes: field("notes"))
            problems += input.problems().map { RowProblem(line: record.line, column: column(of: $0.field), message: spreadsheetMessage($0)) }
            if problems.isEmpty, let groupID { checked.valid.append((record.line, (groupID, input))) }
            checked.problems += problems
        }
        return checked
    }

    /// The rejected rows as a CSV file: the original columns and a "problems" column.
    static func rejects<Values>(_ checked: Checked<Values>) -> String {
        let byLine = Dictionary(grouping: checked.problems, by: \.line)
        var output = CSV.line(checked.header + ["problems"])
        for record in checked.records {
            guard let problems = byLine[record.line] else { continue }
            let fields = record.fields + Array(repeating: "", count: max(0, checked.header.count - record.fields.count))
            output += CSV.line(Array(fields.prefix(checked.header.count)) + [problems.map { "\($0.column): \($0.message)" }.joined(separator: "; ")])
        }
        return output
    }
}
