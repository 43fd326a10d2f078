import ConduitCore
import Vapor

/// A problem document (RFC 9457), the API's answer to every error.
struct Problem: Content, Sendable {
    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String?
    /// Per-field problems of a request body.
    var errors: [FieldProblem]?
}

/// Invalid input to the API, with a problem per field.
struct ValidationFailure: Error {
    var problems: [FieldProblem]
}

/// Answers errors with generic pages (HTML) or problem documents (API): no
/// stack traces, no SQL (ASVS V16.5). The detail is logged, not shown.
struct ErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            await req.recordRefusal(error)
            return answer(error, for: req)
        }
    }

    func answer(_ error: any Error, for req: Request) -> Response {
        let status: HTTPResponseStatus
        var detail: String?
        var problems: [FieldProblem]?
        var headers = HTTPHeaders()
        switch error {
        case let validation as ValidationFailure:
            status = .unprocessableEntity
            detail = "The request has \(validation.problems.count) problem(s)."
            problems = validation.problems
        case let conflict as VersionConflict:
            status = .conflict
            detail = conflict.message
        case let decoding as DecodingError:
            // Before AbortError, which Vapor makes DecodingError: its reason is Swift's
            // own text ("Dictionary<String, Any>"), not words for the person (issue 13).
            status = .badRequest
            let problem = Self.problem(decoding)
            detail = "The request could not be read: \(problem.message)."
            problems = [problem]
        case let abort as any AbortError:
            status = abort.status
            headers = abort.headers
            // Reasons of 4xx answers are Conduit's own words for the person; 5xx reasons are not shown.
            if status.code < 500, abort.reason != status.reasonPhrase { detail = abort.reason }
        default:
            status = .internalServerError
        }
        if status.code >= 500 {
            req.logger.report(error: error)
        }
        if status == .unauthorized, req.isAPI { headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }

        if req.isAPI {
            let problem = Problem(title: status.reasonPhrase, status: Int(status.code), detail: detail, errors: problems)
            let body = (try? JSONEncoder().encode(problem)) ?? Data()
            headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
            return Response(status: status, headers: headers, body: .init(data: body))
        }
        let page = ErrorPage.layout(status: status, detail: detail, problems: problems ?? [], context: PageContext(req))
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: page.render()))
    }
}

extension ErrorMiddleware {
    /// A body that cannot be decoded, in Conduit's words, naming the field.
    static func problem(_ error: DecodingError) -> FieldProblem {
        func name(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            FieldName.of(path + (key.map { [$0] } ?? []))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = name(context.codingPath, key)
            return .init(field: field, message: "\(field) is missing: add it")
        case .valueNotFound(let type, let context):
            let field = name(context.codingPath)
            return .init(field: field, message: "\(field) is empty: give it \(words(for: type))")
        case .typeMismatch(let type, let context):
            let field = name(context.codingPath)
            return .init(field: field, message: "\(field) must be \(words(for: type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .init(field: "body", message: "the body is not well-formed JSON or form data") }
            let field = name(context.codingPath)
            return .init(field: field, message: "\(field) is not in the form expected (see /api/openapi.json)")
        @unknown default:
            return .init(field: "body", message: "the body could not be read")
        }
    }

    private static func words(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        case is Bool.Type: "true or false"
        case is UUID.Type: "an id like 3f2b8c1e-0000-4000-8000-000000000000"
        case is Date.Type: "a date and time like 2026-03-27T19:00:00Z"
        default:
            // Arrays and dictionaries are named by Swift as Array<…> and Dictionary<…>.
            String(describing: type).hasPrefix("Array") ? "a list" : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of another type"
        }
    }
}

/// The generic error page.
enum ErrorPage {
    static func layout(status: HTTPResponseStatus, detail: String?, problems: [FieldProblem] = [], context: PageContext) -> Layout {
        let (title, body): (String, String) = switch status.code {
        case 404: ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the record may have been removed or you may not have access to it.")
        case 403: ("You cannot do this", detail ?? "You do not have access to this page.")
        case 409: ("Someone else changed this record", detail ?? "Reload the page and try again.")
        case 413: ("The file or form is too large", "Send a smaller file, or split it in parts.")
        case 400..<500: ("There is a problem with the request", detail ?? "Go back and try again.")
        default: ("Sorry, there is a problem with the service", "Try again later. What you were doing has not been saved unless you saw a confirmation.")
        }
        if !problems.isEmpty {
            // A form refused before its page could check it (text that cannot be stored, a
            // body that cannot be read): say what, field by field, and how to get back to it.
            // Listed, not linked: the fields are on the page the person came from.
            return Layout(title: "There is a problem with what you sent", context: context, main: [
                .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"), .attr("aria-labelledby", "error-summary-title"),
                    .el("h2", .cls("c-error-summary__title"), .attr("id", "error-summary-title"), .txt("There is a problem")),
                    .el("ul", .cls("c-list c-error-summary__list"), .group(problems.map { HTMLNode.el("li", .txt($0.message)) }))),
                .heading(1, "There is a problem with what you sent", classes: "c-heading-l"),
                .paragraph("Go back to the form with your browser's Back button: what you typed is still there. Correct what is listed above, then send the form again."),
            ])
        }
        return Layout(title: title, context: context, main: [
            .heading(1, title, classes: "c-heading-l"),
            .paragraph(status.code == 404 || status.code >= 500 ? body : (detail ?? body)),
            .el("p", .cls("c-body"), .link("Go to the start page", to: SiteURL.home.path)),
        ])
    }
}
