import ConduitCore
import Fluent
import Foundation
import Vapor

/// The services a partnership passes concerns to, and the words of its public page in each
/// language: set by its advisers, shown on the referral form and the public page.
enum ServicesController {
    /// The partnership being set: the one asked for among the adviser's, else their current one.
    private static func partnership(_ req: Request, asked: String) async throws -> (Partnership, [DirectoryLookups.PartnershipOption]) {
        let own = try await DirectoryLookups.partnerships(try req.signedIn.scope(.editConcerns), on: req.sql)
        let current = try req.signedIn.currentPartnership?.id
        let id = UUID(uuidString: asked).flatMap { id in own.first { $0.id == id }?.id } ?? own.first { $0.id == current }?.id ?? own.first?.id
        guard let id, let partnership = try await Partnership.find(id, on: req.db) else { throw Abort(.forbidden, reason: "You are not an adviser of a partnership.") }
        return (partnership, own)
    }

    private static func render(_ req: Request, partnership: Partnership, own: [DirectoryLookups.PartnershipOption], status: HTTPStatus = .ok,
                               service: ServicesView.ServiceInput = .init(), text: ServicesView.TextInput = .init(),
                               problems: [FieldProblem] = [], notice: ServicesView.Notice? = nil) async throws -> Response {
        let page = try await SafeguardingContacts.page(of: partnership, on: req.db)
        return try await PageResponse(status: status, layout: ServicesView.page(.init(page: page, partnerships: own, service: service, text: text,
                                                                                       problems: problems, notice: notice), context: PageContext(req)))
            .encodeResponse(for: req)
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        let (partnership, own) = try await partnership(req, asked: req.queryText("partnership"))
        return try await render(req, partnership: partnership, own: own, notice: ServicesView.Notice.read(req))
    }

    @Sendable
    static func addService(req: Request) async throws -> Response {
        let (partnership, own) = try await partnership(req, asked: req.formText("partnershipID"))
        let input = ServicesView.ServiceInput(route: req.formText("route"), name: req.formText("name"), phone: req.formText("phone"), email: req.formText("email"))
        var problems: [FieldProblem] = []
        let route = ConcernRoute(rawValue: input.route)
        if route == nil { problems.append(.init(field: "route", message: "Select what kind of service it is")) }
        let name = GroupValidation.trimmed(input.name), phone = GroupValidation.trimmed(input.phone), email = GroupValidation.trimmed(input.email)
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the service's name")) }
        if let tooLong = GroupValidation.tooLong(name, 200, field: "name", label: "Name") { problems.append(tooLong) }
        if phone.isEmpty && email.isEmpty { problems.append(.init(field: "phone", message: "Enter a phone number or an email address")) }
        if let tooLong = GroupValidation.tooLong(phone, 100, field: "phone", label: "Phone") { problems.append(tooLong) }
        if !email.isEmpty, let problem = GroupValidation.emailProblem(email, field: "email") { problems.append(problem) }
        guard problems.isEmpty, let route else {
            return try await render(req, partnership: partnership, own: own, status: .unprocessableEntity, service: input, problems: problems)
        }
        let service = SafeguardingService(partnershipID: try partnership.requireID(), route: route.rawValue, name: name, phone: phone, email: email)
        try await service.create(on: req.db)
        try await req.audit(.init("safeguarding_service.create", recordType: "safeguarding_service", recordID: service.id?.uuidString, partnershipID: partnership.id))
        return req.redirect(to: SiteURL.concernServices.path(query: [("partnership", partnership.id!.uuidString)] + ServicesView.Notice.added.query))
    }

    @Sendable
    static func removeService(req: Request) async throws -> Response {
        guard let service = try await SafeguardingService.find(try req.uuid(.serviceID), on: req.db),
              try req.signedIn.allows(.editConcerns, on: service.$partnership.id) else { throw MissingRecord() }
        try await service.delete(on: req.db)
        try await req.audit(.init("safeguarding_service.delete", recordType: "safeguarding_service", recordID: service.id?.uuidString, partnershipID: service.$partnership.id))
        return req.redirect(to: SiteURL.concernServices.path(query: [("partnership", service.$partnership.id.uuidString)] + ServicesView.Notice.removed.query))
    }

    @Sendable
    static func addText(req: Request) async throws -> Response {
        let (partnership, own) = try await partnership(req, asked: req.formText("partnershipID"))
        let input = ServicesView.TextInput(language: req.formText("language"), text: req.formText("text"))
        var problems: [FieldProblem] = []
        let language = PageLanguage(code: input.language)
        if language == nil { problems.append(.init(field: "language", message: "Select the language the words are in")) }
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { problems.append(.init(field: "text", message: "Enter what the page says in that language")) }
        if let tooLong = GroupValidation.tooLong(text, 3000, field: "text", label: "Words") { problems.append(tooLong) }
        guard problems.isEmpty, let language else {
            return try await render(req, partnership: partnership, own: own, status: .unprocessableEntity, text: input, problems: problems)
        }
        let id = try partnership.requireID()
        // One text a language: a new one replaces the last.
        try await SafeguardingPageText.query(on: req.db).filter(\.$partnership.$id == id).filter(\.$language == language.code).delete()
        let stored = SafeguardingPageText(partnershipID: id, language: language.code, text: text)
        try await stored.create(on: req.db)
        try await req.audit(.init("safeguarding_page_text.save", recordType: "safeguarding_page_text", recordID: stored.id?.uuidString, partnershipID: id, detail: language.code))
        return req.redirect(to: SiteURL.concernServices.path(query: [("partnership", id.uuidString)] + ServicesView.Notice.textSaved.query))
    }

    @Sendable
    static func removeText(req: Request) async throws -> Response {
        guard let text = try await SafeguardingPageText.find(try req.uuid(.serviceID), on: req.db),
              try req.signedIn.allows(.editConcerns, on: text.$partnership.id) else { throw MissingRecord() }
        try await text.delete(on: req.db)
        try await req.audit(.init("safeguarding_page_text.delete", recordType: "safeguarding_page_text", recordID: text.id?.uuidString, partnershipID: text.$partnership.id))
        return req.redirect(to: SiteURL.concernServices.path(query: [("partnership", text.$partnership.id.uuidString)] + ServicesView.Notice.removed.query))
    }
}
