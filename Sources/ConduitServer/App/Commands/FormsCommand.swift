import ConduitCore
import Fluent
import Foundation
import Vapor

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
            if try await FormStore.store(definition, on: app.db) {
                try await AuditTrail.append(.init("form_definition.load", recordType: "form_definition", detail: "\(definition.key) version \(definition.version)"),
                                            actor: .system, address: nil, at: app.clock.now, on: app.db)
                context.console.success("Stored \(definition.title), version \(definition.version): \(definition.sections.count) sections, \(definition.questions.count) questions.")
            } else {
                context.console.print("\(definition.title), version \(definition.version), is already stored.")
            }
        }
    }
}
