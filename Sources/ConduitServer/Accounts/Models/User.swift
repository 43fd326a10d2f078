import Fluent
import Foundation

/// A person who signs in to Conduit.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// Always stored lowercased, so sign-in ignores case.
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    /// Base32 TOTP secret once the second factor is enrolled.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last time step a code was accepted for: codes are single-use.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @OptionalField(key: "disabled_at") var disabledAt: Date?

    // relationships
    @Children(for: \.$user) var memberships: [MembershipRecord]

    init() {}

    init(id: UUID? = nil, email: String, displayName: String, passwordHash: String) {
        self.id = id
        self.email = email.lowercased()
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.version = 1
    }

    var hasSecondFactor: Bool { totpSecret != nil }
}
