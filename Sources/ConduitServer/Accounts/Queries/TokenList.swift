import ConduitCore
import Fluent
import Foundation

/// A person's API tokens that are not revoked, newest first, and the lifetimes they may choose.
enum TokenList {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var prefix: String
        var createdAt: Date?
        var lastUsedAt: Date?
        var expiresAt: Date?
        var isExpired: Bool
    }

    /// The lifetimes a person may choose, in days; 90 unless they choose otherwise.
    static let lifetimes = [30, 90, 365]

    static func rows(on db: any Database, userID: UUID, now: Date) async throws -> [Row] {
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .sort(\.$createdAt, .descending).all()
            .map { Row(id: try $0.requireID(), name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, expiresAt: $0.expiresAt,
                       isExpired: $0.expiresAt.map { $0 <= now } ?? true) }
    }
}
