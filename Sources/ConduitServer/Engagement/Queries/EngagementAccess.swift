import ConduitCore
import Fluent
import Foundation

/// An engagement is read and changed by the partnership that logged it.
extension Engagement: KeptRecord {
    static var recordType: String { "engagement" }
    static var idParameter: PathParameter { .engagementID }
    static var readAction: Action { .readEngagement }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    func refusal(of action: Action) -> String { "Only advisers of the partnership that logged this engagement can change it." }
}
