import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Merging a duplicate group into the record that stays. The duplicate is kept,
/// marked as merged, and everything attached to it moves to the survivor, so no
/// engagement, contact or readiness evidence is lost.
enum MergeController {
    /// A group the coordinator may merge: readable, not merged, kept by a partnership where they may merge.
    static func mergeable(_ id: UUID, req: Request) async throws -> Organisation? {
        let visitor = try req.signedIn
        // Another partnership's group is hidden (and the attempt recorded) as everywhere else.
        let group = try await GroupStore.findReadable(id, by: visitor.scope(.readDirectory), on: req.db)
        guard group.mergedIntoID == nil, visitor.allows(.mergeDirectory, on: group.$partnership.id) else { return nil }
        return group
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        guard let survivor = try await mergeable(try req.uuid(.groupID), req: req) else { throw Abort(.notFound) }
        let search = req.queryText("q")
        var candidates: [(group: DirectoryLookups.Likely, reasons: String)] = []
        if search.isEmpty {
            candidates = try await DirectoryLookups.likelyDuplicates(name: survivor.name, postcode: survivor.postcode, phone: survivor.phone,
                                                                     scope: visitor.scope(.mergeDirectory), excluding: survivor.id, on: req.sql)
                .map { ($0.group, $0.match.reasons.map(\.title).joined(separator: ", ")) }
        } else {
            var filters = DirectorySearch.Filters()
            filters.text = search
            let scope = DirectorySearch.Scope(directory: visitor.scope(.mergeDirectory), engagement: [], today: req.today)
            candidates = try await DirectorySearch.page(on: req.sql, filters: filters, scope: scope, pagination: Pagination(page: 1, perPage: 20, total: 20))
                .filter { $0.id != survivor.id }
                .map { (DirectoryLookups.Likely(id: $0.id, name: $0.name, postcode: $0.postcode, status: $0.status, owner_name: $0.owner_name), "Name contains \(search)") }
        }
        let versions = try await versions(of: candidates.map(\.group.id), on: req.db)
        return MergeView.form(survivor: survivor, candidates: candidates, versions: versions, search: search, problem: nil, context: PageContext(req))
    }

