import ConduitCore
import Fluent
import Foundation
import Vapor

/// `conduit serve [--demo]`: migrates, optionally loads demo data, then serves.
struct ConduitServeCommand: AnyAsyncCommand {
    let serve: any AnyAsyncCommand

    var help: String { "Serves Conduit over HTTP. --demo loads the demo data first." }

    func run(using context: inout CommandContext) async throws {
        let demo = context.input.arguments.contains("--demo")
        context.input.arguments.removeAll { $0 == "--demo" }
        let app = context.application
        try await prepareDatabase(app)
        if demo { DemoCommand.print(try await Demo.load(on: app), to: context.console) }
        try await serve.run(using: &context)
    }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.print("Usage: conduit serve [--demo] [--hostname H] [--port P]\n")
        context.console.print(help + "\n\nSettings (environment variables):")
        for setting in Settings.documentation {
            context.console.print("  \(setting.name)\n      \(setting.meaning)")
        }
        context.console.print("")
        try serve.outputHelp(using: &context)
    }
}

/// `conduit demo`: loads the demo data and prints how to sign in.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "london: a synthetic data set of all 33 London partnerships over ten years (for bench/); small: the same, a few thousand rows")
        var scale: String?
        @Option(name: "seed", help: "With --scale: the seed of the synthetic data, so a data set can be made again exactly (default 1)")
        var seed: UInt64?
    }
    var help: String { "Loads demo data (partnerships and one user per role) into an empty database; --scale london loads a London-scale synthetic data set." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await prepareDatabase(context.application)
        guard let scale = signature.scale else {
            Self.print(try await Demo.load(on: context.application), to: context.console)
            return
        }
        let summary = try await LondonScale.load(on: context.application, scale: scale, seed: signature.seed ?? 1)
        context.console.print("Generated the \(scale) data set in \(String(format: "%.1f", summary.seconds)) s:")
        for (table, rows) in summary.counts { context.console.print("  \(table.padding(toLength: 28, withPad: " ", startingAt: 0)) \(rows.formatted())") }
        context.console.print("The demo accounts sign in as usual; \(LondonScale.benchReader) reads every partnership's directory and statistics.")
    }

    static func print(_ accounts: [Demo.Account], to console: any Console) {
        console.print("Demo users (password for all: \"\(Demo.password)\"):")
        let now = Date()
        for account in accounts {
            let code = TOTP(secret: Base32.decode(account.totpSecret) ?? []).code(at: now)
            console.print("  \(account.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(account.role.title) in \(account.partnership)")
            console.print("      authenticator key \(account.totpSecret)  (code now: \(code); `conduit totp \(account.totpSecret)` prints the current one)")
        }
    }
}

/// `conduit totp SECRET`: prints the current code for a key (for demo accounts).
struct TOTPCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "secret", help: "The Base32 authenticator key")
        var secret: String
    }

    var help: String { "Prints the current authenticator code for a key, for trying the demo accounts." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let secret = Base32.decode(signature.secret), !secret.isEmpty else {
            throw Settings.Problem(description: "The key must be Base32 (letters A–Z and digits 2–7)")
        }
        context.console.print(TOTP(secret: secret).code(at: Date()))
    }
}

/// `conduit audit verify`: checks the audit trail's hash chain.
struct AuditCommand: AsyncCommandGroup {
    var help: String { "Works with the audit trail." }
    var commands: [String: any AnyAsyncCommand] { ["verify": VerifyCommand()] }

    struct VerifyCommand: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Checks every entry of the audit trail against its hash chain and reports every broken link." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let console = context.console
            let result = try await AuditTrail.verify(on: context.application.db) { checked in
                console.print("… \(checked) entries checked")
            }
            guard result.broken == 0 else {
                for broken in result.breaks {
                    console.error("Entry \(broken.sequence): \(broken.reason).")
                }
                if result.broken > result.breaks.count { console.error("… and \(result.broken - result.breaks.count) more broken links.") }
                console.error("The audit trail is broken: \(result.broken) broken links among \(result.checked) entries.")
                throw AuditBroken()
            }
            console.success("The audit trail is intact: \(result.checked) entries checked.")
        }
    }

    struct AuditBroken: Error, CustomStringConvertible {
        var description: String { "audit trail verification failed" }
    }
}

