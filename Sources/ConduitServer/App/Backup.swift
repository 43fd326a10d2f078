import ConduitCore
import FluentSQLiteDriver
import Foundation
import SQLKit

/// `conduit backup` and `conduit restore` for the SQLite database: a consistent copy taken
/// while Conduit serves, and putting a checked copy back in place.
enum Backup {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes a copy of the live database to a new file. SQLite's VACUUM INTO reads one
    /// snapshot, so a write made meanwhile is either wholly in the copy or not at all, and
    /// the server keeps serving.
    static func write(to path: String, store: Settings.Store, on db: any Database) async throws {
        guard case .sqlite = store else {
            throw Problem(description: "On PostgreSQL, use pg_dump --format=custom (online and consistent) and pg_restore; conduit backup copies the SQLite database")
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw Problem(description: "\(path) already exists: back up to a new file") }
        try await (db as! any SQLDatabase).raw("VACUUM INTO \(bind: path)").run()
    }

    /// Checks that a file is a whole, undamaged Conduit database: SQLite's integrity check
    /// passes and its migrations are recorded, and, given the data key, that it was written
    /// with that key (a backup from before the key was recorded takes the one in use). Returns
    /// its tables' names.
    static func check(_ path: String, keys: DataKeys? = nil) async throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { throw Problem(description: "\(path) does not exist") }
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            let integrity = try await connection.query("PRAGMA integrity_check").first?.column("integrity_check")?.string
            guard integrity == "ok" else { throw Problem(description: "\(path) fails SQLite's integrity check: \(integrity ?? "not a database")") }
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .compactMap { $0.column("name")?.string }
            guard tables.contains("_fluent_migrations") else { throw Problem(description: "\(path) is not a Conduit database: it has no migrations") }
            if let keys, tables.contains(CreateDataKeyFingerprint.table) {
                let stored = try await connection.query("SELECT fingerprint FROM \(CreateDataKeyFingerprint.table)").compactMap { $0.column("fingerprint")?.string }
                guard stored.contains(keys.fingerprint) else {
                    throw Problem(description: "\(path) was written with another data key: put that key in place (CONDUIT_DATA_KEY or its key file) and restore again. Without it no password or second factor in it can be checked")
                }
            }
            try await connection.close()
            return tables
        } catch {
            try? await connection.close()
            if error is Problem { throw error }
            throw Problem(description: "\(path) cannot be read as an SQLite database: \(error)")
        }
    }

    /// Puts a checked backup in place of the database (Conduit must be stopped). The database
    /// it replaces is kept beside it, so a restore can itself be undone.
    static func restore(from backup: String, to database: String, keys: DataKeys) async throws -> (tables: Int, keptAs: String?) {
        let tables = try await check(backup, keys: keys)
        let files = FileManager.default
        let incoming = database + ".restoring"
        try? files.removeItem(atPath: incoming)
        try files.copyItem(atPath: backup, toPath: incoming)
        var keptAs: String?
        if files.fileExists(atPath: database) {
            keptAs = database + ".before-restore-" + String(Int(Date().timeIntervalSince1970))
            try files.moveItem(atPath: database, toPath: keptAs!)
        }
        // The old database's journal belongs to it, not to the restored one.
        for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: database + suffix) }
        try files.moveItem(atPath: incoming, toPath: database)
        return (tables.count, keptAs)
    }
}
