import ConduitCore
import Fluent
import Foundation
import Vapor

/// `conduit restore FILE`: puts a checked backup in place of the SQLite database.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by conduit backup") var file: String
    }

    var help: String { "Checks a backup and puts it in place of the SQLite database. Stop Conduit first; the replaced database is kept beside it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard case .sqlite(let path) = context.application.settings.store else {
            throw Settings.Problem(description: "On PostgreSQL, restore with pg_restore; conduit restore puts back the SQLite database")
        }
        let (tables, keptAs) = try await Backup.restore(from: signature.file, to: path, keys: context.application.dataKeys)
        context.console.success("Restored \(tables) tables from \(signature.file) to \(path)." + (keptAs.map { " The database it replaced is kept as \($0)." } ?? ""))
    }
}
