import ConduitCore
import Fluent
import Foundation
import Vapor

/// Personal API tokens: created here, shown once, stored as a digest, revocable.
enum TokenController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        return TokensView.layout(.init(tokens: try await TokenList.rows(on: req.db, userID: visitor.userID, now: req.now), newToken: nil, name: "",
                                       problems: [], notice: TokensView.Notice.read(req)?.message), context: PageContext(req))
    }

    struct CreateForm: Content {
        var name: String?
        var days: String?
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let form = try req.content.decode(CreateForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let days = Int(form.days ?? "90")
        var problems: [FieldProblem] = []
        if days.map(TokenList.lifetimes.contains) != true { problems.append(.init(field: "days", message: "Select when the token expires")) }
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter a name for the token, such as the system that will use it")) }
        if TextLimit.exceeds(name, characters: 100) { problems.append(.init(field: "name", message: "Name must be 100 characters or fewer")) }
        if let problem = GroupValidation.notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        let tokens = try await TokenList.rows(on: req.db, userID: visitor.userID, now: req.now)
        guard problems.isEmpty, let days else {
            return try await PageResponse(status: .unprocessableEntity, layout: TokensView.layout(
                .init(tokens: tokens, newToken: nil, name: name, problems: problems, notice: nil), context: PageContext(req))).encodeResponse(for: req)
        }
        let secret = "cdt_" + Sessions.newToken()
        let token = APIToken(userID: visitor.userID, name: name, tokenDigest: Sessions.digest(secret), prefix: String(secret.prefix(10)),
                             expiresAt: req.now.addingTimeInterval(Double(days) * 86_400))
        try await token.save(on: req.db)
        try await req.audit(.init("api-token.create", recordType: "api_token", recordID: token.id?.uuidString, detail: "\(name), for \(days) days"))
        return try await TokensView.layout(.init(tokens: try await TokenList.rows(on: req.db, userID: visitor.userID, now: req.now), newToken: secret,
                                                 newTokenExpiresAt: token.expiresAt, name: "",
                                                 problems: [], notice: nil), context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func revoke(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        // Another person's token answers 404 like a missing one, and the attempt is recorded.
        guard let token = try await APIToken.query(on: req.db).filter(\.$id == (try req.uuid(.tokenID))).filter(\.$revokedAt == nil).first()
        else { throw Abort(.notFound) }
        guard token.$user.id == visitor.userID else { throw HiddenRecord(recordType: "api_token", id: try token.requireID(), partnershipID: nil) }
        token.revokedAt = req.now
        try await token.save(on: req.db)
        try await req.audit(.init("api-token.revoke", recordType: "api_token", recordID: token.id?.uuidString))
        return req.redirect(to: SiteURL.accountTokens.path(query: TokensView.Notice.revoked.query))
    }
}
