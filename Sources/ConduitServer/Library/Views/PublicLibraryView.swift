import ConduitCore
import Foundation
import Plot

/// The public library (seed 004 recommendation 5): the resources partnerships publish, for
/// anyone, signed out, in the languages they are translated into. Every page has "Leave this
/// page": they are about harm to children, and may be read where someone is watching.
enum PublicLibraryView {
    struct Model: Sendable {
        var filters: LibrarySearch.Filters
        var items: [LibraryView.Item]
        var total: Int
        var pagination: Pagination
        var problems: [FieldProblem] = []
    }

    static func index(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Resource library", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Resource library", classes: "c-heading-xl"),
            .paragraph("Leaflets, letters, policy templates and protocols on keeping children safe, made by London's safeguarding children partnerships with community and faith groups, many in community languages. Free to download, print and share.", classes: "c-body-lead"),
            PublicPages.links(),
            filters(model.filters),
            .heading(2, model.total == 1 ? "1 resource" : "\(model.total) resources", classes: "c-heading-m"),
            model.items.isEmpty ? .paragraph("No resources match. Try fewer words or filters.") : .el("ul", .cls("c-list"), .group(model.items.map(card))),
            model.pagination.render { SiteURL.library.path(query: model.filters.query + [("page", String($0))]) },
        ], exitThisPage: true, cacheable: true)
    }

    private static func card(_ item: LibraryView.Item) -> HTMLNode {
        .el("li", .cls("c-card"),
            .el("h3", .cls("c-heading-s"), .link(item.title, to: SiteURL.libraryResource(.value(item.id)).path)),
            .paragraph(ResourceKind.title(of: item.kind) + " · " + item.ownerName, classes: "c-body-s"),
            .paragraph(item.summary, classes: "c-body-s"),
            languageLinks(item.id, item.languages, current: nil))
    }

    /// Each language as a link to the page in it, named in itself.
    static func languageLinks(_ id: UUID, _ tags: [LibraryView.LanguageTag], current: PageLanguage?) -> HTMLNode {
        guard tags.count > 1 else { return .empty }
        return .el("nav", .cls("c-body-s"), .attr("aria-label", "Languages"),
            .el("ul", .cls("c-list c-list--inline"), .group(tags.map { tag in
                let label = HTMLNode.group([.txt(tag.language.endonym), tag.outOfDate ? .el("span", .attr("lang", "en-GB"), .txt(" (may be out of date)")) : .empty])
                return HTMLNode.el("li", tag.language == current
                    ? .el("strong", .attr("lang", tag.language.code), .attr("dir", tag.language.direction), label)
                    : .el("a", .cls("c-link"), .attr("href", SiteURL.libraryResource(.value(id)).path(query: tag.language.code == "en" ? [] : [("lang", tag.language.code)])),
                          .attr("lang", tag.language.code), .attr("hreflang", tag.language.code), .attr("dir", tag.language.direction), label))
            })))
    }

    private static func filters(_ f: LibrarySearch.Filters) -> HTMLNode {
        typealias N = LibrarySearch.Filters.Name
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.library.path),
            Form.input(name: N.text.rawValue, label: "Search", value: f.text, hint: "Words in the title or summary, in any language", type: "search"),
            Form.select(name: N.topic.rawValue, label: "Topic", options: [("", "Any topic")] + ResourceTopic.allCases.map { ($0.rawValue, $0.title) }, selected: f.topic?.rawValue ?? ""),
            Form.select(name: N.audience.rawValue, label: "For", options: [("", "Anyone")] + ResourceAudience.allCases.map { ($0.rawValue, $0.title) }, selected: f.audience?.rawValue ?? ""),
            Form.select(name: N.language.rawValue, label: "Language", options: [("", "Any language")] + PageLanguage.all.map { ($0.code, LibraryView.languageOption($0)) }, selected: f.language?.code ?? ""),
            Form.select(name: N.kind.rawValue, label: "Kind", options: [("", "Any kind")] + ResourceKind.allCases.map { ($0.rawValue, $0.title) }, selected: f.kind?.rawValue ?? ""),
            Form.button("Search", classes: "c-button c-button--secondary"))
    }

    struct Page: Sendable {
        var id: UUID
        /// The language the page is shown in, and the version shown in it.
        var language: PageLanguage
        var shown: ResourceView.Version
        var kind: String
        var topics: [String]
        var audiences: [String]
        var ownerName: String
        var languages: [LibraryView.LanguageTag]
        /// Earlier versions in the language shown, newest first.
        var older: [ResourceView.Version]
    }

    static func show(_ page: Page, context: PageContext) -> Layout {
        let translated = page.language.code != "en"
        func english(_ node: HTMLNode) -> HTMLNode { translated ? .el("div", .attr("lang", "en-GB"), .attr("dir", "ltr"), node) : node }
        return Layout(title: page.shown.title, context: context, main: [
            english(.el("p", .cls("c-body-s"), .link("Resource library", to: SiteURL.library.path), .txt(" · " + ResourceKind.title(of: page.kind) + " · " + page.ownerName))),
            .heading(1, page.shown.title, classes: "c-heading-xl"),
            page.shown.outOfDate ? english(.el("div", .cls("c-warning-text"), .el("strong", .txt("This translation may be out of date: the English version has changed since it was translated.")))) : .empty,
            page.shown.summary.isEmpty ? .empty : .paragraph(page.shown.summary, classes: "c-body-lead"),
            english(languageLinks(page.id, page.languages, current: page.language)),
            english(.el("p", .cls("c-body"), ResourceView.open(page.shown, resourceID: page.id, href: SiteURL.libraryFile))),
            english(SummaryList.render([
                .init("Topics", page.topics.isEmpty ? "None given" : page.topics.map(ResourceTopic.title(of:)).joined(separator: ", ")),
                .init("For", page.audiences.map(ResourceAudience.title(of:)).joined(separator: ", ")),
                .init("Version", "\(page.shown.number), added \(Formats.date(page.shown.addedAt))"),
            ])),
            page.older.isEmpty ? .empty : english(Table.render(caption: "Earlier versions", columns: [.init(title: "Version"), .init(title: "Added"), .init(title: "What changed"), .init(title: "File")],
                rows: page.older.map { version in
                    [.txt(String(version.number)), .txt(Formats.date(version.addedAt)), .txt(version.changes.isEmpty ? "First version" : version.changes),
                     ResourceView.open(version, resourceID: page.id, href: SiteURL.libraryFile, classes: "c-link")]
                }, stacked: true)),
            english(.group([
                .heading(2, "If you are worried about a child", classes: "c-heading-m"),
                .paragraph("If a child is in danger now, call 999. Otherwise you can talk to the council's children's services or the NSPCC helpline on 0808 800 5000."),
                PublicPages.links(),
            ])),
        ], exitThisPage: true, language: page.language, cacheable: true)
    }
}
