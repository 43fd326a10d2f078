import ConduitCore
import Fluent
import Foundation
import Vapor

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
