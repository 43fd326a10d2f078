import Fluent
import Foundation

/// One single-use recovery code, stored as a digest.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "code_digest") var codeDigest: String
    @OptionalField(key: "used_at") var usedAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, codeDigest: String) {
        self.$user.id = userID
        self.codeDigest = codeDigest
    }
}
