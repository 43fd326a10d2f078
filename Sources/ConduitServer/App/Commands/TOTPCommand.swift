import ConduitCore
import Fluent
import Foundation
import Vapor

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
