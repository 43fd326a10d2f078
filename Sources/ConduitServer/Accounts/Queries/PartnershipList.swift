import ConduitCore
import Fluent
import Foundation

/// The partnerships and regions an administrator manages, for their pages and for granting memberships.
enum PartnershipList {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var code: String
        var kind: Partnership.Kind
        var parentName: String?
        var version: Int
    }

    /// Partnerships the visitor may manage, regions first, by name.
    static func rows(on db: any Database, scope: Set<UUID>) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        let all = try await Partnership.query(on: db).filter(\.$id ~~ scope).with(\.$parent).all()
        return all.map { Row(id: $0.id!, name: $0.name, code: $0.code, kind: $0.kind, parentName: $0.parent?.name, version: $0.version) }
            .sorted { ($0.kind == .region ? 0 : 1, $0.name) < ($1.kind == .region ? 0 : 1, $1.name) }
    }

    /// The regions new partnerships can be added to.
    static func regions(on db: any Database, scope: Set<UUID>) async throws -> [Row] {
        try await rows(on: db, scope: scope).filter { $0.kind == .region }
    }
}
