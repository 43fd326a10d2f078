import Foundation
import Vapor

/// Everything Conduit reads from its environment, read once at start-up.
public struct Settings: Sendable {
    /// Where the records are kept.
    public enum Store: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var store: Store
    /// Keys the CSRF tokens; must be the same on every instance behind a load balancer.
    public var secret: [UInt8]
    /// Production mode: second factor required, secure cookies, a secret must be set.
    public var isProduction: Bool
    /// Cookies marked Secure and named with the `__Host-` prefix (needs HTTPS).
    public var secureCookies: Bool
    public var requireSecondFactor: Bool
    public var sessionIdleTimeout: TimeInterval
    public var sessionLifetime: TimeInterval
    /// Take the client address from X-Forwarded-For (only behind a trusted proxy).
    public var trustProxy: Bool

    /// The settings, their defaults and what they do: listed by `conduit serve --help`.
    public static let documentation: [(name: String, meaning: String)] = [
        ("CONDUIT_DATABASE_PATH", "SQLite file to use, created on first run (default: conduit.sqlite)"),
        ("DATABASE_URL", "postgres://user:password@host:port/database — use PostgreSQL instead of SQLite"),
        ("CONDUIT_SECRET", "at least 32 characters keying CSRF tokens; required in production, the same on every instance"),
        ("CONDUIT_SECURE_COOKIES", "true|false: Secure, __Host- session cookie (default: true in production, false otherwise)"),
        ("CONDUIT_REQUIRE_MFA", "true|false: every account must use a second factor (default: true in production)"),
        ("CONDUIT_SESSION_IDLE_MINUTES", "sign out after this many minutes without activity (default: 30)"),
        ("CONDUIT_SESSION_LIFETIME_HOURS", "sign out this many hours after sign-in, whatever the activity (default: 12)"),
        ("CONDUIT_TRUST_PROXY", "true|false: read the client address from X-Forwarded-For (default: false)"),
        ("--env / VAPOR_ENV", "development (default), testing or production"),
    ]

    public init(store: Store, secret: [UInt8], isProduction: Bool, secureCookies: Bool, requireSecondFactor: Bool,
                sessionIdleTimeout: TimeInterval = 30 * 60, sessionLifetime: TimeInterval = 12 * 3600, trustProxy: Bool = false) {
        self.store = store
        self.secret = secret
        self.isProduction = isProduction
        self.secureCookies = secureCookies
        self.requireSecondFactor = requireSecondFactor
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
        self.trustProxy = trustProxy
    }

    /// A setting that is present but cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the settings from the process environment.
    public static func load(environment: Environment, variables: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let isProduction = environment.isRelease || environment == .production
        func flag(_ name: String, default fallback: Bool) throws -> Bool {
            guard let text = variables[name], !text.isEmpty else { return fallback }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw Problem(description: "\(name) must be true or false, not \"\(text)\"")
            }
        }
        func number(_ name: String, default fallback: Double) throws -> Double {
            guard let text = variables[name], !text.isEmpty else { return fallback }
            guard let value = Double(text), value > 0 else { throw Problem(description: "\(name) must be a positive number, not \"\(text)\"") }
            return value
        }

        let store: Store
        if let url = variables["DATABASE_URL"], !url.isEmpty {
            store = .postgres(url: url)
        } else {
            store = .sqlite(path: variables["CONDUIT_DATABASE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "conduit.sqlite")
        }

        let secret: [UInt8]
        if let text = variables["CONDUIT_SECRET"], !text.isEmpty {
            guard text.utf8.count >= 32 else { throw Problem(description: "CONDUIT_SECRET must be at least 32 characters") }
            secret = Array(text.utf8)
        } else if isProduction {
            throw Problem(description: "CONDUIT_SECRET must be set in production (at least 32 random characters, the same on every instance)")
        } else {
            // Development: a fresh key per process; forms open across a restart must be sent again.
            var generator = SystemRandomNumberGenerator()
            secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }

        return Settings(
            store: store,
            secret: secret,
            isProduction: isProduction,
            secureCookies: try flag("CONDUIT_SECURE_COOKIES", default: isProduction),
            requireSecondFactor: try flag("CONDUIT_REQUIRE_MFA", default: isProduction),
            sessionIdleTimeout: try number("CONDUIT_SESSION_IDLE_MINUTES", default: 30) * 60,
            sessionLifetime: try number("CONDUIT_SESSION_LIFETIME_HOURS", default: 12) * 3600,
            trustProxy: try flag("CONDUIT_TRUST_PROXY", default: false)
        )
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    /// The settings the application was configured with.
    public var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else { fatalError("configure(_:settings:) has not run") }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}
