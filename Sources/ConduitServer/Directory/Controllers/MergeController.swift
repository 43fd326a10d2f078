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
    static func mergeable(_ id: UUID, req: Request) async throws -> CommunityGroup? {
        let visitor = try req.signedIn
        // Another partnership's group is hidden (and the attempt recorded) as everywhere else.
        let group = try await req.record(CommunityGroup.self, id: id)
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
                .map { (DirectoryLookups.Likely(id: $0.id, name: $0.name, postcode: $0.postcode, status: $0.status, ownerName: $0.ownerName), "Name contains \(search)") }
        }
        let versions = try await GroupStore.versions(of: candidates.map(\.group.id), on: req.db)
        return MergeView.form(survivor: .init(id: try survivor.requireID(), name: survivor.name, version: survivor.version), candidates: candidates, versions: versions, search: search, problem: nil, context: PageContext(req))
    }

    @Sendable
    static func merge(req: Request) async throws -> Response {
        guard let survivor = try await mergeable(try req.uuid(.groupID), req: req) else { throw Abort(.notFound) }
        guard let duplicateID = UUID(uuidString: req.formText("duplicateID")), duplicateID != survivor.id,
              // A duplicate that cannot be merged, for whatever reason, is a problem with the form.
              let duplicate = (try? await mergeable(duplicateID, req: req)) ?? nil else {
            return try await PageResponse(status: .unprocessableEntity, layout: MergeView.form(
                survivor: .init(id: try survivor.requireID(), name: survivor.name, version: survivor.version), candidates: [], versions: [:], search: "", problem: "Select the duplicate to merge into this group", context: PageContext(req))).encodeResponse(for: req)
        }
        let survivorID = try survivor.requireID()
        // Both records must still be as the coordinator saw them on the form.
        guard let survivorVersion = Int(req.formText("version")), let duplicateVersion = Int(req.formText("version-\(duplicateID.uuidString)")) else {
            throw Abort(.badRequest, reason: "The form is missing the versions of the groups it merges. Reload the page and try again.")
        }
        try await GroupStore.merge(duplicateID, into: survivorID, versions: (survivorVersion, duplicateVersion), on: req.db)
        try await req.audit(.init("group.merge", recordType: "group", recordID: survivorID.uuidString, partnershipID: survivor.$partnership.id,
                                  detail: "\(duplicate.name) (\(duplicateID.uuidString.lowercased())) merged into \(survivor.name)"))
        return req.redirect(to: SiteURL.directoryGroup(.value(survivorID)).path(query: GroupShowView.Notice.merged.query))
    }
}
