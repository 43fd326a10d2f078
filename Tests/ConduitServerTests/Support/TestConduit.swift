import ConduitCore
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

/// A fresh, migrated Conduit with the demo accounts, on its own SQLite file, or on
/// its own schema of the PostgreSQL server named by CONDUIT_TEST_POSTGRES.
struct TestConduit {
    let app: Application

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CONDUIT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs a test body against a new application, then removes its database.
    static func run(requireSecondFactor: Bool = false, secureCookies: Bool = false, trustProxy: Bool = false,
                    loadDemo: Bool = true, demoDirectory: Bool = false, _ body: (TestConduit) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        // Migration and request logs would bury the test results; warnings still show.
        app.logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let sqlitePath = FileManager.default.temporaryDirectory.appendingPathComponent("conduit-\(name).sqlite").path
        let store: Settings.Store = postgresURL.map { .postgres(url: $0) } ?? .sqlite(path: sqlitePath)
        let settings = Settings(store: store, secret: Array("test secret test secret test secret!".utf8),
                                dataKey: Array("test data key test data key test data key".utf8), isProduction: false,
                                secureCookies: secureCookies, requireSecondFactor: requireSecondFactor, trustedProxyHops: trustProxy ? 1 : 0)
        do {
            try configure(app, settings: settings)
            if let url = postgresURL {
                // Each test has a schema of its own on the shared server.
                var configuration = try SQLPostgresConfiguration(url: url)
                configuration.searchPath = [name]
                // One connection per event loop: the suite runs many tests at once against one server.
                app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 1), as: .psql, isDefault: true)
                useModelMiddleware(app)
                try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: name)").run()
            }
            try await prepareDatabase(app)
            // The demo directory (groups, a year of engagements) only where a test reads it: it takes time to load.
            if loadDemo { try await Demo.load(on: app, withDirectory: demoDirectory) }
            try await body(TestConduit(app: app))
        } catch {
            try? await cleanUp(app: app, schema: name, sqlitePath: sqlitePath)
            throw error
        }
        try await cleanUp(app: app, schema: name, sqlitePath: sqlitePath)
    }

    private static func cleanUp(app: Application, schema: String, sqlitePath: String) async throws {
        // The application is shut down even when dropping the schema fails, or its deinit traps.
        var dropped: (any Error)?
        if postgresURL != nil {
            do { try await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run() } catch { dropped = error }
        }
        try await app.asyncShutdown()
        if let dropped { throw dropped }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
    }

    var db: any Database { app.db }
    var sql: any SQLDatabase { app.db as! any SQLDatabase }

    /// A browser with its own cookies.
    func browser() -> Browser { Browser(app: app) }

    /// A browser signed in as a demo user (password, then TOTP).
    func signedIn(as role: Role) async throws -> Browser {
        let browser = browser()
        try await browser.signIn(email: Demo.email(role), secret: Demo.secret(for: role))
        return browser
    }

    func user(_ role: Role) async throws -> User {
        try #require(try await User.query(on: db).filter(\.$email == Demo.email(role)).first())
    }

    func partnership(_ code: String) async throws -> Partnership {
        try #require(try await Partnership.query(on: db).filter(\.$code == code).first())
    }

    /// Creates a user with one membership, straight into the database.
    @discardableResult
    func addUser(email: String, role: Role, partnership code: String, secret: String? = nil) async throws -> User {
        let user = User(email: email, displayName: email, passwordHash: try await Passwords.hash(Demo.password, on: app))
        user.totpSecret = secret.map(app.dataKeys.seal)
        try await user.save(on: db)
        try await MembershipRecord(userID: user.requireID(), partnershipID: try await partnership(code).requireID(), role: role).save(on: db)
        return user
    }

    func auditActions() async throws -> [String] {
        try await sql.select().column("action").from(AuditTrail.table).orderBy("seq").all().map { try $0.decode(column: "action", as: String.self) }
    }

    func auditRows(action: String) async throws -> [AuditTrail.AuditRow] {
        try await sql.select().column("*").from(AuditTrail.table).where("action", .equal, action).orderBy("seq").all(decoding: AuditTrail.AuditRow.self)
    }
}

extension Demo {
    static func email(_ role: Role) -> String { "\(role.rawValue)@conduit.example" }
}

/// A cookie-keeping client of the in-process application.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    /// The last page's CSRF token, as a form on it would send.
    var csrfToken: String?
    /// The version of the record the last page's form edits (its hidden "version" field), if any.
    var formVersion: String?
    var headers: HTTPHeaders = [:]

    init(app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form as the page's form would, with the CSRF token unless told otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = fields
        if csrf, let csrfToken, !fields.contains(where: { $0.0 == CSRF.field }) { fields.append((CSRF.field, csrfToken)) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String? = nil) async throws -> TestingHTTPResponse {
        var headers = self.headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            let name = pair[0], value = pair.count > 1 ? pair[1] : ""
            if value.isEmpty || header.lowercased().contains("expires=thu, 01 jan 1970") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = response.body.string.firstMatch(of: /name="csrf_token" value="([0-9a-f]+)"/)?.1 {
            csrfToken = String(token)
        }
        formVersion = response.body.string.firstMatch(of: /name="version" value="([^"]+)"/).map { String($0.1) }
        return response
    }

    /// Signs in with password and the current code of the given key.
    func signIn(email: String, password: String = Demo.password, secret: String?) async throws {
        try await get(SiteURL.signIn.path)
        let first = try await post(SiteURL.signIn.path, [("email", email), ("password", password)])
        #expect(first.status == .seeOther, "password step for \(email): \(first.status)")
        guard let secret else { return }
        // Codes are single-use: step past any code an earlier sign-in used.
        app.clock.advance(by: 31)
        try await get(SiteURL.signInCode.path)
        let code = TOTP(secret: Base32.decode(secret)!).code(at: app.clock.now)
        let second = try await post(SiteURL.signInCode.path, [("code", code)])
        #expect(second.status == .seeOther, "code step for \(email): \(second.status) \(second.body.string.prefix(200))")
    }
}
