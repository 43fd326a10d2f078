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
        case let abort as any AbortError:
            status = abort.status
            headers = abort.headers
            // Reasons of 4xx answers are Conduit's own words for the person; 5xx reasons are not shown.
            if status.code < 500, abort.reason != status.reasonPhrase { detail = abort.reason }
        case is DecodingError:
            status = .badRequest
            detail = "The request body could not be read. Check it is well-formed and has the fields described in /api/openapi.json."
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
        let page = ErrorPage.layout(status: status, detail: detail, context: PageContext(req))
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: page.render()))
    }
}

/// The generic error page.
enum ErrorPage {
    static func layout(status: HTTPResponseStatus, detail: String?, context: PageContext) -> Layout {
        let (title, body): (String, String) = switch status.code {
        case 404: ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the record may have been removed or you may not have access to it.")
        case 403: ("You cannot do this", detail ?? "You do not have access to this page.")
        case 409: ("Someone else changed this record", detail ?? "Reload the page and try again.")
        case 413: ("The file or form is too large", "Send a smaller file, or split it in parts.")
        case 400..<500: ("There is a problem with the request", detail ?? "Go back and try again.")
        default: ("Sorry, there is a problem with the service", "Try again later. What you were doing has not been saved unless you saw a confirmation.")
        }
        return Layout(title: title, context: context, main: [
            .heading(1, title, classes: "c-heading-l"),
            .paragraph(status.code == 404 || status.code >= 500 ? body : (detail ?? body)),
            .el("p", .cls("c-body"), .link("Go to the start page", to: SiteURL.home.path)),
        ])
    }
}
