import Fluent
import Foundation

/// A form someone sent after their session had timed out (issue 16: "no lost words"). It is
/// kept, sealed, for the person whose session it was, and shown to them once they have signed
/// in again, to send once more with a fresh CSRF token: nothing is applied on their behalf.
final class KeptForm: Model, @unchecked Sendable {
    static let schema = "kept_forms"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// Where it was sent: it is sent there again.
    @Field(key: "path") var path: String
    /// The fields in order, as JSON, sealed (`DataKeys.sealRestricted`): a concern's names may be among them.
    @Field(key: "fields") var fields: String

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}
}
