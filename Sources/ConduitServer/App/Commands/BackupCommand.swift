import ConduitCore
import Fluent
import Foundation
import Vapor

/// `conduit backup FILE`: a consistent copy of the SQLite database, taken while Conduit serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The new file to write the copy to") var file: String
    }

    var help: String { "Copies the SQLite database to a new file, consistently, while Conduit keeps serving." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Backup.write(to: signature.file, store: app.settings.store, on: app.db)
        let tables = try await Backup.check(signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        try await AuditTrail.append(.init("database.backup", detail: signature.file), actor: .system, address: nil, at: app.clock.now, on: app.db)
        context.console.success("Backed up \(tables.count) tables to \(signature.file) (\(size / 1024) KB); it passes SQLite's integrity check.")
    }
}
