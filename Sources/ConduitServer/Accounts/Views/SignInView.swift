import ConduitCore
import Plot

/// The sign-in page: email and password.
enum SignInView {
    struct Model: Sendable {
        var email: String
        var next: String?
        var notice: String?
        var problems: [FieldProblem]

        static let mock = Model(email: "adviser@conduit.example", next: nil, notice: nil, problems: [])
    }

    static func layout(_ model: Model, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return Layout(title: "Sign in", context: context, hasErrors: !model.problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(model.problems),
                model.notice.map { NotificationBanner.render($0, success: false) } ?? .empty,
                .heading(1, "Sign in to Conduit", classes: "c-heading-l"),
                .paragraph("Conduit is for the staff of safeguarding children partnerships and the people who work with them. Your administrator gives you an account."),
                Form.post(action: SiteURL.signIn.path, csrfToken: context.csrfToken,
                    .void("input", .attr("type", "hidden"), .attr("name", "next"), .attr("value", model.next)),
                    Form.input(name: "email", label: "Email address", value: model.email, error: error("email"),
                               type: "email", autocomplete: "username", spellcheck: false),
                    Form.input(name: "password", label: "Password", error: error("password"), type: "password",
                               autocomplete: "current-password"),
                    Form.button("Sign in")),
                .heading(2, "If you think a child is at risk", classes: "c-heading-m"),
                .paragraph("Conduit is not how to report a concern about a child. If a child is in immediate danger, call 999. Otherwise contact the children's social care front door of the council where the child lives, or call the NSPCC helpline on 0808 800 5000.")))
        ])
    }
}

/// The second step of signing in: the authenticator or a recovery code.
enum SignInCodeView {
    struct Model: Sendable {
        var next: String?
        var problems: [FieldProblem]
    }

    static func layout(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Enter your code", context: context, hasErrors: !model.problems.isEmpty, main: [
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.errorSummary(model.problems),
                .heading(1, "Enter the code from your authenticator app", classes: "c-heading-l"),
                Form.post(action: SiteURL.signInCode.path, csrfToken: context.csrfToken,
                    .void("input", .attr("type", "hidden"), .attr("name", "next"), .attr("value", model.next)),
                    Form.input(name: "code", label: "Code", hint: "The 6-digit code your app shows now, or one of your recovery codes, like abcd-efgh-jkmn",
                               error: model.problems.first?.message, autocomplete: "one-time-code", width: "10", spellcheck: false),
                    Form.button("Continue")),
                .el("details", .cls("c-details"),
                    .el("summary", .txt("I cannot use my authenticator app")),
                    .paragraph("Enter one of the recovery codes you saved when you set up the app. Each works once. If you have none left, ask an administrator of your partnership to reset your second factor.")),
                Form.post(action: SiteURL.signOut.path, csrfToken: context.csrfToken, Form.button("Cancel and sign out", classes: "c-button c-button--secondary"))))
        ])
    }
}

extension SignInView {
    struct Kept: Sendable {
        var path: String
        var fields: [(String, String)]
    }

    /// What the person was sending when their session timed out, to send again: the words they
    /// typed shown, so they can see nothing was lost, and every field in the form as it was.
    static func kept(_ kept: Kept, context: PageContext) -> Layout {
        let typed = kept.fields.map(\.1).filter { $0.contains(" ") }
        return Layout(title: "Send what you typed again", context: context, main: [
            .heading(1, "Send what you typed again", classes: "c-heading-l"),
            .paragraph("You were signed out before it was sent, so it was kept for you. Nothing has been saved yet: send it now to save it. This page is the only copy."),
            typed.isEmpty ? .empty : .el("div", .cls("c-inset"), .group(typed.map { HTMLNode.paragraph($0) })),
            Form.post(action: kept.path, csrfToken: context.csrfToken,
                .group(kept.fields.map { name, value in .void("input", .attr("type", "hidden"), .attr("name", name), .attr("value", value)) }),
                Form.button("Send it again")),
        ])
    }
}
