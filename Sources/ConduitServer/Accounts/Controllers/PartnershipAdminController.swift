import ConduitCore
import Fluent
import Foundation
import Vapor

/// Administrators' pages for partnerships and regions.
enum PartnershipAdminController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let scope = try req.signedIn.scope(.managePartnerships)
        let notice = PartnershipAdminView.Notice.read(req)?.message
        return PartnershipAdminView.index(rows: try await PartnershipList.rows(on: req.db, scope: scope), notice: notice, context: PageContext(req))
    }

    struct Form: Content {
        var name: String?
        var code: String?
        var parent: UUID?
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let scope = try req.signedIn.scope(.managePartnerships)
        return PartnershipAdminView.form(.init(regions: try await PartnershipList.regions(on: req.db, scope: scope)), context: PageContext(req))
    }

    static func validate(_ form: Form, existingID: UUID?, on db: any Database) async throws -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let code = (form.code ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the partnership's name")) }
        if TextLimit.exceeds(name, characters: 120) { problems.append(.init(field: "name", message: "Name must be 120 characters or fewer")) }
        if code.isEmpty {
            problems.append(.init(field: "code", message: "Enter a short code, for example camden"))
        } else if code.count > 40 || !code.allSatisfy({ ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }) {
            problems.append(.init(field: "code", message: "Code must be lowercase letters, numbers and hyphens only, up to 40, for example tower-hamlets"))
        } else if let other = try await Partnership.query(on: db).filter(\.$code == code).first(), other.id != existingID {
            problems.append(.init(field: "code", message: "Code \(code) is already used by \(other.name): choose another"))
        }
        return problems
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let scope = try req.signedIn.scope(.managePartnerships)
        let form = try req.content.decode(Form.self)
        let regions = try await PartnershipList.regions(on: req.db, scope: scope)
        var problems = try await validate(form, existingID: nil, on: req.db)
        if form.parent == nil || !regions.contains(where: { $0.id == form.parent }) {
            problems.append(.init(field: "parent", message: "Select the region the partnership belongs to"))
        }
        guard problems.isEmpty, let parent = form.parent else {
            return try await PageResponse(status: .unprocessableEntity, layout: PartnershipAdminView.form(
                .init(regions: regions, name: form.name ?? "", code: form.code ?? "", parent: form.parent, problems: problems), context: PageContext(req)))
                .encodeResponse(for: req)
        }
        let partnership = Partnership(name: form.name!.trimmingCharacters(in: .whitespacesAndNewlines),
                                      code: form.code!.trimmingCharacters(in: .whitespacesAndNewlines), kind: .partnership, parentID: parent)
        try await partnership.save(on: req.db)
        try await req.audit(.init("partnership.create", recordType: "partnership", recordID: partnership.id?.uuidString,
                                  partnershipID: partnership.id, detail: partnership.name))
        return req.redirect(to: SiteURL.adminPartnerships.path(query: PartnershipAdminView.Notice.created.query))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let partnership = try await req.record(Partnership.self)
        return PartnershipAdminView.form(.init(editing: partnership), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let partnership = try await req.record(Partnership.self)
        let form = try req.content.decode(Form.self)
        let version = try req.expectedVersion()
        let problems = try await validate(form, existingID: partnership.id, on: req.db)
        guard problems.isEmpty else {
            var model = PartnershipAdminView.FormModel(editing: partnership)
            model.name = form.name ?? ""
            model.code = form.code ?? ""
            model.version = version
            model.problems = problems
            return try await PageResponse(status: .unprocessableEntity, layout: PartnershipAdminView.form(model, context: PageContext(req))).encodeResponse(for: req)
        }
        partnership.name = form.name!.trimmingCharacters(in: .whitespacesAndNewlines)
        partnership.code = form.code!.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try await partnership.saveVersioned(expectedVersion: version, on: req.db)
        } catch let conflict as VersionConflict {
            // Show what is stored now beside the person's own input, so nothing typed is lost.
            let current = try await req.record(Partnership.self)
            var model = PartnershipAdminView.FormModel(editing: current)
            model.conflict = conflict.message
            model.name = form.name ?? ""
            model.code = form.code ?? ""
            model.storedName = current.name
            model.storedCode = current.code
            return try await PageResponse(status: .conflict, layout: PartnershipAdminView.form(model, context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("partnership.update", recordType: "partnership", recordID: partnership.id?.uuidString, partnershipID: partnership.id))
        return req.redirect(to: SiteURL.adminPartnerships.path(query: PartnershipAdminView.Notice.saved.query))
    }
}

extension PartnershipAdminView.FormModel {
    init(editing partnership: Partnership) {
        self.init(regions: [])
        id = partnership.id
        name = partnership.name
        code = partnership.code
        version = partnership.version
    }
}
