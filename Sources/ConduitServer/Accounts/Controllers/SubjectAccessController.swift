import ConduitCore
import Foundation
import Vapor

/// A subject access request (UK GDPR Art. 15): a coordinator finds what is held about a named
/// person and exports it. The name travels in the form's body, never the URL, and every
/// search and export is in the audit trail with the name asked for.
enum SubjectAccessController {
    @Sendable
    static func form(req: Request) async throws -> Layout {
        SubjectAccessView.page(.init(name: "", problems: [], result: nil), context: PageContext(req))
    }

    private static func searched(_ req: Request) async throws -> (name: String, result: SubjectAccess.Result?, problems: [FieldProblem]) {
        let name = GroupValidation.trimmed(req.formText("name"))
        if name.count < SubjectAccess.shortestName {
            return (name, nil, [.init(field: "name", message: "Enter the person's name as they gave it: at least \(SubjectAccess.shortestName) letters")])
        }
        if let problem = GroupValidation.tooLong(name, 200, field: "name", label: "Name") { return (name, nil, [problem]) }
        let result = try await SubjectAccess.search(name, visitor: try req.signedIn, keys: req.application.dataKeys, now: req.now, on: req.sql)
        return (name, result, [])
    }

    @Sendable
    static func search(req: Request) async throws -> Response {
        let (name, result, problems) = try await searched(req)
        guard let result else {
            return try await PageResponse(status: .unprocessableEntity, layout: SubjectAccessView.page(.init(name: name, problems: problems, result: nil),
                                                                                                       context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("subject_access.search", detail: "\(name): \(result.records.count) records"))
        return try await SubjectAccessView.page(.init(name: name, problems: [], result: result), context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func export(req: Request) async throws -> Response {
        let (name, result, problems) = try await searched(req)
        guard let result else { throw ValidationFailure(problems: problems) }
        try await req.audit(.init("subject_access.export", detail: "\(name): \(result.records.count) records"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Files.json(try encoder.encode(result), name: "subject-access", req: req)
    }
}
