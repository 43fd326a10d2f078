import ConduitCore
import Fluent
import Foundation
import Vapor

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
