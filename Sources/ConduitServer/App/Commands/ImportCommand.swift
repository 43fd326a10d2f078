import ConduitCore
import Fluent
import Foundation
import Vapor

/// `conduit import attendances FILE`: registers of many sessions at once.
struct ImportCommand: AsyncCommandGroup {
    var help: String { "Imports CSV files checked as the pages check them: all of a file, or nothing." }
    var commands: [String: any AnyAsyncCommand] { ["attendances": AttendancesCommand()] }

    struct AttendancesCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "CSV with a session_id column and the register's columns") var file: String
        }

        var help: String {
            "Adds participants to the registers of the sessions the file names. Columns: session_id, " + RegisterRows.columns.joined(separator: ", ")
                + ". Every row is checked first; one bad row and nothing is written."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await prepareDatabase(app)
            guard let data = FileManager.default.contents(atPath: signature.file), let text = String(data: data, encoding: .utf8) else {
                throw Settings.Problem(description: "Cannot read \(signature.file) as UTF-8 text")
            }
            do {
                let (participants, sessions) = try await AttendanceImport.run(text, on: app.db)
                try await AuditTrail.append(.init("attendance.import", detail: "\(participants) participants in \(sessions) sessions from \(signature.file)"),
                                            actor: .system, address: nil, at: app.clock.now, on: app.db)
                context.console.success("Imported \(participants.formatted()) participants into the registers of \(sessions.formatted()) sessions.")
            } catch let refused as AttendanceImport.Refused {
                if let message = refused.message { context.console.error(message) }
                for problem in refused.problems { context.console.error("Line \(problem.line), \(problem.column): \(problem.message)") }
                if refused.more > 0 { context.console.error("… and \(refused.more) more problems.") }
                throw Settings.Problem(description: "Nothing was imported: correct the file and import it again")
            }
        }
    }
}
