import ConduitCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

/// Every route the application registers × every role × signed out. A route
/// added without a requirement, or whose requirement is not enforced, fails here.
@Suite("Authorisation matrix")
struct AuthorisationMatrixTests {
    @Test("every route declares a requirement, and it is enforced for every role and for signed-out visitors")
    func matrix() async throws {
        try await TestConduit.run { conduit in
            // setup: a signed-in browser and an API token per role, and a signed-out browser
            var browsers: [Role?: Browser] = [nil: conduit.browser()]
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                browsers[role] = try await conduit.signedIn(as: role)
                let secret = "cdt_matrix_\(role.rawValue)"
                try await APIToken(userID: try await conduit.user(role).requireID(), name: "matrix", tokenDigest: Sessions.digest(secret), prefix: "cdt_matrix", expiresAt: Date().addingTimeInterval(APIToken.defaultLifetime)).save(on: conduit.db)
                tokens[role] = secret
            }
            try await browsers[nil]!.get(SiteURL.signIn.path)
            // Signing out is last, so it does not sign the browsers out before the other routes.
            func signsOut(_ route: Route) -> Bool { route.path.map(\.description).joined(separator: "/").contains("sign-out") }
            let routes = conduit.app.routes.all.filter { !signsOut($0) } + conduit.app.routes.all.filter(signsOut)
            #expect(routes.count >= 30)

            for route in routes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter = component { return UUID().uuidString } else { return component.description }
                }.joined(separator: "/")
                let label = "\(route.method) \(route.path.map(\.description).joined(separator: "/"))"
                // check: the route declares its requirement
                guard let requirement = route.requirement else {
                    Issue.record("\(label) has no requirement: register it with page(…) or api(…)")
                    continue
                }
                let isAPI = path.hasPrefix("/api/")
                for role in [nil] + Role.allCases.map(Optional.some) {
                    // act
                    let response: TestingHTTPResponse
                    if isAPI {
                        let client = conduit.browser()
                        if let role { client.headers.bearerAuthorization = .init(token: tokens[role]!) }
                        response = try await client.send(route.method, path)
                    } else if route.method == .GET {
                        response = try await browsers[role]!.get(path)
                    } else {
                        response = try await browsers[role]!.post(path)
                    }
                    // check
                    let expected: Bool = switch requirement {
                    case .everyone: true
                    case .signingIn, .signedIn: role != nil
                    case .allowed(let action): role.map { Policy.actions(of: $0).contains(action) } ?? false
                    case .allowedAny(let actions): role.map { !Policy.actions(of: $0).isDisjoint(with: actions) } ?? false
                    }
                    let location = response.headers.first(name: .location) ?? ""
                    let denied = isAPI
                        ? (response.status == .unauthorized || response.status == .forbidden)
                        : (role == nil ? (response.status == .seeOther && location.hasPrefix("/sign-in")) : response.status == .forbidden)
                    #expect(denied == !expected, "\(label) as \(role?.rawValue ?? "signed out"): \(response.status) \(location), requirement \(requirement)")
                }
            }
        }
    }
}
