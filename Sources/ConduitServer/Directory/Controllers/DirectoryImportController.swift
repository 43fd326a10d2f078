import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Spreadsheet import and export of groups and contacts.
enum DirectoryImportController {
    // MARK: Export

    @Sendable
    static func exportGroups(req: Request) async throws -> Response {
        let (text, count) = try await DirectoryExport.groups(on: req.db, filters: DirectorySearch.Filters(query: req), scope: try DirectorySearch.Scope(for: req))
        try await req.audit(.init("group.export", recordType: "group", detail: "\(count) groups"))
        return Files.csv(text, name: "conduit-groups", req: req)
    }

    @Sendable
    static func exportContacts(req: Request) async throws -> Response {
        let (text, count) = try await DirectoryExport.contacts(on: req.sql, scope: try req.signedIn.scope(.readContacts))
        // Contacts are personal data: an export is a read of each.
        try await req.audit(.init("contact.export", recordType: "contact", detail: "\(count) contacts"))
        return Files.csv(text, name: "conduit-contacts", req: req)
    }

    // MARK: Import

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let owners = try await DirectoryLookups.partnerships(try req.signedIn.scope(.editDirectory), on: req.sql)
        let imported = Int(req.queryText("imported"))
        let rejected = Int(req.queryText("rejected")) ?? 0
        let kind = DirectoryImport.Kind(rawValue: req.queryText("kind")) ?? .groups
        let notice = imported.map { "\($0) \(kind.title) imported" + (rejected > 0 ? "; \(rejected) rows with problems were left out." : ".") }
        return DirectoryImportView.form(.init(owners: owners, kind: kind, ownerID: try req.signedIn.currentPartnership?.id), notice: notice, context: PageContext(req))
    }

    struct Upload: Content {
        var kind: String?
        var partnershipID: String?
        var file: File?
    }

    /// Text of an uploaded file: UTF-8, or Windows-1252 as Excel on Windows saves "CSV".
    @Sendable
    static func upload(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let upload = try req.content.decode(Upload.self)
        let owners = try await DirectoryLookups.partnerships(visitor.scope(.editDirectory), on: req.sql)
        var model = DirectoryImportView.FormModel(owners: owners, kind: DirectoryImport.Kind(rawValue: upload.kind ?? "") ?? .groups,
                                                  ownerID: UUID(uuidString: upload.partnershipID ?? ""))
        func refuse(_ problem: FieldProblem) async throws -> Response {
            model.problems = [problem]
            return try await PageResponse(status: .unprocessableEntity, layout: DirectoryImportView.form(model, notice: nil, context: PageContext(req))).encodeResponse(for: req)
        }
        guard let kind = DirectoryImport.Kind(rawValue: upload.kind ?? "") else { return try await refuse(.init(field: "kind", message: "Select what the file holds")) }
        guard let ownerID = model.ownerID, owners.contains(where: { $0.id == ownerID }) else {
            return try await refuse(.init(field: "partnershipID", message: "Select the partnership that keeps the imported groups"))
        }
        guard let file = upload.file, file.data.readableBytes > 0 else { return try await refuse(.init(field: "file", message: "Select a CSV file")) }
        guard let text = Files.text(of: file) else { return try await refuse(.init(field: "file", message: "The file is not text: save the spreadsheet as CSV UTF-8 and try again")) }
        let result: Outcome
        do {
            result = try await check(text, kind: kind, ownerID: ownerID, req: req)
        } catch let problem as DirectoryImport.FileProblem {
            return try await refuse(.init(field: "file", message: problem.message))
        }
        if result.rejected == 0 {
            let written = try await write(text, kind: kind, ownerID: ownerID, onlyValid: false, req: req)
            return req.redirect(to: SiteURL.directoryImport.path(query: [("imported", String(written)), ("kind", kind.rawValue)]))
        }
        // Nothing is written: keep the file for a day so the valid rows can be imported or the rejects downloaded.
        let stale = req.now.addingTimeInterval(-86_400)
        try await PendingImport.query(on: req.db).filter(\.$createdAt < stale).delete()
        let pending = PendingImport()
        pending.kind = kind.rawValue
        pending.fileName = String(file.filename.prefix(200))
        pending.content = text
        pending.$user.id = visitor.userID
        pending.$partnership.id = ownerID
        try await pending.save(on: req.db)
        try await req.audit(.init("directory.import_checked", recordType: kind.rawValue, partnershipID: ownerID,
                                  outcome: .failure, detail: "\(result.valid) valid rows, \(result.rejected) rows with problems; nothing written"))
        return try await PageResponse(status: .unprocessableEntity, layout: DirectoryImportView.problems(
            .init(importID: pending.id!, kind: kind, fileName: pending.fileName, valid: result.valid, rejected: result.rejected, problems: result.problems),
            context: PageContext(req))).encodeResponse(for: req)
    }

    struct Outcome: Sendable {
        var valid: Int
        var rejected: Int
        var problems: [DirectoryImport.RowProblem]
        var rejects: String
    }

    /// Checks every row against what is stored now.
    static func check(_ text: String, kind: DirectoryImport.Kind, ownerID: UUID, req: Request) async throws -> Outcome {
        let visitor = try req.signedIn
        switch kind {
        case .groups:
            let checked = try DirectoryImport.checkGroups(text, context: try await groupContext(ownerID: ownerID, req: req))
            return Outcome(valid: checked.valid.count, rejected: checked.rejectedLines.count, problems: checked.problems, rejects: DirectoryImport.rejects(checked))
        case .contacts:
            let groups = try await DirectoryLookups.editableGroups(scope: visitor.scope(.editDirectory), on: req.sql)
            let checked = try DirectoryImport.checkContacts(text, editable: groups)
            return Outcome(valid: checked.valid.count, rejected: checked.rejectedLines.count, problems: checked.problems, rejects: DirectoryImport.rejects(checked))
        }
    }

    static func groupContext(ownerID: UUID, req: Request) async throws -> DirectoryImport.GroupContext {
        let visitor = try req.signedIn
        let owners = try await DirectoryLookups.partnerships(visitor.scope(.editDirectory), on: req.sql)
        return .init(partnerships: try await DirectoryLookups.partnershipsByCodeAndName(on: req.sql), ownerChoices: Set(owners.map(\.id)),
                     defaultOwner: ownerID, existing: try await DirectoryLookups.candidates(scope: visitor.scope(.readDirectory), on: req.sql),
                     today: req.today)
    }

    /// Writes the rows in one transaction: all of them (refused if any has a problem) or only the valid ones.
    static func write(_ text: String, kind: DirectoryImport.Kind, ownerID: UUID, onlyValid: Bool, req: Request) async throws -> Int {
        let visitor = try req.signedIn
        var written = 0, rejected = 0
        switch kind {
        case .groups:
            let checked = try DirectoryImport.checkGroups(text, context: try await groupContext(ownerID: ownerID, req: req))
            rejected = checked.rejectedLines.count
            guard onlyValid || rejected == 0 else { throw Abort(.conflict, reason: "Some rows have problems now: check the file again.") }
            let rows = checked.valid.map(\.values)
            try await req.db.transaction { db in
                for values in rows { _ = try await GroupStore.insert(values, on: db) }
            }
            written = rows.count
        case .contacts:
            let groups = try await DirectoryLookups.editableGroups(scope: visitor.scope(.editDirectory), on: req.sql)
            let checked = try DirectoryImport.checkContacts(text, editable: groups)
            rejected = checked.rejectedLines.count
            guard onlyValid || rejected == 0 else { throw Abort(.conflict, reason: "Some rows have problems now: check the file again.") }
            let rows = checked.valid.map(\.values)
            try await req.db.transaction { db in
                for row in rows {
                    let contact = Contact()
                    contact.version = 1
                    contact.$organisation.id = row.groupID
                    row.input.apply(to: contact)
                    try await contact.create(on: db)
                }
            }
            written = rows.count
        }
        try await req.audit(.init("directory.import", recordType: kind.rawValue, partnershipID: ownerID,
                                  detail: "\(written) \(kind.title) written" + (rejected > 0 ? ", \(rejected) rows left out" : "")))
        return written
    }

    /// The person's own pending import, or 404.
    static func pending(_ req: Request) async throws -> PendingImport {
        guard let pending = try await PendingImport.find(try req.uuid(.importID), on: req.db),
              pending.$user.id == (try req.signedIn.userID),
              let created = pending.createdAt, created > req.now.addingTimeInterval(-86_400) else { throw Abort(.notFound) }
        return pending
    }

    @Sendable
    static func importValid(req: Request) async throws -> Response {
        let pending = try await pending(req)
        guard let kind = DirectoryImport.Kind(rawValue: pending.kind) else { throw Abort(.notFound) }
        let ownerID = pending.$partnership.id
        guard try req.signedIn.allows(.editDirectory, on: ownerID) else { throw Abort(.notFound) }
        let outcome = try await check(pending.content, kind: kind, ownerID: ownerID, req: req)
        let written = try await write(pending.content, kind: kind, ownerID: ownerID, onlyValid: true, req: req)
        try await pending.delete(on: req.db)
        return req.redirect(to: SiteURL.directoryImport.path(query: [("imported", String(written)), ("rejected", String(outcome.rejected)), ("kind", kind.rawValue)]))
    }

    @Sendable
    static func rejects(req: Request) async throws -> Response {
        let pending = try await pending(req)
        guard let kind = DirectoryImport.Kind(rawValue: pending.kind) else { throw Abort(.notFound) }
        let outcome = try await check(pending.content, kind: kind, ownerID: pending.$partnership.id, req: req)
        return Files.csv(outcome.rejects, name: "conduit-rejected-\(kind.rawValue)", req: req)
    }
}
