import ConduitCore
import Fluent
import Foundation
import Vapor

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
