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
