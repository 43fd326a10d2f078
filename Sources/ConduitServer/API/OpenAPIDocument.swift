import Foundation

/// The OpenAPI 3 description of the JSON API (Resources/openapi.json), served at
/// /api/openapi.json. A test keeps it true: every API route is in it and every path
/// in it is a route; schemathesis in CI checks the answers against it.
enum OpenAPIDocument {
    static let json: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Resources/openapi.json is missing from the ConduitServer bundle") }
        return text
    }()
}