/// `conduit user create|reset-mfa`: manages accounts from the command line,
/// e.g. the first administrator of a new installation.
struct UserCommand: AsyncCommandGroup {
    var help: String { "Creates users, resets their second factor, issues API tokens." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateCommand(), "reset-mfa": ResetCommand(), "token": TokenCommand()] }

    /// For setting up a partner system's access without a browser; the token is printed once.
    struct TokenCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Email address of the token's owner") var email: String?
            @Option(name: "name", help: "What the token is for, e.g. police data upload") var name: String?
            @Option(name: "days", help: "Days until it expires (default 90, at most 365)") var days: Int?
        }

        var help: String { "Creates an API token acting with the user's memberships and prints it (it is not shown again)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let email = signature.email?.lowercased(), let user = try await User.query(on: app.db).filter(\.$email == email).first(),
                  user.disabledAt == nil else {
                throw Settings.Problem(description: "Give --email of an existing, enabled user")
            }
            let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw Settings.Problem(description: "Give --name, up to 100 characters, saying what the token is for") }
            let days = signature.days ?? Int(APIToken.defaultLifetime / 86_400)
            guard (1...365).contains(days) else { throw Settings.Problem(description: "Give --days from 1 to 365") }
            let secret = "cdt_" + Sessions.newToken()
            let expires = app.clock.now.addingTimeInterval(Double(days) * 86_400)
            let token = APIToken(userID: try user.requireID(), name: name, tokenDigest: Sessions.digest(secret), prefix: String(secret.prefix(10)), expiresAt: expires)
            try await token.save(on: app.db)
            try await AuditTrail.append(.init("api-token.create", recordType: "api_token", recordID: token.id?.uuidString, detail: "\(name), for \(email), from the command line"),
                                        actor: .system, address: nil, at: app.clock.now, on: app.db)
            // The token is the last line, for scripts.
            context.console.print("The token expires on \(Formats.dateTime(expires)).")
            context.console.print(secret)
        }
    }

    struct CreateCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Email address") var email: String?
            @Option(name: "name", help: "Full name") var name: String?
            @Option(name: "partnership", help: "Code of the partnership or region, e.g. london") var partnership: String?
            @Option(name: "role", help: "administrator, coordinator, adviser, auditor, analyst, submitter or viewer") var role: String?
        }

        var help: String { "Creates a user with one membership. The password is read from CONDUIT_NEW_PASSWORD or asked for." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await prepareDatabase(app)
            guard let typedEmail = signature.email?.lowercased(), let typedName = signature.name, let code = signature.partnership,
                  let role = signature.role.flatMap(Role.init(rawValue:))
            else { throw Settings.Problem(description: "Give --email, --name, --partnership and --role (one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")))") }
            // The command line is one more way in: the same text rules as every form (issue 13).
            let email: String, name: String
            do {
                (email, name) = (try TextRules.checked(typedEmail), try TextRules.checked(typedName.trimmedWhitespace))
            } catch {
                throw Settings.Problem(description: "--email and --name: \(error.message)")
            }
            guard !name.isEmpty, !TextLimit.exceeds(name, characters: 120) else { throw Settings.Problem(description: "--name must be 1 to 120 characters") }
            if let problem = GroupValidation.emailProblem(email, field: "email") { throw Settings.Problem(description: "--email: \(problem.message)") }
            guard let partnership = try await Partnership.query(on: app.db).filter(\.$code == code).first() else {
                throw Settings.Problem(description: "No partnership has the code \(code)")
            }
            let password = ProcessInfo.processInfo.environment["CONDUIT_NEW_PASSWORD"] ?? context.console.ask("Password:", isSecure: true)
            if let problem = PasswordRules.check(password, email: email) { throw Settings.Problem(description: problem.message) }
            if try await User.query(on: app.db).filter(\.$email == email).first() != nil {
                throw Settings.Problem(description: "There is already a user with the email address \(email)")
            }
            let user = User(email: email, displayName: name, passwordHash: try await Passwords.hash(password, on: app))
            try await app.db.transaction { db in
                try await user.save(on: db)
                try await MembershipRecord(userID: try user.requireID(), partnershipID: try partnership.requireID(), role: role).save(on: db)
            }
            try await AuditTrail.append(.init("user.create", recordType: "user", recordID: user.id?.uuidString, partnershipID: partnership.id,
                                              detail: "\(email) as \(role.rawValue), from the command line"),
                                        actor: .system, address: nil, at: app.clock.now, on: app.db)
            context.console.success("Created \(email), \(role.title) in \(partnership.name). They set up their second factor at first sign-in.")
        }
    }

    struct ResetCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Email address") var email: String?
        }

        var help: String { "Removes a user's second factor and recovery codes and ends their sessions." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let email = signature.email?.lowercased(), let user = try await User.query(on: app.db).filter(\.$email == email).first() else {
                throw Settings.Problem(description: "Give --email of an existing user")
            }
            let userID = try user.requireID()
            user.totpSecret = nil
            user.totpLastStep = nil
            try await user.save(on: app.db)
            try await RecoveryCode.query(on: app.db).filter(\.$user.$id == userID).delete()
            try await Sessions.endAll(of: userID, on: app.db)
            try await AuditTrail.append(.init("user.reset-second-factor", recordType: "user", recordID: userID.uuidString, detail: "from the command line"),
                                        actor: .system, address: nil, at: app.clock.now, on: app.db)
            context.console.success("The second factor of \(email) has been reset.")
        }
    }
}

