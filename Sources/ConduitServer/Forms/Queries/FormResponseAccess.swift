import ConduitCore
import Fluent
import Foundation
import Vapor

/// A filled-in form is read by those who may read what it is about (a file audit, a
/// training evaluation, a community survey) in its partnership, and every read recorded.
extension FormResponse: KeptRecord {
    static var recordType: String { "file_audit" }
    static var idParameter: PathParameter { .auditID }
    static var readsAreRecorded: Bool { true }
    static var readAction: Action { .readFileAudits }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    /// Whatever the action: the form it answers decides who reads it.
    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        visitor.allows(try await definition(on: db).usedFor.readAction, on: $partnership.id)
    }

    /// The actions name file audits; the form it answers says what each means for it (a
    /// training evaluation is filled in by those who edit training).
    func permits(_ action: Action, by visitor: Visitor, keeper: UUID?, on db: any Database) async throws -> Bool {
        let purpose = try await definition(on: db).usedFor
        let meant: Action = switch action {
        case .editFileAudits: purpose.editAction
        case .reopenFileAudits: purpose.reopenAction
        default: action
        }
        return visitor.allows(meant, on: $partnership.id)
    }

    /// A submitted form is read, not changed, until it is reopened.
    func checkChangeable(for action: Action) throws {
        switch action {
        case .editFileAudits where status != .draft: throw Abort(.conflict, reason: "This has been submitted: it can be read but no longer changed.")
        case .reopenFileAudits where status != .submitted: throw Abort(.conflict, reason: "This is not submitted: there is nothing to reopen.")
        default: break
        }
    }

    func refusal(of action: Action) -> String {
        action == .reopenFileAudits ? "Only the hub's coordinators reopen a submitted form." : "You do not fill in this form for this partnership."
    }

    /// The definition of the form it answers.
    func definition(on db: any Database) async throws -> FormDefinition {
        guard let form = try await StoredForm.find($form.id, on: db) else { throw MissingRecord() }
        return try FormStore.definition(of: form)
    }
}
