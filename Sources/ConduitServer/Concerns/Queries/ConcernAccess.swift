import ConduitCore
import Fluent
import Foundation
import Vapor

/// A concern is opened only by the advisers of the partnership that keeps it and the hub's
/// coordinators; changed only by its advisers; every read recorded (DESIGN.md part 8).
extension Concern: KeptRecord {
    static var recordType: String { "concern" }
    static var idParameter: PathParameter { .concernID }
    static var readsAreRecorded: Bool { true }
    static var readAction: Action { .readConcerns }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    func refusal(of action: Action) -> String { "Only the advisers of the partnership that keeps this concern can change it." }

    func checkChangeable(for action: Action) throws {
        // Retention has removed what a change would be about; its counts stay as they are.
        guard anonymisedAt == nil else { throw Abort(.conflict, reason: "This concern has passed its retention period and was anonymised: it can no longer be changed.") }
    }
}

extension Concern {
    /// Referrals, outcomes and feedback follow a concern once recorded, until it is closed.
    func checkReferrable() throws {
        guard state == ConcernState.open.rawValue else {
            throw Abort(.conflict, reason: state == ConcernState.closed.rawValue ? "This concern is closed." : "Check and record the concern first.")
        }
    }
}

/// A referral is reached through its concern, in the same URL.
extension ConcernReferral {
    /// The referral in the URL, if it belongs to this concern; else 404.
    static func find(_ id: UUID, of concern: Concern, on db: any Database) async throws -> ConcernReferral {
        guard let referral = try await ConcernReferral.query(on: db).filter(\.$id == id).filter(\.$concern.$id == concern.requireID()).first()
        else { throw MissingRecord() }
        return referral
    }
}
