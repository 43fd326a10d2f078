import ConduitCore
import Foundation
import Plot

/// A contact's page and form.
enum ContactView {
    struct FormModel: Sendable {
        var groupID: UUID
        var groupName: String
        var input: ContactInput
        var contactID: UUID?
        var version = 1
        var problems: [FieldProblem] = []
        var conflict: [(field: String, mine: String, stored: String)]?
    }

    static func differences(_ mine: ContactInput, _ stored: ContactInput) -> [(field: String, mine: String, stored: String)] {
        [("Name", mine.name, stored.name),
         ("Role", ContactRole.title(of: mine.role), ContactRole.title(of: stored.role)),
         ("Role detail", mine.roleDetail, stored.roleDetail), ("Phone", mine.phone, stored.phone), ("Email", mine.email.lowercased(), stored.email),
         ("Preferred language", mine.preferredLanguage, stored.preferredLanguage), ("Notes", mine.notes, stored.notes)]
            .map { ($0.0, GroupValidation.trimmed($0.1), GroupValidation.trimmed($0.2)) }
            .filter { $0.1 != $0.2 }
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let title = model.contactID == nil ? "Add a contact" : "Edit contact"
        let action = model.contactID.map { SiteURL.directoryContactEdit(.value($0)).path } ?? SiteURL.directoryGroupContacts(.value(model.groupID)).path
        let input = model.input
        return Layout(title: "\(title) – \(model.groupName)", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.conflict.map { ConflictPanel.render("contact", changes: $0) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt(model.groupName)),
            .heading(1, title, classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.contactID == nil ? .empty : .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                    Form.input(name: "name", label: "Name", value: input.name, error: error("name"), autocomplete: "off"),
                    Form.select(name: "role", label: "Role", options: [("", "Select a role")] + ContactRole.allCases.map { ($0.rawValue, $0.title) },
                                selected: input.role, error: error("role")),
                    Form.input(name: "roleDetail", label: "Role detail (optional)", value: input.roleDetail, hint: "For example, senior pastor, madrasa head teacher", error: error("roleDetail")),
                    Form.input(name: "phone", label: "Phone (optional)", value: input.phone, error: error("phone"), type: "tel", autocomplete: "off", width: "20"),
                    Form.input(name: "email", label: "Email (optional)", value: input.email, error: error("email"), type: "email", autocomplete: "off", spellcheck: false),
                    Form.input(name: "preferredLanguage", label: "Preferred language (optional)", value: input.preferredLanguage, error: error("preferredLanguage"), width: "20"),
                    Form.textarea(name: "notes", label: "Notes (optional)", value: input.notes, hint: "For example, best time to call. Keep to what the work needs.", error: error("notes")),
                    .el("div", .cls("c-button-group"), Form.button("Save contact"), .link("Cancel", to: SiteURL.directoryGroup(.value(model.groupID)).path))))),
        ])
    }

    /// A contact's page: the person, at their group.
    struct ShowModel: Sendable {
        var contactID: UUID
        var contact: ContactInput
        var groupID: UUID
        var groupName: String
        var canEdit: Bool
    }

    static func show(_ model: ShowModel, context: PageContext) -> Layout {
        let contact = model.contact
        let role = ContactRole.title(of: contact.role)
        func orDash(_ text: String) -> String { text.isEmpty ? "—" : text }
        return Layout(title: "\(contact.name) – \(model.groupName)", context: context, main: [
            .el("span", .cls("c-caption-l"), .link(model.groupName, to: SiteURL.directoryGroup(.value(model.groupID)).path)),
            .heading(1, contact.name, classes: "c-heading-l"),
            SummaryList.render([
                .init("Role", contact.roleDetail.isEmpty ? role : "\(role): \(contact.roleDetail)"),
                .init("Phone", orDash(contact.phone)),
                .init("Email", orDash(contact.email)),
                .init("Preferred language", orDash(contact.preferredLanguage)),
                .init("Notes", orDash(contact.notes)),
            ]),
            model.canEdit ? .link("Edit contact", to: SiteURL.directoryContactEdit(.value(model.contactID)).path, classes: "c-button c-button--secondary") : .empty,
        ])
    }
}
