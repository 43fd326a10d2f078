import ConduitCore
import Fluent
import Vapor

/// The first endpoints of the JSON API.
enum APIController {
    struct MembershipDTO: Content {
        var partnershipId: UUID
        var partnershipName: String
        var role: String
    }

    struct MeDTO: Content {
        var id: UUID
        var email: String
        var displayName: String
        var memberships: [MembershipDTO]
    }

    @Sendable
    static func me(req: Request) async throws -> MeDTO {
        let visitor = try req.signedIn
        return MeDTO(id: visitor.userID, email: visitor.email, displayName: visitor.displayName,
                     memberships: visitor.grants.map { .init(partnershipId: $0.partnershipID, partnershipName: $0.partnershipName, role: $0.role.rawValue) })
    }

    struct PartnershipDTO: Content {
        var id: UUID
        var name: String
        var code: String
        var kind: String
        var parentId: UUID?
    }

    struct PartnershipList: Content {
        var items: [PartnershipDTO]
        var total: Int
    }

    /// The partnerships the token's owner belongs to (regions include their partnerships).
    @Sendable
    static func partnerships(req: Request) async throws -> PartnershipList {
        let scope = try req.signedIn.scope(.readPartnerships)
        guard !scope.isEmpty else { return PartnershipList(items: [], total: 0) }
        let items = try await Partnership.query(on: req.db).filter(\.$id ~~ scope).sort(\.$name).all()
            .map { PartnershipDTO(id: $0.id!, name: $0.name, code: $0.code, kind: $0.kind.rawValue, parentId: $0.$parent.id) }
        return PartnershipList(items: items, total: items.count)
    }

    @Sendable
    static func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: OpenAPIDocument.json))
    }
}
