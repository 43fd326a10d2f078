import ConduitCore
import Foundation
import Vapor

/// A date as it arrives: three boxes from an HTML date input, or one ISO
/// string from the API or a CSV file.
enum DateField: Sendable, Equatable {
    case parts(day: String, month: String, year: String)
    case iso(String)

    static let empty = DateField.iso("")

    /// The date, or the message for the person who typed it.
    func parse(label: String) -> (date: CalendarDate?, problem: String?) {
        switch self {
        case .parts(let day, let month, let year):
            return CalendarDate.parse(day: day, month: month, year: year, label: label)
        case .iso(let text):
            let text = text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return (nil, nil) }
            guard let date = CalendarDate(iso: text) else {
                return (nil, "\(label) must be a real date written YYYY-MM-DD, for example 2026-03-27")
            }
            return (date, nil)
        }
    }

    /// The three boxes to show again in a form.
    var boxes: (day: String, month: String, year: String) {
        switch self {
        case .parts(let day, let month, let year): (day, month, year)
        case .iso(let text):
            if let date = CalendarDate(iso: text) { (String(date.day), String(date.month), String(date.year)) } else { ("", "", "") }
        }
    }

    init(_ date: CalendarDate?) {
        self = .iso(date?.description ?? "")
    }
}

/// What someone entered for a group, from a form, the API or an import row.
struct GroupInput: Sendable {
    var name = ""
    var type = ""
    var faith = ""
    var denomination = ""
    /// Several, separated by commas or semicolons.
    var communities = ""
    var languages = ""
    var address = ""
    var postcode = ""
    var phone = ""
    var email = ""
    var meetingTimes = ""
    var status = GroupStatus.active.rawValue
    var statusConfirmedOn = DateField.empty
    var howFound = ""
    var notes = ""
    /// The partnership that keeps the record.
    var ownerID: UUID?
    /// The partnerships it serves (the owner is always one).
    var servedIDs: [UUID] = []
}

/// A group's values once every field has been checked.
struct GroupValues: Sendable {
    var name: String
    var type: GroupType
    var faith: Faith?
    var denomination: String
    var communities: [String]
    var languages: [String]
    var address: String
    var postcode: String?
    var phone: String?
    var email: String
    var meetingTimes: String
    var status: GroupStatus
    var statusConfirmedOn: CalendarDate?
    var howFound: String
    var notes: String
    var ownerID: UUID
    var servedIDs: [UUID]
}