/// `conduit forms load FILE`: stores a form definition (JSON or YAML) or a new version of one.
struct FormsCommand: AsyncCommandGroup {
    var help: String { "Works with form definitions." }
    var commands: [String: any AnyAsyncCommand] { ["load": LoadCommand()] }

    struct LoadCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "A form definition in JSON or YAML (.yaml, .yml), like Sources/ConduitCore/Resources/forms/file-audit-tool.json") var file: String
        }

        var help: String { "Checks a form definition and stores it; a stored version is never replaced." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await prepareDatabase(app)
            guard let data = FileManager.default.contents(atPath: signature.file) else {
                throw Settings.Problem(description: "Cannot read \(signature.file)")
            }
            let definition: FormDefinition
            do { definition = try FormDefinitionFile.read(data, path: signature.file) } catch let problem as FormDefinitionError {
                throw Settings.Problem(description: "\(signature.file): \(problem.message)")
            }
            if try await AuditStore.store(definition, on: app.db) {
                try await AuditTrail.append(.init("form_definition.load", recordType: "form_definition", detail: "\(definition.key) version \(definition.version)"),
                                            actor: .system, address: nil, at: app.clock.now, on: app.db)
                context.console.success("Stored \(definition.title), version \(definition.version): \(definition.sections.count) sections, \(definition.questions.count) questions.")
            } else {
                context.console.print("\(definition.title), version \(definition.version), is already stored.")
            }
        }
    }
}

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

/// `conduit import attendances FILE`: registers of many sessions at once.
struct ImportCommand: AsyncCommandGroup {
    var help: String { "Imports CSV files checked as the pages check them: all of a file, or nothing." }
    var commands: [String: any AnyAsyncCommand] { ["attendances": AttendancesCommand()] }

    struct AttendancesCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "CSV with a session_id column and the register's columns") var file: String
        }

        var help: String {
            "Adds participants to the registers of the sessions the file names. Columns: session_id, " + RegisterController.columns.joined(separator: ", ")
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
