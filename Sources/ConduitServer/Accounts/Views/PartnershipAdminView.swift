import ConduitCore
import Foundation
import Plot

/// Administrators' partnership list and form.
enum PartnershipAdminView {
    static func index(rows: [PartnershipList.Row], notice: String?, context: PageContext) -> Layout {
        Layout(title: "Partnerships", context: context, main: [
            notice.map { NotificationBanner.render($0) } ?? .empty,
            .heading(1, "Partnerships", classes: "c-heading-l"),
            rows.contains { $0.kind == .region }
                ? .el("p", .cls("c-body"), .link("Add a partnership", to: SiteURL.adminPartnershipNew.path, classes: "c-button")) : .empty,
            Table.render(caption: "Partnerships you administer", columns: [.init(title: "Name"), .init(title: "Code"), .init(title: "Kind"), .init(title: "Part of")],
                rows: rows.map { row in
                    [.link(row.name, to: SiteURL.adminPartnership(.value(row.id)).path), .txt(row.code),
                     .txt(row.kind == .region ? "Region" : "Partnership"), .txt(row.parentName ?? "—")]
                }, captionVisible: false),
        ])
    }

    struct FormModel: Sendable {
        var id: UUID?
        var regions: [PartnershipList.Row] = []
        var name = ""
        var code = ""
        var parent: UUID?
        var version = 1
        var problems: [FieldProblem] = []
        var conflict: String?
        var storedName: String?
        var storedCode: String?

        init(regions: [PartnershipList.Row], name: String = "", code: String = "", parent: UUID? = nil, problems: [FieldProblem] = []) {
            self.regions = regions
            self.name = name
            self.code = code
            self.parent = parent ?? regions.first?.id
            self.problems = problems
        }
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let title = model.id == nil ? "Add a partnership" : "Edit \(model.storedName ?? model.name)"
        let action = model.id.map { SiteURL.adminPartnership(.value($0)).path } ?? SiteURL.adminPartnerships.path
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(model.problems),
                model.conflict.map { conflict in
                    HTMLNode.el("div", .cls("c-error-summary"), .attr("role", "alert"),
                        .el("h2", .cls("c-error-summary__title"), .txt("Someone else changed this partnership")),
                        .paragraph(conflict),
                        SummaryList.render([.init("Name now", model.storedName ?? ""), .init("Code now", model.storedCode ?? "")]))
                } ?? .empty,
                .heading(1, title, classes: "c-heading-l"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.id == nil ? .empty : .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                    Form.input(name: "name", label: "Name", value: model.name, hint: "For example, Camden Safeguarding Children Partnership", error: error("name")),
                    Form.input(name: "code", label: "Short code", value: model.code, hint: "Lowercase letters, numbers and hyphens, for example camden", error: error("code"), width: "20", spellcheck: false),
                    model.id == nil
                        ? Form.select(name: "parent", label: "Region", options: model.regions.map { ($0.id.uuidString, $0.name) },
                                      selected: model.parent?.uuidString, error: error("parent"))
                        : .empty,
                    Form.button(model.id == nil ? "Add partnership" : "Save changes")),
                model.id.map { .el("p", .cls("c-body"), .link("Retention periods of this partnership's records", to: SiteURL.adminPartnershipRetention(.value($0)).path)) } ?? .empty))
        ])
    }
}

extension PartnershipAdminView {
    enum Notice: String, PageNotice {
        case created, saved

        var message: String {
            switch self {
            case .created: "The partnership has been added."
            case .saved: "The partnership has been saved."
            }
        }
    }
}
