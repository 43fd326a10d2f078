import ConduitCore
import Foundation
import Plot

/// The person's own account page.
enum AccountView {
    struct Model: Sendable {
        var displayName: String
        var email: String
        var hasSecondFactor: Bool
        var grants: [Visitor.Grant]
        var currentPartnershipID: UUID?
        var notice: String?

        init(visitor: Visitor, notice: String?) {
            displayName = visitor.displayName
            email = visitor.email
            hasSecondFactor = visitor.hasSecondFactor
            grants = visitor.grants
            currentPartnershipID = visitor.currentPartnership?.id
            self.notice = notice
        }
    }

    static func layout(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Your account", context: context, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            .heading(1, "Your account", classes: "c-heading-l"),
            SummaryList.render([
                .init("Name", model.displayName),
                .init("Email address", model.email),
                .init("Password", "Set", action: .link("Change password", to: SiteURL.accountPassword.path)),
                .init("Second factor", model.hasSecondFactor ? "Authenticator app" : "Not set up",
                      action: model.hasSecondFactor ? .empty : .link("Set up", to: SiteURL.accountSecondFactor.path)),
                .init("API tokens", "For partner systems using the JSON API", action: .link("Manage tokens", to: SiteURL.accountTokens.path)),
            ]),
            memberships(model, csrf: context.csrfToken),
            .heading(2, "Sessions", classes: "c-heading-m"),
            .paragraph("If you signed in on a shared or lost device, sign out everywhere: every browser signed in as you will have to sign in again."),
            Form.post(action: SiteURL.signOutEverywhere.path, csrfToken: context.csrfToken,
                      Form.button("Sign out everywhere", classes: "c-button c-button--warning")),
        ])
    }

    private static func memberships(_ model: Model, csrf: String) -> HTMLNode {
        guard !model.grants.isEmpty else {
            return .group([.heading(2, "Your memberships", classes: "c-heading-m"),
                           .paragraph("You are not a member of any partnership yet. Ask an administrator to add you.")])
        }
        return Table.render(caption: "Your memberships", columns: [.init(title: "Partnership"), .init(title: "Role"), .init(title: "")],
            rows: model.grants.map { grant in
                [.txt(grant.partnershipName), .txt(grant.role.title),
                 grant.partnershipID == model.currentPartnershipID
                    ? .el("strong", .cls("c-tag c-tag--green"), .txt("Current"))
                    : Form.post(action: SiteURL.accountPartnership.path, csrfToken: csrf,
                                .void("input", .attr("type", "hidden"), .attr("name", "partnership"), .attr("value", grant.partnershipID.uuidString)),
                                Form.button("Work in \(grant.partnershipName)", classes: "c-button c-button--secondary"))]
            })
    }
}

/// Changing one's own password.
enum PasswordView {
    static func layout(problems: [FieldProblem], context: PageContext) -> Layout {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return Layout(title: "Change your password", context: context, hasErrors: !problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(problems),
                .heading(1, "Change your password", classes: "c-heading-l"),
                Form.post(action: SiteURL.accountPassword.path, csrfToken: context.csrfToken,
                    Form.input(name: "current", label: "Current password", error: error("current"), type: "password", autocomplete: "current-password"),
                    Form.input(name: "new", label: "New password",
                               hint: "At least \(PasswordRules.minimumLength) characters. A few random words make a strong password that is easy to remember.",
                               error: error("new"), type: "password", autocomplete: "new-password"),
                    Form.input(name: "confirm", label: "Confirm new password", error: error("confirm"), type: "password", autocomplete: "new-password"),
                    Form.button("Change password"))))
        ])
    }
}

