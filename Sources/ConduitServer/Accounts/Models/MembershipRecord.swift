import ConduitCore
import Fluent
import Foundation

/// A person's role in a partnership or region (stored form of `Membership`).
final class MembershipRecord: Model, @unchecked Sendable {
    static let schema = "memberships"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Enum(key: "role") var role: Role
    /// For a data submitter, the source whose returns they enter (ReturnSource); nil for all sources.
    @OptionalField(key: "return_source") var returnSource: String?

    // relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}

    init(id: UUID? = nil, userID: UUID, partnershipID: UUID, role: Role, returnSource: ReturnSource? = nil) {
        self.id = id
        self.$user.id = userID
        self.$partnership.id = partnershipID
        self.role = role
        self.returnSource = returnSource?.rawValue
    }
}

