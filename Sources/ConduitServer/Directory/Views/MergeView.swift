import ConduitCore
import Foundation
import Plot

/// The coordinator's page for merging a duplicate into a group.
enum MergeView {
    /// The group that survives the merge.
    struct Survivor: Sendable {
        var id: UUID
        var name: String
        var version: Int
    }

    static func form(survivor: Survivor, candidates: [(group: DirectoryLookups.Likely, reasons: String)], versions: [UUID: Int],
                     search: String, problem: String?, context: PageContext) -> Layout {
        let id = survivor.id
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
                            options: candidates.map { ($0.group.id.uuidString, "\($0.group.name) (\($0.group.ownerName), \($0.group.postcode ?? "no postcode"))", $0.reasons) },
                            selected: nil, error: problem),
                .el("p", .cls("c-warning-text"), .txt("Merging cannot be undone from this page.")),
                Form.button("Merge into \(survivor.name)", classes: "c-button c-button--warning")),
        ])
    }
}
