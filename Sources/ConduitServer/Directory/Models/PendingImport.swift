import Fluent
import Foundation

/// A file that failed its check, kept for a day so its owner can import the
/// valid rows or download the rejected ones without sending it again.
final class PendingImport: Model, @unchecked Sendable {
    static let schema = "directory_imports"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "kind") var kind: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: String

    // relationships
    @Parent(key: "user_id") var user: User
    /// The partnership new groups are kept by unless a row says otherwise.
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}
}
