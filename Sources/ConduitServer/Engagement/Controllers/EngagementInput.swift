import ConduitCore
import Foundation
import Vapor

/// What someone entered for an engagement, from the form or the API.
struct EngagementInput: Sendable {
    var occurredOn = DateField.empty
    var time = ""
    var channel = ""
    var outcome = ""
    var groupIDs: [UUID] = []
    var peopleMet = ""
    var topics: [String] = []
    var notes = ""
    var followUpOn = DateField.empty
    var partnershipID: UUID?
}

/// An engagement's values once every field has been checked.
struct EngagementValues: Sendable {
    var occurredOn: CalendarDate
    var time: String?
    var channel: EngagementChannel
    var outcome: EngagementOutcome
    var groupIDs: [UUID]
    var peopleMet: String
    var topics: [EngagementTopic]
    var notes: String
    var followUpOn: CalendarDate?
    var partnershipID: UUID
}

enum EngagementValidation {
    /// "19:00", "7pm", "7.30 pm", "07:30" → "19:00", "19:00", "19:30", "07:30"; nil if not a time.
    static func time(_ text: String) -> String? {
        var text = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ".", with: ":")
        var offset = 0
        if text.hasSuffix("pm") || text.hasSuffix("am") {
            offset = text.hasSuffix("pm") ? 12 : 0
            text.removeLast(2)
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let hour = Int(parts[0]), (1...12).contains(hour) else { return nil }
            let minute = parts.count == 2 ? Int(parts[1]) : 0
            guard let minute, (0...59).contains(minute), parts.count == 1 || parts[1].count == 2 else { return nil }
            return String(format: "%02d:%02d", hour % 12 + offset, minute)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return String(format: "%02d:%02d", hour, minute)
    }

    /// Checks the input; `readableGroups` are the groups the person may log engagements with,
    /// `partnerships` those they may log for.
    static func validate(_ input: EngagementInput, readableGroups: Set<UUID>, partnerships: Set<UUID>,
                         today: CalendarDate) -> (values: EngagementValues?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let occurred = input.occurredOn.parse(label: "Date of the engagement")
        if let problem = occurred.problem { problems.append(.init(field: "occurredOn", message: problem)) }
        else if occurred.date == nil { problems.append(.init(field: "occurredOn", message: "Enter the date of the engagement")) }
        else if let date = occurred.date, date > today {
            problems.append(.init(field: "occurredOn", message: "Date of the engagement must be today or in the past: use the follow-up date for what is planned"))
        }
        let timeText = input.time.trimmingCharacters(in: .whitespaces)
        let time = timeText.isEmpty ? nil : self.time(timeText)
        if !timeText.isEmpty && time == nil { problems.append(.init(field: "time", message: "Enter a time like 19:00 or 7pm, or leave it empty")) }
        let channel = EngagementChannel(rawValue: input.channel)
        if channel == nil { problems.append(.init(field: "channel", message: "Select how you made contact")) }
        let outcome = EngagementOutcome(rawValue: input.outcome)
        if outcome == nil { problems.append(.init(field: "outcome", message: "Select the outcome")) }
        var groups: [UUID] = []
        for id in input.groupIDs where !groups.contains(id) { groups.append(id) }
        if groups.isEmpty { problems.append(.init(field: "groupIDs", message: "Select at least one group")) }
        else if groups.contains(where: { !readableGroups.contains($0) }) {
            problems.append(.init(field: "groupIDs", message: "Select groups from the directory of your partnership"))
        }
        let peopleMet = GroupValidation.trimmed(input.peopleMet)
        if let problem = GroupValidation.tooLong(peopleMet, 500, field: "peopleMet", label: "People met") { problems.append(problem) }
        let topics = input.topics.compactMap(EngagementTopic.init(rawValue:))
        if topics.count != input.topics.count { problems.append(.init(field: "topics", message: "Select topics from the list")) }
        let notes = GroupValidation.trimmed(input.notes)
        if let problem = GroupValidation.tooLong(notes, 5000, field: "notes", label: "Notes") { problems.append(problem) }
        let followUp = input.followUpOn.parse(label: "Follow-up date")
        if let problem = followUp.problem { problems.append(.init(field: "followUpOn", message: problem)) }
        else if let date = followUp.date, let occurred = occurred.date, date < occurred {
            problems.append(.init(field: "followUpOn", message: "Follow-up date must be on or after the date of the engagement"))
        }
        if input.partnershipID == nil || !partnerships.contains(input.partnershipID!) {
            problems.append(.init(field: "partnershipID", message: "Select the partnership you are logging this for"))
        }
        guard problems.isEmpty, let date = occurred.date, let channel, let outcome, let partnershipID = input.partnershipID else {
            return (nil, problems)
        }
        return (EngagementValues(occurredOn: date, time: time, channel: channel, outcome: outcome, groupIDs: groups, peopleMet: peopleMet,
                                 topics: EngagementTopic.allCases.filter(topics.contains), notes: notes, followUpOn: followUp.date,
                                 partnershipID: partnershipID), [])
    }
}

extension EngagementInput {
    /// Checks the input against what the person may see and log for.
    func validated(for req: Request) async throws -> (values: EngagementValues?, problems: [FieldProblem]) {
        let visitor = try req.signedIn
        let readable = try await EngagementStore.readable(groupIDs, scope: visitor.scope(.readDirectory), on: req.sql)
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.editEngagement), on: req.sql)
        return EngagementValidation.validate(self, readableGroups: readable, partnerships: Set(partnerships.map(\.id)), today: req.today)
    }
}
