import Fluent
import Foundation

/// A personal token for the JSON API. Acts with its owner's memberships.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "name") var name: String
    /// SHA-256 of the token: the token itself is shown once and never stored.
    @Field(key: "token_digest") var tokenDigest: String
    /// The first characters, so the owner can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// After this the token no longer answers (issue 13).
    @OptionalField(key: "expires_at") var expiresAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    /// How long a token lives unless its owner chooses otherwise.
    static let defaultLifetime: TimeInterval = 90 * 86_400

    init(userID: UUID, name: String, tokenDigest: String, prefix: String, expiresAt: Date?) {
        self.$user.id = userID
        self.name = name
        self.tokenDigest = tokenDigest
        self.prefix = prefix
        self.expiresAt = expiresAt
    }
}
