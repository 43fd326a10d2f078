import ConduitCore
import Fluent
import Foundation
import Vapor

/// What someone entered for a session, from the form or the API.
struct SessionInput: Sendable {
    var title = ""
    var audience = ""
    var date = DateField.empty
    var startsAt = ""
    var endsAt = ""
    var venue = ""
    var languages = ""
    var interpreter = false
    var capacity = ""
    /// Pounds as typed: "120", "£1,250.50".
    var cost = ""
    var roundID: UUID?
    var learningOutcomes = ""
    var notes = ""
    var topics: [String] = []
    var partnerGroupIDs: [UUID] = []
    /// Delivery partners outside the directory (statutory services, charities), separated by semicolons or lines.
    var partnerNames = ""
    var partnershipID: UUID?
}

/// A session's values once checked.
struct SessionValues: Sendable {
    var title: String
    var audience: TrainingAudience
    var date: CalendarDate
    var startsAt: String?
    var endsAt: String?
    var venue: String
    var languages: String
    var interpreter: Bool
    var capacity: Int?
    var costPence: Int?
    var roundID: UUID?
    var learningOutcomes: String
    var notes: String
    var topics: [EngagementTopic]
    var partnerGroupIDs: [UUID]
    var partnerNames: [String]
    var partnershipID: UUID
}

enum TrainingValidation {
    /// "£1,250.50" → 125050 pence; nil if not an amount.
    static func pence(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let decimal = Decimal(string: cleaned), decimal >= 0, decimal < 10_000_000 else { return nil }
        let parts = cleaned.split(separator: ".")
        guard parts.count <= 2, parts.count == 1 || parts[1].count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        return NSDecimalNumber(decimal: decimal * 100).intValue
    }

    /// "£1,250.50".
    static func pounds(_ pence: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .currency
        formatter.locale = Locale(identifier: "en_GB")
        return formatter.string(from: NSNumber(value: Double(pence) / 100)) ?? "£\(pence / 100)"
    }

