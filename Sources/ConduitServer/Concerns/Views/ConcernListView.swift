import ConduitCore
import Foundation
import Plot

/// The list of concerns, and the panel the adviser's home page shows.
enum ConcernListView {
    struct Item: Sendable {
        var id: UUID
        var state: ConcernState
        var urgent: Bool
        var receivedAt: Date
        var partnershipName: String
        var adviserName: String
        var categories: [ConcernCategory]
        var flags: [ConcernTimeliness.Flag]

        init(_ row: ConcernList.Row, now: Date) {
            id = row.id
            state = ConcernState(rawValue: row.state) ?? .open
            urgent = row.urgent
            receivedAt = row.receivedAt
            partnershipName = row.partnershipName
            adviserName = row.adviserName
            categories = row.categories ?? []
            flags = row.timeliness(now: now).flags
        }
    }

    struct Model: Sendable {
        var needingAction: [Item]
        var rows: [Item]
        var pagination: Pagination
        var show: ConcernList.Show
        var overview: [ConcernList.PartnershipLine]
        var canRecord: Bool
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Concerns", context: context, main: [
            .heading(1, "Concerns", classes: "c-heading-l"),
            model.canRecord ? .el("p", .cls("c-body"), .link("Record a concern", to: SiteURL.concernNew.path, classes: "c-button")) : .empty,
            .el("p", .cls("c-body"), .link("Figures on concerns", to: SiteURL.concernFigures.path),
                model.canRecord ? .group([.txt(" · "), .link("Services and the public page", to: SiteURL.concernServices.path)]) : .empty),
            needingAction(model.needingAction),
            overview(model.overview),
            .heading(2, "All concerns", classes: "c-heading-m"),
            filter(model.show),
            model.rows.isEmpty ? .paragraph("No concerns to show.") : table(model.rows, caption: "Concerns, newest first"),
            model.pagination.render { SiteURL.concerns.path(query: [("show", model.show.rawValue), ("page", String($0))]) },
        ])
    }

    /// What is late: first on the list, and on the adviser's home page.
    static func needingAction(_ items: [Item]) -> HTMLNode {
        guard !items.isEmpty else { return .empty }
        return .el("div", .cls("c-inset c-inset--warning"), .attr("data-needing-action", String(items.count)),
            .heading(2, items.count == 1 ? "1 concern needs action now" : "\(items.count) concerns need action now", classes: "c-heading-m"),
            .el("ul", .cls("c-list"), .group(items.map { item in
                HTMLNode.el("li", .link(label(item), to: SiteURL.concern(.value(item.id)).path), .txt(" "),
                            .group(item.flags.filter { $0 != .referredLate }.map(ConcernView.flagTag)))
            })))
    }

    private static func label(_ item: Item) -> String {
        (item.urgent ? "Urgent: " : "") + (item.categories.map(\.title).joined(separator: ", ").nonEmpty ?? "Details to complete")
            + ", received " + Formats.dateTime(item.receivedAt)
    }

    private static func overview(_ lines: [ConcernList.PartnershipLine]) -> HTMLNode {
        guard !lines.isEmpty else { return .empty }
        return Table.render(caption: "By partnership", columns: [.init(title: "Partnership"), .init(title: "Not closed", numeric: true), .init(title: "Urgent", numeric: true),
                                                                 .init(title: "Needing action now", numeric: true)],
                            rows: lines.map { [.txt($0.name), .txt(String($0.current)), .txt(String($0.urgent)), .txt(String($0.needingAction))] })
    }

    private static func filter(_ show: ConcernList.Show) -> HTMLNode {
        let titles: [ConcernList.Show: String] = [.current: "Not closed", .closed: "Closed", .all: "All"]
        return .el("p", .cls("c-body"), .txt("Show: "), .group(ConcernList.Show.allCases.map { option in
            option == show ? HTMLNode.el("strong", .txt(titles[option]! + " ")) : .group([.link(titles[option]!, to: SiteURL.concerns.path(query: [("show", option.rawValue)])), .txt(" ")])
        }))
    }

    private static func table(_ items: [Item], caption: String) -> HTMLNode {
        Table.render(caption: caption, columns: [.init(title: "Received"), .init(title: "About"), .init(title: "Status"), .init(title: "Recorded by")],
                     rows: items.map { item in [
                        .link(Formats.dateTime(item.receivedAt), to: SiteURL.concern(.value(item.id)).path),
                        .txt((item.urgent ? "Urgent: " : "") + (item.categories.map(\.title).joined(separator: ", ").nonEmpty ?? "—")),
                        .group([ConcernView.stateTag(item.state)] + item.flags.flatMap { [HTMLNode.txt(" "), ConcernView.flagTag($0)] }),
                        .txt("\(item.adviserName), \(item.partnershipName)"),
                     ] }, captionVisible: false, stacked: true)
    }
}
