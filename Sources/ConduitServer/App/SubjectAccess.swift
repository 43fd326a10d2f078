import ConduitCore
import Foundation
import SQLKit

/// Everything Conduit holds about a named person (UK GDPR Art. 15, issue 16): the concerns
/// that name them, their contacts at groups, their attendances on registers, and the audit
/// trail's entries by or about them, within what the coordinator may open. Each part finds
/// its own records (`<Part>PersonalData`); this gathers them.
enum SubjectAccess {
    struct Field: Sendable, Codable {
        var name: String
        var value: String
    }

    /// One record that holds something about the person.
    struct Held: Sendable, Codable {
        var kind: String
        var id: String
        var partnership: String
        var date: String
        var fields: [Field]
    }

    struct Result: Sendable, Codable {
        var name: String
        var searchedAt: Date
        var records: [Held]
    }

    /// A name shorter than this finds too many people to be anyone's request.
    static let shortestName = 3

    /// Whether a text names the person: ignoring case and accents, as people spell names.
    static func mentions(_ text: String, _ name: String) -> Bool {
        text.range(of: name, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    /// A LIKE pattern for the name anywhere in a column, its wildcards escaped with "!".
    static func likePattern(_ name: String) -> String {
        let escaped = name.lowercased().replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
        return "%" + escaped + "%"
    }

    static func search(_ name: String, visitor: Visitor, keys: DataKeys, now: Date, on sql: any SQLDatabase) async throws -> Result {
        var records: [Held] = []
        records += try await ConcernPersonalData.held(matching: name, scope: visitor.scope(.readConcerns), keys: keys, on: sql)
        records += try await ContactPersonalData.held(matching: name, scope: visitor.scope(.readContacts), on: sql)
        records += try await ParticipantPersonalData.held(matching: name, scope: visitor.scope(.readTraining), on: sql)
        records += try await AuditTrail.held(matching: name, scope: visitor.scope(.subjectAccess), on: sql)
        return Result(name: name, searchedAt: now, records: records)
    }
}
