import Fluent
import Foundation

/// A browser's signed-in session, kept in the database so any instance can serve it.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    /// How far through signing in the session is.
    enum Stage: String, Codable, Sendable {
        /// Password accepted; the second factor is still to come.
        case awaitingSecondFactor = "awaiting_second_factor"
        /// Password accepted; the account must enrol a second factor first.
        case enrolment
        /// Fully signed in.
        case signedIn = "signed_in"
    }

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    // data
    /// SHA-256 of the cookie's token: a copy of the table does not give sessions away.
    @Field(key: "token_digest") var tokenDigest: String
    @Enum(key: "stage") var stage: Stage
    /// A secret offered during enrolment, kept until it is confirmed with a code.
    @OptionalField(key: "pending_totp_secret") var pendingTOTPSecret: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "user_agent") var userAgent: String?

    // relationships
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "current_partnership_id") var currentPartnership: Partnership?

    init() {}

    init(userID: UUID, tokenDigest: String, stage: Stage, now: Date, address: String?, userAgent: String?) {
        self.$user.id = userID
        self.tokenDigest = tokenDigest
        self.stage = stage
        self.createdAt = now
        self.lastSeenAt = now
        self.address = address
        self.userAgent = userAgent
    }
}