    static func validate(_ input: SessionInput, partnerships: Set<UUID>, rounds: Set<UUID>, readableGroups: Set<UUID>) -> (values: SessionValues?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let title = GroupValidation.trimmed(input.title)
        if title.isEmpty { problems.append(.init(field: "title", message: "Enter the session's title")) }
        if let problem = GroupValidation.tooLong(title, 200, field: "title", label: "Title") ?? GroupValidation.notOneLine(title, field: "title", label: "Title") { problems.append(problem) }
        let audience = TrainingAudience(rawValue: input.audience)
        if audience == nil { problems.append(.init(field: "audience", message: "Select who the session is for")) }
        let date = input.date.parse(label: "Date of the session")
        if let problem = date.problem { problems.append(.init(field: "date", message: problem)) }
        else if date.date == nil { problems.append(.init(field: "date", message: "Enter the date of the session")) }
        let starts = input.startsAt.trimmingCharacters(in: .whitespaces), ends = input.endsAt.trimmingCharacters(in: .whitespaces)
        let startsAt = starts.isEmpty ? nil : EngagementValidation.time(starts)
        let endsAt = ends.isEmpty ? nil : EngagementValidation.time(ends)
        if !starts.isEmpty && startsAt == nil { problems.append(.init(field: "startsAt", message: "Enter the start time like 18:30 or 6.30pm")) }
        if !ends.isEmpty && endsAt == nil { problems.append(.init(field: "endsAt", message: "Enter the end time like 20:30 or 8.30pm")) }
        if let startsAt, let endsAt, endsAt <= startsAt { problems.append(.init(field: "endsAt", message: "End time must be after the start time")) }
        let venue = GroupValidation.trimmed(input.venue)
        if let problem = GroupValidation.tooLong(venue, 300, field: "venue", label: "Venue") { problems.append(problem) }
        let languages = GroupValidation.list(input.languages).joined(separator: ", ")
        if let problem = GroupValidation.tooLong(languages, 300, field: "languages", label: "Languages") { problems.append(problem) }
        let capacityText = input.capacity.trimmingCharacters(in: .whitespaces)
        let capacity = Int(capacityText)
        if !capacityText.isEmpty && (capacity == nil || !(1...10_000).contains(capacity!)) {
            problems.append(.init(field: "capacity", message: "Places must be a whole number from 1 to 10000"))
        }
        let costText = input.cost.trimmingCharacters(in: .whitespaces)
        let costPence = pence(costText)
        if !costText.isEmpty && costPence == nil { problems.append(.init(field: "cost", message: "Enter the cost in pounds, like 250 or £1,250.50")) }
        if let round = input.roundID, !rounds.contains(round) { problems.append(.init(field: "roundID", message: "Select a round of this partnership, or none")) }
        let outcomes = GroupValidation.trimmed(input.learningOutcomes)
        if let problem = GroupValidation.tooLong(outcomes, 5000, field: "learningOutcomes", label: "Learning outcomes") { problems.append(problem) }
        let notes = GroupValidation.trimmed(input.notes)
        if let problem = GroupValidation.tooLong(notes, 5000, field: "notes", label: "Notes") { problems.append(problem) }
        let topics = input.topics.compactMap(EngagementTopic.init(rawValue:))
        if topics.count != input.topics.count { problems.append(.init(field: "topics", message: "Select topics from the list")) }
        if input.partnerGroupIDs.contains(where: { !readableGroups.contains($0) }) {
            problems.append(.init(field: "partnerGroupIDs", message: "Select delivery partners from the directory of your partnership"))
        }
        let partnerNames = input.partnerNames.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { GroupValidation.trimmed(String($0)) }.filter { !$0.isEmpty }
        if partnerNames.count > 20 || partnerNames.contains(where: { TextLimit.exceeds($0, characters: 200) }) {
            problems.append(.init(field: "partnerNames", message: "Other delivery partners must be up to 20 names, separated by semicolons"))
        }
        if input.partnershipID == nil || !partnerships.contains(input.partnershipID!) {
            problems.append(.init(field: "partnershipID", message: "Select the partnership running the session"))
        }
        guard problems.isEmpty, let audience, let day = date.date, let partnershipID = input.partnershipID else { return (nil, problems) }
        return (SessionValues(title: title, audience: audience, date: day, startsAt: startsAt, endsAt: endsAt, venue: venue, languages: languages,
                              interpreter: input.interpreter, capacity: capacity, costPence: costPence, roundID: input.roundID,
                              learningOutcomes: outcomes, notes: notes, topics: EngagementTopic.allCases.filter(topics.contains),
                              partnerGroupIDs: Array(Set(input.partnerGroupIDs)), partnerNames: partnerNames, partnershipID: partnershipID), [])
    }
}

/// What someone entered for one participant of a register.
struct AttendanceInput: Sendable {
    var name = ""
    var referringOrganisationID: UUID?
    var referringText = ""
    var ethnicity = ""
    var ethnicityDetail = ""
    var gender = ""
    var ageBand = ""
    var residencePartnershipID: UUID?
    var role = ""
    var status = AttendanceStatus.attended.rawValue
}

/// A participant's values once checked.
struct AttendanceValues: Sendable {
    var name: String
    var referringOrganisationID: UUID?
    var referringText: String
    var ethnicity: EthnicityCode?
    var ethnicityDetail: String
    var gender: Gender
    var ageBand: AgeBand
    var residencePartnershipID: UUID?
    var role: ParticipantRole
    var status: AttendanceStatus
}

