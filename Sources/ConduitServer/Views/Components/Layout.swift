import ConduitCore
import Foundation
import Plot
import Vapor

/// What every page needs from the request: who is signed in and the CSRF token.
struct PageContext: Sendable {
    struct NavItem: Sendable {
        var title: String
        var href: String
    }

    var displayName: String?
    var partnershipName: String?
    var navigation: [NavItem]
    var csrfToken: String
    var isSignedIn: Bool

    /// The context for a page rendered in answer to a request.
    init(_ req: Request) {
        let visitor = req.visitor
        isSignedIn = visitor?.isSignedIn == true
        displayName = isSignedIn ? visitor?.displayName : nil
        partnershipName = isSignedIn ? visitor?.currentPartnership?.name : nil
        csrfToken = CSRF.token(for: req)
        navigation = visitor.flatMap { $0.isSignedIn ? $0 : nil }.map { visitor in
            Destination.all(for: visitor).compactMap { destination in destination.menuTitle.map { NavItem(title: $0, href: destination.path) } }
        } ?? []
    }

    /// The context of a public page a shared cache may keep: signed out, it has no form that
    /// posts, so no CSRF token, whose per-browser cookie a cache would hand to everyone.
    init(publicPage req: Request) {
        if req.visitor?.isSignedIn == true {
            self.init(req)
        } else {
            self.init(displayName: nil, partnershipName: nil, navigation: [], csrfToken: "", isSignedIn: false)
        }
    }

    /// A context without a request, for view tests.
    init(displayName: String?, partnershipName: String?, navigation: [NavItem], csrfToken: String, isSignedIn: Bool) {
        self.displayName = displayName
        self.partnershipName = partnershipName
        self.navigation = navigation
        self.csrfToken = csrfToken
        self.isSignedIn = isSignedIn
    }
}

/// The page around every view: skip link, header, main landmark, footer.
struct Layout {
    var title: String
    var context: PageContext
    /// Pages with errors say so first in the title (GOV.UK error summary pattern).
    var hasErrors = false
    var main: [HTMLNode]
    /// A public page about harmful practices or abuse: "Leave this page" first, and its script.
    var exitThisPage = false
    /// The language of a public page shown in a translation: the page's `lang` and `dir` are
    /// its, and the English around it (header, footer, labels) says it is English.
    var language: PageLanguage? = nil
    /// Public pages the same for everyone signed out: shared caches may keep them a while.
    var cacheable = false

    static let serviceName = "Conduit"

