import ConduitCore
import Fluent
import Foundation

/// A session is read and changed by its own partnership; its register's reads are recorded
/// by the register itself, which knows how many participants are named.
extension TrainingSession: KeptRecord {
    static var recordType: String { "training_session" }
    static var idParameter: PathParameter { .sessionID }
    static var readAction: Action { .readTraining }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    func refusal(of action: Action) -> String { "Only advisers of the partnership that runs this session can change it." }
}