extension AttendanceInput {
    /// Checks a participant; `groups` are the directory groups the person may name as referrers.
    func validate(groups: Set<UUID>, partnerships: Set<UUID>) -> (values: AttendanceValues?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let name = GroupValidation.trimmed(self.name)
        if let problem = GroupValidation.tooLong(name, 120, field: "name", label: "Name") ?? GroupValidation.notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        if let id = referringOrganisationID, !groups.contains(id) {
            problems.append(.init(field: "referringOrganisationID", message: "Select a referring group from your directory, or type the organisation's name"))
        }
        let referringText = GroupValidation.trimmed(self.referringText)
        if let problem = GroupValidation.tooLong(referringText, 200, field: "referringText", label: "Referring organisation") { problems.append(problem) }
        let ethnicityText = ethnicity.trimmingCharacters(in: .whitespaces)
        let code = ethnicityText.isEmpty ? nil : Ethnicity.parse(ethnicityText)
        if !ethnicityText.isEmpty && code == nil { problems.append(.init(field: "ethnicity", message: "Select an ethnicity from the list, or leave it empty if not known")) }
        let detail = GroupValidation.trimmed(ethnicityDetail)
        if let problem = GroupValidation.tooLong(detail, 80, field: "ethnicityDetail", label: "Community of origin") { problems.append(problem) }
        let gender = self.gender.isEmpty ? Gender.notKnown : Gender(rawValue: self.gender)
        if gender == nil { problems.append(.init(field: "gender", message: "Select a gender from the list")) }
        let ageBand = self.ageBand.isEmpty ? AgeBand.notKnown : AgeBand(rawValue: self.ageBand)
        if ageBand == nil { problems.append(.init(field: "ageBand", message: "Select an age band from the list")) }
        if let id = residencePartnershipID, !partnerships.contains(id) {
            problems.append(.init(field: "residencePartnershipID", message: "Select a partnership from the list"))
        }
        let role = self.role.isEmpty ? ParticipantRole.communityMember : ParticipantRole(rawValue: self.role)
        if role == nil { problems.append(.init(field: "role", message: "Select a role from the list")) }
        let status = AttendanceStatus(rawValue: self.status)
        if status == nil { problems.append(.init(field: "status", message: "Select whether the person attended")) }
        guard problems.isEmpty, let gender, let ageBand, let role, let status else { return (nil, problems) }
        return (AttendanceValues(name: name, referringOrganisationID: referringOrganisationID, referringText: referringOrganisationID == nil ? referringText : "",
                                 ethnicity: code, ethnicityDetail: detail, gender: gender, ageBand: ageBand, residencePartnershipID: residencePartnershipID,
                                 role: role, status: status), [])
    }
}

/// What the session form offers the person.
struct SessionChoices: Sendable {
    var partnerships: [DirectoryLookups.PartnershipOption]
    var rounds: [(id: UUID, name: String)]
    var groups: [EngagementStore.GroupOption]
}

extension SessionChoices {
    /// The partnerships they run training for, their rounds, and the groups they may name as partners.
    init(for req: Request) async throws {
        let visitor = try req.signedIn
        let scope = visitor.scope(.editTraining)
        let rounds = try await TrainingRound.query(on: req.db).filter(\.$partnership.$id ~~ scope).sort(\.$name).all()
        self.init(partnerships: try await DirectoryLookups.partnerships(scope, on: req.sql),
                       rounds: rounds.map { ($0.id!, $0.name) },
                       groups: try await EngagementStore.groupOptions(scope: visitor.scope(.readDirectory).intersection(scope), on: req.sql))
    }
}

extension SessionInput {
    /// Checks the input against what the form offered and the groups the person may read.
    func validated(choices: SessionChoices, for req: Request) async throws -> (values: SessionValues?, problems: [FieldProblem]) {
        let readable = try await EngagementStore.readable(partnerGroupIDs, scope: try req.signedIn.scope(.readDirectory), on: req.sql)
        return TrainingValidation.validate(self, partnerships: Set(choices.partnerships.map(\.id)), rounds: Set(choices.rounds.map(\.id)), readableGroups: readable)
    }
}

/// What a register row offers: the groups that refer participants, and the partnerships they live in.
struct RegisterChoices: Sendable {
    var groups: [EngagementStore.GroupOption]
    var partnerships: [DirectoryLookups.PartnershipOption]
}

extension RegisterChoices {
    init(for req: Request) async throws {
        let visitor = try req.signedIn
        self.init(groups: try await EngagementStore.groupOptions(scope: visitor.scope(.readDirectory), on: req.sql),
                            partnerships: try await DirectoryLookups.partnerships(on: req.sql))
    }

}

extension AttendanceInput {
    /// The referrer and role of the row just added stay selected: people arrive with their group.
    init(lastAddedIn req: Request) {
        self.init()
        referringOrganisationID = UUID(uuidString: req.queryText("referrer"))
        referringText = req.queryText("referrerText")
        role = req.queryText("role")
        residencePartnershipID = UUID(uuidString: req.queryText("residence"))
    }
}
