import Fluent
import Foundation

/// Failed sign-in attempts counted against one account or one client address.
/// In the database so the count holds across every running instance.
final class SignInThrottleRecord: Model, @unchecked Sendable {
    static let schema = "sign_in_throttles"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    /// "account:<email>" or "address:<ip>".
    @Field(key: "key") var key: String
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "last_failure_at") var lastFailureAt: Date?
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    init() {}
}