    /// The page's HTML; indented for snapshot tests, so a diff reads line by line.
    func render(indentedBy indentation: Indentation.Kind? = nil) -> String {
        let pageTitle = title == Self.serviceName ? title : title + " – " + Self.serviceName
        let fullTitle = (hasErrors ? "Error: " : "") + pageTitle
        let translated = language.flatMap { $0.code == "en" ? nil : $0 }
        func inEnglish(_ node: HTMLNode) -> HTMLNode {
            translated == nil ? node : .el("div", .attr("lang", "en-GB"), .attr("dir", "ltr"), node)
        }
        let document = HTMLNode.el("html", .attr("lang", translated?.code ?? "en-GB"), .attr("dir", translated?.direction),
            .el("head",
                .void("meta", .attr("charset", "utf-8")),
                .void("meta", .attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1")),
                .el("title", .txt(fullTitle)),
                .void("link", .attr("rel", "stylesheet"), .attr("href", SiteURL.stylesheet.path))),
            .el("body",
                .el("a", .cls("c-skip-link"), .attr("href", "#main-content"), .attr("lang", translated == nil ? nil : "en-GB"), .txt("Skip to main content")),
                inEnglish(header),
                .el("div", .cls("c-width-container"),
                    exitThisPage ? inEnglish(Self.exitButton) : .empty,
                    .el("main", .cls("c-main"), .attr("id", "main-content"), .attr("tabindex", "-1"), .group(main))),
                inEnglish(footer),
                exitThisPage ? .el("script", .attr("src", SiteURL.exitScript.path)) : .empty))
        return "<!DOCTYPE html>\n" + document.render(indentedBy: indentation)
    }

    private var header: HTMLNode {
        .el("header", .cls("c-header"),
            .el("div", .cls("c-header__container c-width-container"),
                .link(Self.serviceName, to: SiteURL.home.path, classes: "c-header__service"),
                context.partnershipName.map { name in
                    HTMLNode.el("span", .cls("c-header__partnership"), .txt(name))
                } ?? .empty,
                navigation))
    }

    private var navigation: HTMLNode {
        guard context.isSignedIn else { return .empty }
        return .el("nav", .cls("c-header__nav"), .attr("aria-label", "Menu"),
            .el("ul", .group(context.navigation.map { item in
                HTMLNode.el("li", .link(item.title, to: item.href, classes: "c-header__link"))
            } + [
                .el("li", .el("form", .cls("c-header__signout"), .attr("method", "post"), .attr("action", SiteURL.signOut.path),
                    Form.csrf(context.csrfToken),
                    .el("button", .attr("type", "submit"), .txt("Sign out")))),
            ])))
    }

    /// Where "Leave this page" goes: a neutral site, as GOV.UK's pattern does.
    static let neutralSite = "https://www.bbc.co.uk/weather"

    /// A link, so it works without JavaScript; the script adds the Shift key shortcut.
    private static var exitButton: HTMLNode {
        .el("div", .cls("c-exit-this-page"),
            .el("a", .cls("c-button c-button--warning c-exit-this-page__button"), .attr("href", neutralSite), .attr("rel", "nofollow noreferrer"),
                .attr("data-exit-this-page", "true"),
                .el("span", .cls("c-visually-hidden"), .txt("Emergency: ")), .txt("Leave this page")),
            .el("p", .cls("c-body-s c-exit-this-page__hint"), .txt("Or press Shift 3 times")))
    }

    private var footer: HTMLNode {
        .el("footer", .cls("c-footer"),
            .el("div", .cls("c-width-container"),
                .paragraph("Conduit: the information system of safeguarding children partnerships and their community partnership advisers.", classes: "c-body-s"),
                .paragraph("If you think a child is in immediate danger, call 999.", classes: "c-body-s"),
                .el("p", .cls("c-body-s"), .link("Worried about a child?", to: SiteURL.worriedIndex.path), .txt(" · "),
                    .link("Accessibility statement", to: SiteURL.accessibility.path),
                    .txt(" · "), .link("Published figures", to: SiteURL.publishedFigures.path),
                    .txt(" · "), .link("Resource library", to: SiteURL.library.path))))
    }
}

extension Layout: AsyncResponseEncodable {
    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        // Only what a signed-out visitor sees may be kept by a shared cache: a signed-in
        // person's page has their name and menu on it.
        if cacheable && request.visitor?.isSignedIn != true {
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            headers.replaceOrAdd(name: .vary, value: "Cookie")
        }
        return Response(status: .ok, headers: headers, body: .init(string: render()))
    }
}

/// A page answered with a status other than 200 (form errors, conflicts).
struct PageResponse: AsyncResponseEncodable {
    var status: HTTPStatus
    var layout: Layout

    /// A report asked for with filters that cannot be used: 422 with its error summary,
    /// as the API answers, never a default report in place of the one asked for (issue 13).
    init(problems: [FieldProblem], layout: Layout) {
        self.init(status: problems.isEmpty ? .ok : .unprocessableEntity, layout: layout)
    }

    init(status: HTTPStatus, layout: Layout) {
        self.status = status
        self.layout = layout
    }

    func encodeResponse(for request: Request) async throws -> Response {
        let response = try await layout.encodeResponse(for: request)
        response.status = status
        // Only a page as it stands may be kept by a cache, not one answering a problem.
        if status != .ok { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