/// Setting up the authenticator app, and the recovery codes afterwards.
enum SecondFactorView {
    static func enrol(secret: String, email: String, problems: [FieldProblem], context: PageContext) -> Layout {
        let uri = TOTP(secret: Base32.decode(secret) ?? []).provisioningURI(issuer: "Conduit", account: email)
        let grouped = stride(from: 0, to: secret.count, by: 4).map { offset -> String in
            let start = secret.index(secret.startIndex, offsetBy: offset)
            return String(secret[start..<(secret.index(start, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
        return Layout(title: "Set up your authenticator app", context: context, hasErrors: !problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(problems),
                .heading(1, "Set up your authenticator app", classes: "c-heading-l"),
                .paragraph("Conduit holds information about children, so every account signs in with a password and a code from an authenticator app on your phone or computer (for example Microsoft Authenticator, Google Authenticator or a password manager)."),
                .el("ol", .cls("c-list c-list--number"),
                    .el("li", .txt("In your authenticator app, choose to add an account and to enter a setup key.")),
                    .el("li", .txt("Enter this key, with Conduit as the account name:"),
                        .el("p", .cls("c-code"), .attr("id", "secret"), .txt(grouped))),
                    .el("li", .txt("Enter the 6-digit code the app then shows."))),
                .el("details", .cls("c-details"),
                    .el("summary", .txt("Setup link for apps that accept one")),
                    .el("p", .cls("c-code"), .txt(uri))),
                Form.post(action: SiteURL.accountSecondFactor.path, csrfToken: context.csrfToken,
                    Form.input(name: "code", label: "Code from the app", error: problems.first?.message,
                               autocomplete: "one-time-code", width: "10", inputmode: "numeric", spellcheck: false),
                    Form.button("Confirm"))))
        ])
    }

    static func recoveryCodes(_ codes: [String], context: PageContext) -> Layout {
        Layout(title: "Save your recovery codes", context: context, main: [
            .el("div", .cls("c-panel"), .el("h1", .cls("c-heading-l"), .txt("Your authenticator app is set up"))),
            .heading(2, "Save your recovery codes", classes: "c-heading-m"),
            .el("div", .cls("c-warning-text"), .el("strong", .txt("This is the only time these codes are shown. Keep them somewhere safe, away from your phone."))),
            .paragraph("If you lose your phone, each code signs you in once instead of the app."),
            .el("ul", .cls("c-list c-code"), .attr("id", "recovery-codes"), .group(codes.map { HTMLNode.el("li", .txt($0)) })),
            .el("p", .cls("c-body"), .link("Continue to Conduit", to: SiteURL.home.path, classes: "c-button")),
        ])
    }

    static func alreadySet(context: PageContext) -> Layout {
        Layout(title: "Your second factor", context: context, main: [
            .heading(1, "Your authenticator app is set up", classes: "c-heading-l"),
            .paragraph("To move to a new phone, ask an administrator of your partnership to reset your second factor; you then set it up again when you next sign in."),
        ])
    }
}

/// The person's API tokens.
enum TokensView {
    struct Model: Sendable {
        var tokens: [TokenList.Row]
        var newToken: String?
        var newTokenExpiresAt: Date? = nil
        var name: String
        var problems: [FieldProblem]
        var notice: String?
    }

    static func layout(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "API tokens", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            model.newToken.map { token in
                HTMLNode.el("div", .cls("c-notification-banner c-notification-banner--success"), .attr("role", "alert"),
                    .el("div", .cls("c-notification-banner__content"),
                        .el("h2", .cls("c-notification-banner__heading"), .txt("Your new token")),
                        .el("p", .cls("c-code"), .attr("id", "new-token"), .txt(token)),
                        .paragraph("Copy it now: it is not shown again. It acts with your memberships" + (model.newTokenExpiresAt.map { " and expires on \(Formats.dateTime($0))" } ?? "") + "; revoke it when it is no longer needed.")))
            } ?? .empty,
            .heading(1, "API tokens", classes: "c-heading-l"),
            .el("p", .cls("c-body"), .txt("Partner systems use tokens to call the JSON API. The API is described at "),
                .link(SiteURL.api(.openAPI).path, to: SiteURL.api(.openAPI).path), .txt(".")),
            model.tokens.isEmpty ? .paragraph("You have no tokens.") :
                // Three columns, so the table fits a phone's width: the dates stacked in one.
                Table.render(caption: "Your tokens", columns: [.init(title: "Token"), .init(title: "Dates"), .init(title: "")],
                    rows: model.tokens.map { token in
                        [.group([.txt(token.name), .void("br"), .el("code", .txt(token.prefix + "…"))]),
                         .group([.txt("Created \(Formats.date(token.createdAt))"), .void("br"),
                                 .txt(token.lastUsedAt == nil ? "Never used" : "Last used \(Formats.dateTime(token.lastUsedAt))"), .void("br"),
                                 token.isExpired ? .el("strong", .txt("Expired \(Formats.date(token.expiresAt))")) : .txt("Expires \(Formats.date(token.expiresAt))")]),
                         Form.post(action: SiteURL.accountTokenRevoke(.value(token.id)).path, csrfToken: context.csrfToken,
                                   Form.button("Revoke \(token.name)", classes: "c-button c-button--warning"))]
                    }),
            .heading(2, "Create a token", classes: "c-heading-m"),
            Form.post(action: SiteURL.accountTokens.path, csrfToken: context.csrfToken,
                Form.input(name: "name", label: "Name", value: model.name, hint: "What will use it, for example \"Police data upload\"",
                           error: model.problems.first { $0.field == "name" }?.message, width: "30"),
                Form.select(name: "days", label: "Expires after", options: TokenList.lifetimes.map { (String($0), $0 == 365 ? "1 year" : "\($0) days") },
                            selected: "90", error: model.problems.first { $0.field == "days" }?.message),
                Form.button("Create token")),
        ])
    }
}

extension AccountView {
    enum Notice: String, PageNotice {
        case password, partnership

        /// `partnership` is the one the person now works in.
        func message(partnership: String?) -> String {
            switch self {
            case .password: "Your password has been changed. You have been signed out everywhere else."
            case .partnership: "You are now working in \(partnership ?? "your partnership")."
            }
        }
    }
}

extension TokensView {
    enum Notice: String, PageNotice {
        case revoked

        var message: String { "The token has been revoked." }
    }
}
