import ConduitCore
import Foundation
import Vapor

extension Application {
    private struct DataKeysKey: StorageKey { typealias Value = DataKeys }

    /// The keys kept outside the database (`Settings.dataKey`), derived once at start-up.
    var dataKeys: DataKeys {
        get {
            guard let keys = storage[DataKeysKey.self] else { fatalError("configure(_:settings:) has not run") }
            return keys
        }
        set { storage[DataKeysKey.self] = newValue }
    }
}

/// Password hashes: bcrypt of the password's HMAC under the pepper (`DataKeys.peppered`), so
/// every byte of a long password counts and a stolen database alone cannot be guessed at.
enum Passwords {
    static func hash(_ password: String, on app: Application) async throws -> String {
        DataKeys.pepperedPrefix + (try await app.password.async.hash(app.dataKeys.peppered(password)))
    }

    /// Whether the password matches the stored hash, and, for a hash made before the pepper
    /// that matches, its replacement, to be stored now (each is migrated at its next sign-in).
    static func verify(_ password: String, against stored: String, on app: Application) async throws -> (matches: Bool, rehashed: String?) {
        if stored.hasPrefix(DataKeys.pepperedPrefix) {
            let matches = try await app.password.async.verify(app.dataKeys.peppered(password), created: String(stored.dropFirst(DataKeys.pepperedPrefix.count)))
            return (matches, nil)
        }
        guard try await app.password.async.verify(password, created: stored) else { return (false, nil) }
        return (true, try await hash(password, on: app))
    }
}
