import ConduitCore
import Fluent
import Foundation
import Vapor

/// A resource is read as its visibility says: its own partnership's staff, every partnership's
/// staff for one shared with all, anyone for a public one; changed only by its partnership's
/// advisers and the hub's coordinators. Another partnership's own resource is answered 404.
extension LibraryResource: KeptRecord {
    static var recordType: String { "resource" }
    static var idParameter: PathParameter { .resourceID }
    static var readAction: Action { .readResources }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        guard action == .readResources else { return keeper.map { visitor.allows(action, on: $0) } == true }
        return Self.isReadable(visibility: resourceVisibility, keeper: $partnership.id, by: visitor)
    }

    /// The one rule every listing of resources repeats in SQL (`LibrarySearch.scoped`).
    static func isReadable(visibility: ResourceVisibility, keeper: UUID, by visitor: Visitor) -> Bool {
        switch visibility {
        case .public, .allPartnerships: visitor.allows(.readResources)
        case .partnership: visitor.allows(.readResources, on: keeper)
        }
    }

    func refusal(of action: Action) -> String { "This resource is kept by another partnership. Ask its adviser to change it." }
}

extension ResourceVersion {
    /// The version in the URL, if it belongs to this resource; else 404.
    static func find(_ id: UUID, of resource: LibraryResource, on db: any Database) async throws -> ResourceVersion {
        guard let version = try await ResourceVersion.query(on: db).filter(\.$id == id).filter(\.$resource.$id == resource.requireID()).first()
        else { throw MissingRecord() }
        return version
    }
}
