import ConduitCore
import Foundation
import Yams

/// A form definition file as `conduit forms load` reads it: YAML when it is named .yaml or
/// .yml, JSON otherwise; both are checked by the same rules and refused with the same messages.
enum FormDefinitionFile {
    static func read(_ data: Data, path: String) throws -> FormDefinition {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "yaml", "yml":
            // Decoding into the typed definition (rather than YAML's own typing) keeps an
            // answer such as `yes` in a relevance condition a string, as the form means it.
            try FormDefinition.checked(format: "YAML") { try YAMLDecoder().decode(FormDefinition.self, from: data) }
        default:
            try FormDefinition.decode(json: data)
        }
    }
}
