import ConduitCore
import Plot

/// A summary list (GOV.UK pattern): key, value and an optional action per row.
enum SummaryList {
    struct Row {
        var key: String
        var value: HTMLNode
        var action: HTMLNode = .empty

        init(_ key: String, _ value: String, action: HTMLNode = .empty) {
            self.key = key
            self.value = .txt(value)
            self.action = action
        }

        init(_ key: String, node: HTMLNode, action: HTMLNode = .empty) {
            self.key = key
            self.value = node
            self.action = action
        }
    }

    static func render(_ rows: [Row]) -> HTMLNode {
        .el("dl", .cls("c-summary-list"), .group(rows.map { row in
            HTMLNode.el("div", .cls("c-summary-list__row"),
                .el("dt", .cls("c-summary-list__key"), .txt(row.key)),
                .el("dd", .cls("c-summary-list__value"), row.value),
                .el("dd", .cls("c-summary-list__actions"), row.action))
        }))
    }
}

/// A data table with a caption and column headers.
enum Table {
    struct Column {
        var title: String
        var numeric = false
    }

    /// `stacked`: on a phone each row becomes a block, each cell headed by its column, so a
    /// list of many columns does not scroll sideways at 390 px.
    static func render(caption: String, columns: [Column], rows: [[HTMLNode]], captionVisible: Bool = true, stacked: Bool = false) -> HTMLNode {
        .el("table", .cls(stacked ? "c-table c-table--stacked" : "c-table"),
            .el("caption", .cls(captionVisible ? "c-table__caption c-heading-m" : "c-visually-hidden"), .txt(caption)),
            .el("thead", .cls("c-table__head"), .el("tr", .cls("c-table__row"), .group(columns.map { column in
                HTMLNode.el("th", .attr("scope", "col"), .cls("c-table__header" + (column.numeric ? " c-table__header--numeric" : "")), .txt(column.title))
            }))),
            .el("tbody", .cls("c-table__body"), .group(rows.map { cells in
                HTMLNode.el("tr", .cls("c-table__row"), .group(zip(columns, cells).map { column, cell in
                    HTMLNode.el("td", .cls("c-table__cell" + (column.numeric ? " c-table__cell--numeric" : "")),
                                .attr("data-label", stacked && !column.title.isEmpty ? column.title : nil), cell)
                }))
            })))
    }
}

/// One page of a long list, and the links to the others.
struct Pagination: Sendable, Equatable {
    var page: Int
    var perPage: Int
    var total: Int

    init(page: Int?, perPage: Int = 50, total: Int) {
        self.perPage = perPage
        self.total = total
        let last = max(1, (total + perPage - 1) / perPage)
        self.page = min(max(page ?? 1, 1), last)
    }

    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    var offset: Int { (page - 1) * perPage }

    /// Previous, numbered (with gaps) and next links; nothing for a single page.
    func render(link: (Int) -> String) -> HTMLNode {
        guard pageCount > 1 else { return .empty }
        let shown = Set([1, pageCount, page - 1, page, page + 1].filter { (1...pageCount).contains($0) }).sorted()
        var items: [HTMLNode] = []
        var previous = 0
        for number in shown {
            if number > previous + 1 { items.append(.el("li", .cls("c-pagination__item"), .txt("…"))) }
            items.append(number == page
                ? .el("li", .cls("c-pagination__item c-pagination__item--current"),
                      .el("a", .cls("c-pagination__link"), .attr("href", link(number)), .attr("aria-current", "page"),
                          .attr("aria-label", "Page \(number)"), .txt(String(number))))
                : .el("li", .cls("c-pagination__item"),
                      .el("a", .cls("c-pagination__link"), .attr("href", link(number)), .attr("aria-label", "Page \(number)"), .txt(String(number)))))
            previous = number
        }
        return .el("nav", .cls("c-pagination"), .attr("aria-label", "Pages"),
            page > 1 ? .el("div", .cls("c-pagination__prev"), .link("Previous page", to: link(page - 1))) : .empty,
            .el("ul", .cls("c-pagination__list"), .group(items)),
            page < pageCount ? .el("div", .cls("c-pagination__next"), .link("Next page", to: link(page + 1))) : .empty)
    }
}

/// A blue or green banner at the top of a page.
enum NotificationBanner {
    static func render(_ heading: String, success: Bool = true) -> HTMLNode {
        .el("div", .cls("c-notification-banner" + (success ? " c-notification-banner--success" : "")),
            .attr("role", success ? "alert" : "region"), .attr("aria-labelledby", "notification-title"),
            .el("div", .cls("c-notification-banner__header"),
                .el("h2", .cls("c-notification-banner__title"), .attr("id", "notification-title"), .txt(success ? "Success" : "Important"))),
            .el("div", .cls("c-notification-banner__content"),
                .el("p", .cls("c-notification-banner__heading"), .txt(heading))))
    }
}

/// What a page shows when a save was refused because someone else saved first:
/// each field that differs, this person's value beside the saved one. Their own
/// input stays in the form below.
enum ConflictPanel {
    typealias Change = (field: String, mine: String, stored: String)

    static func render(_ record: String, changes: [Change]) -> HTMLNode {
        .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
            .el("h2", .cls("c-error-summary__title"), .txt("Someone else changed this \(record) while you were editing it")),
            .paragraph("Your changes have not been saved. They are still in the form below. Compare them with the saved version, then save again."),
            changes.isEmpty ? .paragraph("The other person's changes are the same as yours.") :
            Table.render(caption: "Differences", columns: [.init(title: "Field"), .init(title: "Your version"), .init(title: "Saved version")],
                         rows: changes.map { [.txt($0.field), .txt($0.mine.isEmpty ? "—" : $0.mine), .txt($0.stored.isEmpty ? "—" : $0.stored)] }))
    }
}

/// Which of the three ways a page's figures are published (issue 14), in a reader's words:
/// every page of figures says it, so nobody takes adjusted figures for exact ones.
enum PublicationNote {
    static func render(_ publication: Publication) -> HTMLNode {
        .el("div", .cls("c-inset"), .attr("data-publication", publication.rawValue), .paragraph(publication.explanation, classes: "c-body-s"))
    }

    /// The same, as the last line of a CSV file.
    static func csvLine(_ publication: Publication) -> String {
        CSV.line(["Note: " + publication.explanation])
    }
}

/// The public pages link each other: how to raise a concern, the published figures, the library.
enum PublicPages {
    static func links() -> HTMLNode {
        .el("nav", .cls("c-body"), .attr("aria-label", "Public pages"),
            .el("ul", .cls("c-list c-list--inline"),
                .el("li", .link("Worried about a child?", to: SiteURL.worriedIndex.path)),
                .el("li", .link("Published figures", to: SiteURL.publishedFigures.path)),
                .el("li", .link("Resource library", to: SiteURL.library.path))))
    }
}
