import ConduitCore
import Fluent
import Vapor

/// The start page, the stylesheet and the health check.
enum HomeController {
    @Sendable
    static func show(req: Request) async throws -> Layout {
        let visitor = req.visitor?.isSignedIn == true ? req.visitor : nil
        // The adviser's queue starts with the concerns that are late (issue 16).
        let late = try await ConcernList.needingAction(scope: visitor?.scope(.readConcerns) ?? [], now: req.now, on: req.sql)
            .map { ConcernListView.Item($0, now: req.now) }
        return HomeView.layout(visitor: visitor, concernsNeedingAction: late, context: PageContext(req))
    }

    @Sendable
    static func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        // Its URL changes with its content, so it never needs asking for again.
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }

    @Sendable
    static func exitScript(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: ExitScript.javascript))
    }

    /// For load balancers: answers 200 when the database answers.
    @Sendable
    static func health(req: Request) async throws -> String {
        _ = try await Partnership.query(on: req.db).count()
        return "ok"
    }
}

enum HomeView {
    static func layout(visitor: Visitor?, concernsNeedingAction: [ConcernListView.Item] = [], context: PageContext) -> Layout {
        guard let visitor else {
            return Layout(title: "Conduit", context: context, main: [
                .heading(1, "Conduit", classes: "c-heading-xl"),
                .paragraph("The information system of safeguarding children partnerships, their community partnership advisers, and the police, health, education and local authority staff and community and faith groups they work with.", classes: "c-body-lead"),
                .el("p", .cls("c-body"), .link("Sign in", to: SiteURL.signIn.path, classes: "c-button")),
                .heading(2, "If you are worried about a child", classes: "c-heading-m"),
                .paragraph("If a child is in immediate danger, call 999. Otherwise contact the children's social care team of the council where the child lives, or the NSPCC helpline on 0808 800 5000."),
                .heading(2, "Published figures", classes: "c-heading-m"),
                .el("p", .cls("c-body"), .link("Figures on harmful practices from London's partnerships", to: SiteURL.publishedFigures.path)),
            ])
        }
        return Layout(title: "Home", context: context, main: [
            .el("span", .cls("c-caption-l"), .txt(visitor.currentPartnership?.name ?? "No partnership yet")),
            .heading(1, "Welcome, \(visitor.displayName)", classes: "c-heading-l"),
            visitor.grants.isEmpty
                ? .paragraph("You are not a member of any partnership yet. Ask an administrator of your partnership to add you.")
                : .el("ul", .cls("c-list c-list--bullet"), .group(visitor.grants.map { grant in
                    HTMLNode.el("li", .txt("\(grant.role.title) in \(grant.partnershipName)"))
                })),
            visitor.hasSecondFactor ? .empty : NotificationBanner.render("Your account has no second factor yet. Set up an authenticator app from your account page.", success: false),
            ConcernListView.needingAction(concernsNeedingAction),
            .el("div", .cls("c-grid-row"), .group(cards(for: visitor))),
        ])
    }

    private static func cards(for visitor: Visitor) -> [HTMLNode] {
        let cards = Destination.all(for: visitor).compactMap { destination in destination.summary.map { (destination.title, destination.path, $0) } }
        return cards.map { title, href, text in
            .el("div", .cls("c-grid-column-one-third"), .el("div", .cls("c-card"),
                .el("h2", .cls("c-heading-s"), .link(title, to: href)), .paragraph(text, classes: "c-body-s")))
        }
    }
}
