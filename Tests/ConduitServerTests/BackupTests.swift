import ConduitCore
import FluentSQLiteDriver
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Backup and restore")
struct BackupTests {
    /// Every table's rows, in storage order, read straight from a database file.
    static func contents(of path: String) async throws -> [String: [[SQLiteData]]] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        var contents: [String: [[SQLiteData]]] = [:]
        for table in try await Backup.check(path) {
            contents[table] = try await connection.query("SELECT * FROM \"\(table)\" ORDER BY rowid").map { row in row.columns.map(\.data) }
        }
        try await connection.close()
        return contents
    }

    @Test("a backup taken from the live database holds every table's rows exactly; restoring it puts them back and keeps the replaced file")
    func roundTrip() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            guard case .sqlite(let live) = conduit.app.settings.store else { return }  // pg_dump covers PostgreSQL
            // setup
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conduit-backup-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let backup = folder + "/backup.sqlite", restored = folder + "/conduit.sqlite", broken = folder + "/broken.sqlite"
            try Data("not a database".utf8).write(to: URL(fileURLWithPath: broken))
            // act
            try await Backup.write(to: backup, store: conduit.app.settings.store, on: conduit.db)
            let again = await #expect(throws: Backup.Problem.self) { try await Backup.write(to: backup, store: conduit.app.settings.store, on: conduit.db) }
            let original = try await Self.contents(of: live)
            let copy = try await Self.contents(of: backup)
            try Data("an older database".utf8).write(to: URL(fileURLWithPath: restored))
            let (tables, keptAs) = try await Backup.restore(from: backup, to: restored, keys: conduit.app.dataKeys)
            let refused = await #expect(throws: Backup.Problem.self) { try await Backup.restore(from: broken, to: restored, keys: conduit.app.dataKeys) }
            let otherKey = await #expect(throws: Backup.Problem.self) {
                try await Backup.restore(from: backup, to: restored, keys: DataKeys(dataKey: Array("another installation's data key, 32+".utf8)))
            }
            let afterRefusal = try await Self.contents(of: restored)
            // check
            #expect(again?.description.contains("already exists") == true, "a backup never overwrites a file")
            #expect(original.count > 20 && original["returns"]?.isEmpty == false && original["file_audit_answers"]?.isEmpty == false)
            #expect(copy == original, "every table, every row")
            #expect(tables == original.count)
            #expect(try keptAs.map { try String(contentsOfFile: $0, encoding: .utf8) } == "an older database", "the replaced file is kept")
            #expect(refused?.description.contains("broken.sqlite") == true)
            #expect(afterRefusal == original, "a refused restore changes nothing")
            #expect(otherKey?.description.contains("another data key") == true, "a backup of another installation needs its key")
        }
    }
}
