import ConduitCore
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
    /// Keys the password pepper and the sealing of second-factor secrets (`DataKeys`): kept
    /// outside the database, the same on every instance, and never changed once in use.
    public var dataKey: [UInt8]
    /// Production mode: second factor required, secure cookies, a secret must be set.
    public var isProduction: Bool
    /// Cookies marked Secure and named with the `__Host-` prefix (needs HTTPS).
    public var secureCookies: Bool
    public var requireSecondFactor: Bool
    public var sessionIdleTimeout: TimeInterval
    public var sessionLifetime: TimeInterval
    /// How many proxies of our own stand in front (0: none, the peer is the client). Behind
    /// them the client's address is the entry that many places from the right of
    /// X-Forwarded-For: the entries left of it are whatever the client chose to send.
    public var trustedProxyHops: Int

    /// The settings, their defaults and what they do: listed by `conduit serve --help`.
    public static let documentation: [(name: String, meaning: String)] = [
        ("CONDUIT_DATABASE_PATH", "SQLite file to use, created on first run (default: conduit.sqlite)"),
        ("DATABASE_URL", "postgres://user:password@host:port/database — use PostgreSQL instead of SQLite"),
        ("CONDUIT_SECRET", "at least 32 characters keying CSRF tokens; required in production, the same on every instance"),
        ("CONDUIT_DATA_KEY", "at least 32 characters keying the password pepper and the encryption of second-factor secrets; required in production, the same on every instance, never changed (development: a key file beside the database, made on first run)"),
        ("CONDUIT_DATA_KEY_FILE", "development only: where the data key is kept when CONDUIT_DATA_KEY is unset (default: the SQLite file's path + .key, or conduit-data.key for PostgreSQL)"),
        ("CONDUIT_SECURE_COOKIES", "true|false: Secure, __Host- session cookie (default: true in production, false otherwise)"),
        ("CONDUIT_REQUIRE_MFA", "true|false: every account must use a second factor (default: true in production)"),
        ("CONDUIT_SESSION_IDLE_MINUTES", "sign out after this many minutes without activity (default: 30)"),
        ("CONDUIT_SESSION_LIFETIME_HOURS", "sign out this many hours after sign-in, whatever the activity (default: 12)"),
        ("CONDUIT_TRUST_PROXY", "false, true (one proxy) or the number of proxies in front: the client address is that many entries from the right of X-Forwarded-For (default: false)"),
        ("--env / VAPOR_ENV", "development (default), testing or production"),
    ]

    public init(store: Store, secret: [UInt8], dataKey: [UInt8], isProduction: Bool, secureCookies: Bool, requireSecondFactor: Bool,
                sessionIdleTimeout: TimeInterval = 30 * 60, sessionLifetime: TimeInterval = 12 * 3600, trustedProxyHops: Int = 0) {
        self.store = store
        self.secret = secret
        self.dataKey = dataKey
        self.isProduction = isProduction
        self.secureCookies = secureCookies
        self.requireSecondFactor = requireSecondFactor
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
        self.trustedProxyHops = trustedProxyHops
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

        func hops(_ name: String) throws -> Int {
            guard let text = variables[name], !text.isEmpty else { return 0 }
            if let count = Int(text), (0...10).contains(count) { return count }
            do { return try flag(name, default: false) ? 1 : 0 } catch {
                throw Problem(description: "\(name) must be true, false or the number of proxies in front (0 to 10), not \"\(text)\"")
            }
        }

        let store: Store
        if let url = variables["DATABASE_URL"], !url.isEmpty {
            store = .postgres(url: url)
        } else {
            store = .sqlite(path: variables["CONDUIT_DATABASE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "conduit.sqlite")
        }

        /// A key of at least 32 characters from the environment; required in production, where
        /// no default is safe; made for development as `development` says.
        func key(_ name: String, production purpose: String, development: () throws -> [UInt8]) throws -> [UInt8] {
            if let text = variables[name], !text.isEmpty {
                guard text.utf8.count >= 32 else { throw Problem(description: "\(name) must be at least 32 characters") }
                return Array(text.utf8)
            }
            if isProduction { throw Problem(description: "\(name) must be set in production (\(purpose))") }
            return try development()
        }
        let secret = try key("CONDUIT_SECRET", production: "at least 32 random characters, the same on every instance") {
            // Development: a fresh key per process; forms open across a restart must be sent again.
            DataKeys.generate()
        }
        let dataKey = try key("CONDUIT_DATA_KEY", production: "at least 32 random characters, kept apart from the database and its backups, the same on every instance") {
            let defaultPath: String = switch store {
            case .sqlite(let path): path + ".key"
            case .postgres: "conduit-data.key"
            }
            return try keyFile(at: variables["CONDUIT_DATA_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath)
        }

        return Settings(
            store: store,
            secret: secret,
            dataKey: dataKey,
            isProduction: isProduction,
            secureCookies: try flag("CONDUIT_SECURE_COOKIES", default: isProduction),
            requireSecondFactor: try flag("CONDUIT_REQUIRE_MFA", default: isProduction),
            sessionIdleTimeout: try number("CONDUIT_SESSION_IDLE_MINUTES", default: 30) * 60,
            sessionLifetime: try number("CONDUIT_SESSION_LIFETIME_HOURS", default: 12) * 3600,
            trustedProxyHops: try hops("CONDUIT_TRUST_PROXY")
        )
    }
}

/// Development's data key: read from its file, or made and written there (readable by its
/// owner only) on first run. Two instances starting together agree: only one creates it.
private func keyFile(at path: String) throws -> [UInt8] {
    // A key file holds 64 hex digits and nothing else.
    func read() -> [UInt8]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let key = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        return key.count == 64 && key.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) ? key : nil
    }
    if let key = read() { return key }
    if FileManager.default.fileExists(atPath: path) {
        throw Settings.Problem(description: "the data key file \(path) does not hold a key (64 hex digits): restore it, or set CONDUIT_DATA_KEY")
    }
    // Written whole to a file of its own, then linked into place: a process starting at the
    // same moment sees no key file or a whole one, and only one link wins.
    let key = Array(DataKeys.generate().map { String(format: "%02x", $0) }.joined().utf8)
    let temporary = path + ".\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else { throw Settings.Problem(description: "the data key file \(path) cannot be created: set CONDUIT_DATA_KEY, or CONDUIT_DATA_KEY_FILE to a writable place") }
    let written = write(descriptor, key, key.count)
    close(descriptor)
    defer { unlink(temporary) }
    guard written == key.count else { throw Settings.Problem(description: "the data key file \(path) could not be written") }
    if link(temporary, path) == 0 { return key }
    // Another process linked its key first: use theirs.
    guard let theirs = read() else { throw Settings.Problem(description: "the data key file \(path) cannot be read") }
    return theirs
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
