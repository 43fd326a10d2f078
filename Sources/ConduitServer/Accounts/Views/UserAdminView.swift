import ConduitCore
import Foundation
import Plot

/// Administrators' user list, new user form and user page.
enum UserAdminView {
    struct IndexModel: Sendable {
        var rows: [UserList.Row]
        var search: String
        var pagination: Pagination
        var notice: String?
    }

    static func index(_ model: IndexModel, context: PageContext) -> Layout {
        Layout(title: "Users", context: context, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            .heading(1, "Users", classes: "c-heading-l"),
            .el("p", .cls("c-body"), .link("Add a user", to: SiteURL.adminUserNew.path, classes: "c-button")),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.adminUsers.path), .attr("role", "search"),
                Form.input(name: "q", label: "Search by name or email", value: model.search, type: "search", width: "20"),
                Form.button("Search", classes: "c-button c-button--secondary")),
            .paragraph("\(model.pagination.total) \(model.pagination.total == 1 ? "user" : "users")"),
            Table.render(caption: "Users", columns: [.init(title: "Name"), .init(title: "Email"), .init(title: "Second factor"), .init(title: "Status")],
                rows: model.rows.map { row in
                    [.link(row.displayName, to: SiteURL.adminUser(.value(row.id)).path), .txt(row.email),
                     .txt(row.hasSecondFactor == 1 ? "Set up" : "Not set up"),
                     row.disabledAt == nil ? .el("strong", .cls("c-tag c-tag--green"), .txt("Active")) : .el("strong", .cls("c-tag c-tag--grey"), .txt("Disabled"))]
                }, captionVisible: false),
            model.pagination.render { SiteURL.adminUsers.path(query: [("q", model.search), ("page", String($0))]) },
        ])
    }

    struct NewModel: Sendable {
        var partnerships: [PartnershipList.Row]
        var name = ""
        var email = ""
        var partnership: UUID?
        var role: String?
        var problems: [FieldProblem] = []
    }

    static func roleOptions() -> [(value: String, label: String, hint: String?)] {
        Role.allCases.map { ($0.rawValue, $0.title, $0.summary) }
    }

    static func newForm(_ model: NewModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return Layout(title: "Add a user", context: context, hasErrors: !model.problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(model.problems),
                .heading(1, "Add a user", classes: "c-heading-l"),
                Form.post(action: SiteURL.adminUsers.path, csrfToken: context.csrfToken,
                    Form.input(name: "name", label: "Full name", value: model.name, error: error("name"), autocomplete: "off"),
                    Form.input(name: "email", label: "Email address", value: model.email, error: error("email"), type: "email", autocomplete: "off", spellcheck: false),
                    Form.input(name: "password", label: "First password",
                               hint: "At least \(PasswordRules.minimumLength) characters. Give it to the person by a different route than their email address; they should change it after signing in.",
                               error: error("password"), type: "password", autocomplete: "new-password"),
                    Form.select(name: "partnership", label: "Partnership", options: model.partnerships.map { ($0.id.uuidString, $0.name) },
                                selected: model.partnership?.uuidString, error: error("partnership")),
                    Form.radios(name: "role", legend: "Role", options: roleOptions(), selected: model.role, error: error("role")),
                    Form.button("Add user"))))
        ])
    }

    struct ShowModel: Sendable {
        var id: UUID
        var name: String
        var email: String
        var version: Int
        var disabledAt: Date?
        var hasSecondFactor: Bool
        var recoveryCodesLeft: Int
        var createdAt: Date?
        var isSelf: Bool
        /// Whether this administrator manages every partnership the account belongs to, and so may change it.
        var managesAccount: Bool
        /// Each membership, and whether this administrator can remove it.
        var grants: [(Visitor.Grant, Bool)]
        var partnerships: [PartnershipList.Row]
        var notice: String?
        var problems: [FieldProblem] = []
        var conflict: (message: String, name: String, email: String)?
    }

    static func show(_ model: ShowModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let id = Parameter.value(model.id)
        return Layout(title: model.conflict?.name ?? model.name, context: context, hasErrors: !model.problems.isEmpty || model.conflict != nil, main: [
            Form.errorSummary(model.problems),
            model.conflict.map { conflict in
                HTMLNode.el("div", .cls("c-error-summary"), .attr("role", "alert"),
                    .el("h2", .cls("c-error-summary__title"), .txt("Someone else changed this user")),
                    .paragraph(conflict.message),
                    SummaryList.render([.init("Name now", conflict.name), .init("Email now", conflict.email)]))
            } ?? .empty,
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt("User")),
            .heading(1, model.conflict?.name ?? model.name, classes: "c-heading-l"),
            SummaryList.render([
                .init("Status", model.disabledAt == nil ? "Active" : "Disabled on \(Formats.dateTime(model.disabledAt))"),
                .init("Second factor", model.hasSecondFactor ? "Set up (\(model.recoveryCodesLeft) recovery codes left)" : "Not set up"),
                .init("Added", Formats.dateTime(model.createdAt)),
            ]),
            .heading(2, "Details", classes: "c-heading-m"),
            model.managesAccount ? .empty
                : .el("div", .cls("c-inset"), .paragraph("This person also belongs to partnerships you do not manage, so only an administrator who manages all of them, such as the hub's, can change their details or their access. You can add or remove memberships of your own partnerships.")),
            !model.managesAccount ? SummaryList.render([.init("Full name", model.name), .init("Email address", model.email)]) :
            Form.post(action: SiteURL.adminUser(id).path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                Form.input(name: "name", label: "Full name", value: model.name, error: error("name"), autocomplete: "off"),
                Form.input(name: "email", label: "Email address", value: model.email, error: error("email"), type: "email", autocomplete: "off", spellcheck: false),
                Form.button("Save changes")),
            memberships(model, csrf: context.csrfToken),
            !model.managesAccount ? .empty : .heading(2, "Access", classes: "c-heading-m"),
            !model.managesAccount ? .empty : .el("div", .cls("c-button-group"),
                model.isSelf ? .empty : (model.disabledAt == nil
                    ? Form.post(action: SiteURL.adminUserDisable(id).path, csrfToken: context.csrfToken, Form.button("Disable user", classes: "c-button c-button--warning"))
                    : Form.post(action: SiteURL.adminUserEnable(id).path, csrfToken: context.csrfToken, Form.button("Enable user", classes: "c-button c-button--secondary"))),
                model.hasSecondFactor
                    ? Form.post(action: SiteURL.adminUserResetSecondFactor(id).path, csrfToken: context.csrfToken, Form.button("Reset second factor", classes: "c-button c-button--secondary"))
                    : .empty),
        ])
    }

    private static func memberships(_ model: ShowModel, csrf: String) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return .group([
            model.grants.isEmpty ? .group([.heading(2, "Memberships", classes: "c-heading-m"), .paragraph("No memberships.")]) :
                Table.render(caption: "Memberships", columns: [.init(title: "Partnership"), .init(title: "Role"), .init(title: "")],
                    rows: model.grants.map { grant, removable in
                        [.txt(grant.partnershipName), .txt(grant.role.title + (grant.returnSource.map { ": \($0.title)" } ?? "")),
                         removable ? Form.post(action: SiteURL.adminUserMembershipRemove(.value(model.id), .value(grant.membershipID)).path, csrfToken: csrf,
                                               Form.button("Remove \(grant.role.title) in \(grant.partnershipName)", classes: "c-button c-button--secondary")) : .empty]
                    }),
            .heading(3, "Add a membership", classes: "c-heading-s"),
            model.isSelf ? .paragraph("Another administrator adds memberships and roles to your own account: no one widens their own access.") :
            Form.post(action: SiteURL.adminUserMemberships(.value(model.id)).path, csrfToken: csrf,
                Form.select(name: "partnership", label: "Partnership", options: model.partnerships.map { ($0.id.uuidString, $0.name) },
                            selected: nil, error: error("partnership")),
                Form.select(name: "role", label: "Role", options: Role.allCases.map { ($0.rawValue, $0.title) }, selected: nil, error: error("role")),
                Form.select(name: "returnSource", label: "Source of returns (data submitters only)", options: [("", "Every source")] + ReturnSource.allCases.map { ($0.rawValue, $0.title) },
                            selected: nil, hint: "A police data lead enters police figures only, for example.", error: error("returnSource")),
                Form.button("Add membership", classes: "c-button c-button--secondary")),
        ])
    }
}

extension UserAdminView {
    /// The list of users' notice.
    enum ListNotice: String, PageNotice {
        case created

        var message: String { "The user has been added." }
    }

    /// A user's page's notices.
    enum Notice: String, PageNotice {
        case saved, disabled, enabled, reset, membershipAdded = "membership-added", membershipRemoved = "membership-removed"

        var message: String {
            switch self {
            case .saved: "The changes have been saved."
            case .disabled: "The user has been disabled and signed out everywhere."
            case .enabled: "The user can sign in again."
            case .reset: "The second factor has been reset. The person sets it up again when they next sign in."
            case .membershipAdded: "The membership has been added."
            case .membershipRemoved: "The membership has been removed."
            }
        }
    }
}