    static func versions(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Organisation.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.version) })
    }

    @Sendable
    static func merge(req: Request) async throws -> Response {
        guard let survivor = try await mergeable(try req.uuid(.groupID), req: req) else { throw Abort(.notFound) }
        guard let duplicateID = UUID(uuidString: req.formText("duplicateID")), duplicateID != survivor.id,
              // A duplicate that cannot be merged, for whatever reason, is a problem with the form.
              let duplicate = (try? await mergeable(duplicateID, req: req)) ?? nil else {
            return try await PageResponse(status: .unprocessableEntity, layout: MergeView.form(
                survivor: survivor, candidates: [], versions: [:], search: "", problem: "Select the duplicate to merge into this group", context: PageContext(req))).encodeResponse(for: req)
        }
        let survivorID = try survivor.requireID()
        // Both records must still be as the coordinator saw them on the form.
        guard let survivorVersion = Int(req.formText("version")), let duplicateVersion = Int(req.formText("version-\(duplicateID.uuidString)")) else {
            throw Abort(.badRequest, reason: "The form is missing the versions of the groups it merges. Reload the page and try again.")
        }
        try await req.db.transaction { db in
            let sql = db as! any SQLDatabase
            for (id, version) in [(survivorID, survivorVersion), (duplicateID, duplicateVersion)] {
                let bumped = try await sql.update(Organisation.schema)
                    .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
                    .where("id", .equal, id).where("version", .equal, version).returning("id").first()
                guard bumped != nil else { throw VersionConflict() }
            }
            // Engagements: the survivor takes the duplicate's, once each.
            try await sql.raw("""
                DELETE FROM \(ident: EngagementTables.groups) WHERE organisation_id = \(bind: duplicateID)
                  AND engagement_id IN (SELECT engagement_id FROM \(ident: EngagementTables.groups) WHERE organisation_id = \(bind: survivorID))
                """).run()
            try await sql.update(EngagementTables.groups).set("organisation_id", to: survivorID).where("organisation_id", .equal, duplicateID).run()
            try await sql.update(Contact.schema).set("organisation_id", to: survivorID).where("organisation_id", .equal, duplicateID).run()
            // Readiness the survivor lacks comes across; where both have an item, the survivor's stays and the duplicate keeps its own.
            try await sql.raw("""
                UPDATE \(ident: ReadinessRecord.schema) SET organisation_id = \(bind: survivorID)
                WHERE organisation_id = \(bind: duplicateID)
                  AND item NOT IN (SELECT item FROM \(ident: ReadinessRecord.schema) WHERE organisation_id = \(bind: survivorID))
                """).run()
            for (table, column) in [(DirectoryTables.served, "partnership_id"), (DirectoryTables.languages, "name_key"), (DirectoryTables.communities, "name_key")] {
                let columns = table == DirectoryTables.served ? "partnership_id" : "name, name_key"
                try await sql.raw("""
                    INSERT INTO \(ident: table) (organisation_id, \(unsafeRaw: columns))
                    SELECT \(bind: survivorID), \(unsafeRaw: columns) FROM \(ident: table) d
                    WHERE d.organisation_id = \(bind: duplicateID)
                      AND d.\(ident: column) NOT IN (SELECT \(ident: column) FROM \(ident: table) WHERE organisation_id = \(bind: survivorID))
                    """).run()
            }
            try await sql.update(Organisation.schema).set("merged_into_id", to: survivorID).where("id", .equal, duplicateID).run()
        }
        try await req.audit(.init("group.merge", recordType: "group", recordID: survivorID.uuidString, partnershipID: survivor.$partnership.id,
                                  detail: "\(duplicate.name) (\(duplicateID.uuidString.lowercased())) merged into \(survivor.name)"))
        return req.redirect(to: SiteURL.directoryGroup(.value(survivorID)).path(query: [("done", "merged")]))
    }
}

enum MergeView {
    static func form(survivor: Organisation, candidates: [(group: DirectoryLookups.Likely, reasons: String)], versions: [UUID: Int],
                     search: String, problem: String?, context: PageContext) -> Layout {
        let id = survivor.id!
        return Layout(title: "Merge a duplicate into \(survivor.name)", context: context, hasErrors: problem != nil, main: [
            Form.errorSummary(problem.map { [FieldProblem(field: "duplicateID", message: $0)] } ?? []),
            .el("span", .cls("c-caption-l"), .txt(survivor.name)),
            .heading(1, "Merge a duplicate into this group", classes: "c-heading-l"),
            .paragraph("The duplicate's engagements, contacts and readiness move to \(survivor.name), and so do the partnerships, languages and communities it lists. The duplicate's record is kept, marked as merged, and points here."),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.directoryGroupMerge(.value(id)).path),
                Form.input(name: "q", label: "Find another group by name", value: search),
                Form.button("Search", classes: "c-button c-button--secondary")),
            candidates.isEmpty ? .paragraph(search.isEmpty ? "No likely duplicates found. Search by name above." : "No groups match.") :
            Form.post(action: SiteURL.directoryGroupMerge(.value(id)).path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(survivor.version))),
                .group(candidates.map { candidate in
                    .void("input", .attr("type", "hidden"), .attr("name", "version-\(candidate.group.id.uuidString)"),
                          .attr("value", versions[candidate.group.id].map(String.init)))
                }),
                Form.radios(name: "duplicateID", legend: "Which group is a duplicate of \(survivor.name)?",
                            options: candidates.map { ($0.group.id.uuidString, "\($0.group.name) (\($0.group.owner_name), \($0.group.postcode ?? "no postcode"))", $0.reasons) },
                            selected: nil, error: problem),
                .el("p", .cls("c-warning-text"), .txt("Merging cannot be undone from this page.")),
                Form.button("Merge into \(survivor.name)", classes: "c-button c-button--warning")),
        ])
    }
}