/// The checks every way of entering a group goes through.
enum GroupValidation {
    /// Splits "Somali, Arabic; English" into distinct names, first spelling kept.
    static func list(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert(GroupMatching.fold($0)).inserted }
    }

    static func trimmed(_ text: String) -> String { text.trimmedWhitespace }

    static func tooLong(_ text: String, _ limit: Int, field: String, label: String) -> FieldProblem? {
        TextLimit.exceeds(text, characters: limit) ? FieldProblem(field: field, message: "\(label) must be \(limit) characters or fewer") : nil
    }

    /// A name or title is one line: a tab or line break in it (possible from the API or a
    /// file, not from a text box) is refused, as only multi-line fields allow them (issue 13).
    static func notOneLine(_ text: String, field: String, label: String) -> FieldProblem? {
        text.contains(where: { $0.isNewline || $0 == "\t" }) ? FieldProblem(field: field, message: "\(label) must be on one line: remove the line break or tab") : nil
    }

    static func emailProblem(_ email: String, field: String) -> FieldProblem? {
        guard !email.isEmpty else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if TextLimit.exceeds(email, characters: 254) || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
            return FieldProblem(field: field, message: "Enter an email address in the correct format, like name@example.org")
        }
        return nil
    }

    /// Checks the input. `ownerChoices` are the partnerships the person may keep
    /// records for; `knownPartnerships` every partnership a group may serve.
    static func validate(_ input: GroupInput, ownerChoices: Set<UUID>, knownPartnerships: Set<UUID>,
                         today: CalendarDate) -> (values: GroupValues?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let name = trimmed(input.name)
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the group's name")) }
        if let problem = tooLong(name, 200, field: "name", label: "Name") ?? notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        let type = GroupType(rawValue: trimmed(input.type))
        if type == nil { problems.append(.init(field: "type", message: "Select the type of group")) }
        let faithText = trimmed(input.faith)
        let faith = Faith(rawValue: faithText)
        if !faithText.isEmpty && faith == nil { problems.append(.init(field: "faith", message: "Select a faith from the list, or leave it empty")) }
        let denomination = trimmed(input.denomination)
        if let problem = tooLong(denomination, 120, field: "denomination", label: "Denomination or tradition") { problems.append(problem) }
        let communities = list(input.communities)
        let languages = list(input.languages)
        if communities.count > 20 || communities.contains(where: { TextLimit.exceeds($0, characters: 80) }) {
            problems.append(.init(field: "communities", message: "Communities of origin must be up to 20 names of up to 80 characters each, separated by commas"))
        }
        if languages.count > 20 || languages.contains(where: { TextLimit.exceeds($0, characters: 80) }) {
            problems.append(.init(field: "languages", message: "Languages must be up to 20 names of up to 80 characters each, separated by commas"))
        }
        let address = trimmed(input.address)
        if let problem = tooLong(address, 500, field: "address", label: "Address") { problems.append(problem) }
        let postcodeText = trimmed(input.postcode)
        let postcode = Postcode.normalise(postcodeText)
        if !postcodeText.isEmpty && postcode == nil {
            problems.append(.init(field: "postcode", message: "Enter a real UK postcode, like NW1 2DB, or leave it empty"))
        }
        let phoneText = trimmed(input.phone)
        if !phoneText.isEmpty && (PhoneNumber.key(phoneText) == nil || TextLimit.exceeds(phoneText, characters: 40)) {
            problems.append(.init(field: "phone", message: "Enter a phone number, like 020 7946 0000 or +44 7700 900 982"))
        }
        let email = trimmed(input.email).lowercased()
        if let problem = emailProblem(email, field: "email") { problems.append(problem) }
        let meetingTimes = trimmed(input.meetingTimes)
        if let problem = tooLong(meetingTimes, 500, field: "meetingTimes", label: "Meeting days and times") { problems.append(problem) }
        let status = GroupStatus(rawValue: trimmed(input.status))
        if status == nil { problems.append(.init(field: "status", message: "Select the group's status")) }
        let confirmed = input.statusConfirmedOn.parse(label: "Date the status was last confirmed")
        if let problem = confirmed.problem {
            problems.append(.init(field: "statusConfirmedOn", message: problem))
        } else if let date = confirmed.date, date > today {
            problems.append(.init(field: "statusConfirmedOn", message: "Date the status was last confirmed must be today or in the past"))
        }
        let howFound = trimmed(input.howFound)
        if let problem = tooLong(howFound, 500, field: "howFound", label: "How the group was found") { problems.append(problem) }
        let notes = trimmed(input.notes)
        if let problem = tooLong(notes, 5000, field: "notes", label: "Notes") { problems.append(problem) }
        if input.ownerID == nil || !ownerChoices.contains(input.ownerID!) {
            problems.append(.init(field: "ownerID", message: "Select the partnership that keeps this group's record"))
        }
        if input.servedIDs.contains(where: { !knownPartnerships.contains($0) }) {
            problems.append(.init(field: "servedIDs", message: "Select the partnerships the group serves from the list"))
        }
        guard problems.isEmpty, let type, let status, let ownerID = input.ownerID else { return (nil, problems) }
        var served = [ownerID]
        for id in input.servedIDs where !served.contains(id) { served.append(id) }
        return (GroupValues(name: name, type: type, faith: faith, denomination: denomination, communities: communities,
                            languages: languages, address: address, postcode: postcode, phone: phoneText.isEmpty ? nil : phoneText,
                            email: email, meetingTimes: meetingTimes, status: status, statusConfirmedOn: confirmed.date,
                            howFound: howFound, notes: notes, ownerID: ownerID, servedIDs: served), [])
    }
}

extension GroupInput {
    /// The checked values, or every problem, against what the form offered.
    func validated(choices: DirectoryView.Choices, today: CalendarDate) -> (values: GroupValues?, problems: [FieldProblem]) {
        GroupValidation.validate(self, ownerChoices: Set(choices.owners.map(\.id)),
                                 knownPartnerships: Set(choices.partnerships.map(\.id)), today: today)
    }
}

extension DirectoryView.Choices {
    /// What the group form offers the person: the partnerships they keep records for, and every partnership to serve.
    init(for req: Request) async throws {
        let visitor = try req.signedIn
        let owners = try await DirectoryLookups.partnerships(visitor.scope(.editDirectory), on: req.sql)
        self.init(owners: owners, partnerships: try await DirectoryLookups.partnerships(on: req.sql))
    }
}
