import ConduitCore
import Foundation
import Plot

/// "My follow-ups" and the partnership overview.
enum FollowUpView {
    struct Model: Sendable {
        var rows: [FollowUpList.Row]
        var today: CalendarDate
        var months: Int
        var quiet: [DirectorySearch.Row]
        var quietTotal: Int
        var notice: String?
    }

    static func index(_ model: Model, context: PageContext) -> Layout {
        let today = model.today.description
        let overdue = model.rows.filter { $0.followUpOn < today }
        let dueSoon = model.rows.filter { $0.followUpOn >= today && $0.followUpOn <= model.today.adding(days: 14).description }
        let later = model.rows.filter { $0.followUpOn > model.today.adding(days: 14).description }
        return Layout(title: "Your follow-ups", context: context, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            .heading(1, "Your follow-ups", classes: "c-heading-l"),
            .el("ul", .cls("c-key-figures"),
                .el("li", .el("strong", .txt(String(overdue.count))), .txt("Overdue")),
                .el("li", .el("strong", .txt(String(dueSoon.count))), .txt("Due in the next 14 days")),
                .el("li", .el("strong", .txt(String(later.count))), .txt("Later"))),
            section("Overdue", overdue, context: context),
            section("Due in the next 14 days", dueSoon, context: context),
            section("Later", later, context: context),
            .heading(2, "Groups not contacted for \(model.months) months or more", classes: "c-heading-m"),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.followUps.path),
                Form.select(name: "months", label: "Not contacted for", options: [("3", "3 months"), ("6", "6 months"), ("12", "12 months")], selected: String(model.months)),
                Form.button("Show", classes: "c-button c-button--secondary")),
            model.quiet.isEmpty ? .paragraph("Every group of your partnership has been contacted in this time.") :
            .group([
                Table.render(caption: "Groups not contacted", columns: [.init(title: "Group"), .init(title: "Status"), .init(title: "Last contact")],
                    rows: model.quiet.map { row in
                        [.link(row.name, to: SiteURL.directoryGroup(.value(row.id)).path), DirectoryView.statusTag(row.status),
                         .txt(row.lastContactOn.flatMap(CalendarDate.init(iso:)).map(Formats.date) ?? "Never")]
                    }, captionVisible: false),
                model.quietTotal > model.quiet.count
                    ? .el("p", .cls("c-body"), .link("See all \(model.quietTotal) in the directory", to: SiteURL.directory.path(query: [("not-contacted", String(model.months))])))
                    : .empty,
            ]),
        ])
    }

    private static func section(_ title: String, _ rows: [FollowUpList.Row], context: PageContext) -> HTMLNode {
        guard !rows.isEmpty else { return .empty }
        return Table.render(caption: title, columns: [.init(title: "Follow up by"), .init(title: "Groups"), .init(title: "Last engagement"), .init(title: "")],
            rows: rows.map { row in
                [.txt(CalendarDate(iso: row.followUpOn).map(Formats.date) ?? row.followUpOn),
                 .group((row.groups ?? []).enumerated().map { index, group in
                     .group([index > 0 ? .txt(", ") : .empty, .link(group.name, to: SiteURL.directoryGroup(.value(group.id)).path)])
                 }),
                 .group([.link(CalendarDate(iso: row.occurredOn).map(Formats.date) ?? row.occurredOn, to: SiteURL.engagement(.value(row.id)).path),
                         .txt(": " + (EngagementOutcome.title(of: row.outcome)))]),
                 Form.post(action: SiteURL.engagementFollowUpDone(.value(row.id)).path, csrfToken: context.csrfToken,
                           Form.button("Mark done", classes: "c-button c-button--secondary"))]
            })
    }

    static func overview(partnership: DirectoryLookups.PartnershipOption, isRegion: Bool, partnerships: [DirectoryLookups.PartnershipOption],
                         figures: EngagementOverview.Figures, today: CalendarDate, context: PageContext) -> Layout {
        // The directory's partnership filter is for one partnership; a region's gaps link to all the person reads.
        let partnershipQuery = isRegion ? [] : [("partnership", partnership.id.uuidString.lowercased())]
        let met = Dictionary(figures.readiness.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        let months = (0..<12).map { CalendarDate(year: today.year, month: today.month, day: 1)!.adding(months: $0 - 11) }
        let perMonth = Dictionary(figures.perMonth.map { ($0.key, $0.n) }, uniquingKeysWith: +)
        func number(_ value: Double?) -> String {
            guard let value else { return "—" }
            return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        }
        return Layout(title: "Overview: \(partnership.name)", context: context, main: [
            .el("span", .cls("c-caption-l"), .txt(partnership.name + (isRegion ? ": all partnerships" : ""))),
            .heading(1, "Directory and engagement overview", classes: "c-heading-l"),
            // Only groups and engagements of partnerships the person may open are counted.
            PublicationNote.render(.exact),
            partnerships.count > 1 ? .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.engagementOverview.path),
                Form.select(name: "partnership", label: "Partnership", options: partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                            selected: partnership.id.uuidString.lowercased()),
                Form.button("Show", classes: "c-button c-button--secondary")) : .empty,
            .el("ul", .cls("c-key-figures"),
                .el("li", .el("strong", .txt(String(figures.groups))), .txt("Groups served")),
                .el("li", .el("strong", .txt(String(figures.firstMeetings.groups ?? 0))), .txt("Groups met at least once")),
                .el("li", .el("strong", .txt(number(figures.firstMeetings.medianAttempts))), .txt("Median attempts to first meeting")),
                .el("li", .el("strong", .txt(number(figures.firstMeetings.medianDays))), .txt("Median days to first meeting"))),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-one-third"), countTable("Groups by status", figures.byStatus) { GroupStatus.title(of: $0) }),
                .el("div", .cls("c-grid-column-two-thirds"), countTable("Groups by type", figures.byType) { GroupType.title(of: $0) })),
            Table.render(caption: "Engagements per month", columns: [.init(title: "Month"), .init(title: "Engagements", numeric: true)],
                rows: months.map { month in
                    let key = String(month.description.prefix(7))
                    return [.txt(Formats.month(month)), .txt(String(perMonth[key] ?? 0))]
                }),
            Table.render(caption: "Safeguarding readiness of the \(figures.groups) groups served",
                columns: [.init(title: "Item"), .init(title: "In place", numeric: true), .init(title: "Lapsed", numeric: true), .init(title: "Missing or not known", numeric: true)],
                rows: ReadinessItem.allCases.map { item in
                    let counts = met[item.rawValue]
                    let inPlace = counts?.met ?? 0, lapsed = counts?.lapsed ?? 0
                    return [.link(item.title, to: SiteURL.directory.path(query: partnershipQuery + [("gap", item.rawValue)])),
                            .txt(String(inPlace)), .txt(String(lapsed)), .txt(String(max(0, figures.groups - inPlace - lapsed)))]
                }),
        ])
    }

    private static func countTable(_ caption: String, _ counts: [EngagementOverview.Count], title: (String) -> String) -> HTMLNode {
        let total = counts.reduce(0) { $0 + $1.n }
        return Table.render(caption: caption, columns: [.init(title: "Group"), .init(title: "Number", numeric: true)],
                            rows: counts.map { [.txt(title($0.key)), .txt(String($0.n))] } + [[.el("strong", .txt("Total")), .el("strong", .txt(String(total)))]])
    }
}

extension Formats {
    private static let monthFormat = Date.FormatStyle(locale: Locale(identifier: "en_GB"), timeZone: ukTimeZone).month(.wide).year()

    /// "November 2026".
    static func month(_ date: CalendarDate) -> String {
        date.start(in: ukTimeZone).formatted(monthFormat)
    }
}

extension FollowUpView {
    enum Notice: String, PageNotice {
        case closed

        var message: String { "The follow-up has been marked as done." }
    }
}
