import ConduitCore
import Foundation
import Plot

/// Statistical releases: the public pages of one release and the list of them, and the
/// coordinator's page to publish one, with its check step.
enum ReleaseView {
    /// What a page says of a release.
    struct Summary: Sendable {
        var id: UUID
        var title: String
        var quarters: [ReportingPeriod]
        var publishedOn: CalendarDate
        var note: String
        var nextReleaseOn: CalendarDate?
        /// The release this one corrects, and why.
        var revises: (id: UUID, title: String, publishedOn: CalendarDate)?
        var revisionReason: String
        /// The release that corrects this one.
        var revisedBy: (id: UUID, title: String, publishedOn: CalendarDate)?
    }

    struct Partnership: Sendable {
        var id: UUID
        var code: String
        var name: String
    }

    struct Model: Sendable {
        var release: Summary
        var latestID: UUID
        var partnerships: [Partnership]
        var figures: [ReleaseCell: ReleaseStore.PublishedFigure]
        var source: ReturnSource
        var category: AbuseCategory
        var problems: [FieldProblem]
    }

    /// The figure as printed: its value, "c" hidden, "x" not available, "[r]" after a revised one.
    static func text(_ figure: ReleaseStore.PublishedFigure?) -> String {
        guard let figure else { return "x" }
        return (figure.value.map(String.init) ?? "c") + (figure.revised ? " [r]" : "")
    }

    static let symbols: [(symbol: String, meaning: String)] = [
        ("c", "hidden to protect confidentiality: a count from 1 to \(DisclosureControl.threshold), or a figure that would let one be worked out"),
        ("x", "not available: no approved return"),
        ("0", "a true zero"),
        ("[r]", "revised since an earlier release of this financial year"),
    ]

    static func page(_ model: Model, context: PageContext) -> Layout {
        let release = model.release
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return Layout(title: "Figures on harmful practices, \(release.title)", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt("Published figures")),
            .heading(1, "Figures on harmful practices: \(release.title)", classes: "c-heading-l"),
            SummaryList.render([
                .init("Published", Formats.date(release.publishedOn)),
                .init("Next release", release.nextReleaseOn.map(Formats.date) ?? "Not yet planned"),
                .init("Releases", node: .group([
                    release.id == model.latestID ? .txt("This is the latest release. ") : .group([
                        .txt("A newer release is available: "), .link("the latest release", to: SiteURL.publishedFigures.path), .txt(". "),
                    ]),
                    .link("Every release", to: SiteURL.releases.path),
                ])),
            ]),
            release.revises.map { earlier in
                .el("div", .cls("c-inset"), .paragraph("This release revises the release of \(earlier.title) published on \(Formats.date(earlier.publishedOn)). \(release.revisionReason)"),
                    .el("p", .cls("c-body"), .link("Read the earlier release", to: SiteURL.release(.value(earlier.id)).path)))
            } ?? .empty,
            release.revisedBy.map { later in
                .el("div", .cls("c-warning-text"), .el("strong", .cls("c-warning-text__text"),
                    .txt("These figures have been revised by the release of \(later.title) published on \(Formats.date(later.publishedOn)). "),
                    .link("Read the revised figures", to: SiteURL.release(.value(later.id)).path)))
            } ?? .empty,
            release.note.isEmpty ? .empty : .paragraph(release.note),
            .heading(2, "About these figures", classes: "c-heading-m"),
            .paragraph("Children recorded by London's safeguarding children partnerships, by category of abuse, from returns approved when this release was published. Each source counts its own records: the police and children's social care often record the same child, and one child may be counted under more than one category, so sources and categories are not added together."),
            .paragraph("These figures are frozen: returns approved later appear in the next release. To protect the children counted, every figure from 1 to \(DisclosureControl.threshold) is hidden, and further figures are hidden so that no hidden figure can be worked out from all the figures published for this financial year, however they are combined."),
            .el("ul", .cls("c-list c-list--bullet"), .group(symbols.map { HTMLNode.el("li", .el("strong", .txt($0.symbol)), .txt(": \($0.meaning)")) })),
            .el("p", .cls("c-body"), .link("Download these figures (CSV)", to: SiteURL.releaseCSV(.value(release.id)).path), .txt(" · "),
                .link("as JSON, with this page's details", to: SiteURL.releaseJSON(.value(release.id)).path)),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", release.id == model.latestID ? SiteURL.publishedFigures.path : SiteURL.release(.value(release.id)).path),
                Form.select(name: "source", label: "Source", options: ReturnSource.allCases.map { ($0.rawValue, $0.title) }, selected: model.source.rawValue, error: error("source")),
                Form.select(name: "category", label: "Category by partnership", options: AbuseCategory.allCases.map { ($0.rawValue, $0.label) },
                            selected: model.category.rawValue, error: error("category")),
                Form.button("Show figures", classes: "c-button c-button--secondary")),
            model.problems.isEmpty ? .group([londonTable(model), partnershipTable(model)]) : .empty,
            PublicPages.links(),
        ], exitThisPage: true, cacheable: true)
    }

    /// Quarters across, and the period after them when it has several.
    private static func periodColumns(_ release: Summary) -> [(title: String, quarter: ReportingPeriod?)] {
        release.quarters.map { ($0.label, Optional($0)) } + (release.quarters.count > 1 ? [("All quarters", nil)] : [])
    }

    private static func londonTable(_ model: Model) -> HTMLNode {
        let columns = periodColumns(model.release)
        let rows: [[HTMLNode]] = AbuseCategory.allCases.map { category in
            [.txt(category.label)] + columns.map { column in
                .txt(text(model.figures[ReleaseCell(source: model.source, category: category, partnershipID: nil, quarter: column.quarter)]))
            }
        }
        return .el("div", .cls("c-table-scroll"), Table.render(
            caption: "London, by category: \(model.source.title)",
            columns: [.init(title: "Category")] + columns.map { .init(title: $0.title, numeric: true) }, rows: rows))
    }

    private static func partnershipTable(_ model: Model) -> HTMLNode {
        let columns = periodColumns(model.release)
        func row(_ name: HTMLNode, _ id: UUID?) -> [HTMLNode] {
            [name] + columns.map { column in
                .txt(text(model.figures[ReleaseCell(source: model.source, category: model.category, partnershipID: id, quarter: column.quarter)]))
            }
        }
        let rows = model.partnerships.map { row(.txt($0.name), $0.id) } + [row(.el("strong", .txt("London")), nil)]
        return .el("div", .cls("c-table-scroll"), Table.render(
            caption: "\(model.category.label) by partnership: \(model.source.title)",
            columns: [.init(title: "Partnership")] + columns.map { .init(title: $0.title, numeric: true) }, rows: rows))
    }

    /// Every release, newest first.
    static func list(_ releases: [Summary], context: PageContext) -> Layout {
        Layout(title: "Releases of figures on harmful practices", context: context, main: [
            .heading(1, "Releases of figures on harmful practices", classes: "c-heading-l"),
            .paragraph("Each release is a frozen set of figures from approved returns. A correction is published as a new release that says what was revised and why; the earlier release stays here."),
            releases.isEmpty ? .paragraph("No figures have been published yet.") : Table.render(
                caption: "Releases", columns: [.init(title: "Release"), .init(title: "Published"), .init(title: "Revision")],
                rows: releases.reversed().map { release in
                    [.link(release.title, to: SiteURL.release(.value(release.id)).path), .txt(Formats.date(release.publishedOn)),
                     .txt(release.revisedBy.map { "Revised by the release of \(Formats.date($0.publishedOn))" }
                          ?? release.revises.map { "Revises the release of \(Formats.date($0.publishedOn))" } ?? "")]
                }),
            PublicPages.links(),
        ], exitThisPage: true, cacheable: true)
    }

    /// The page shown when nothing has been published yet.
    static func nothingYet(context: PageContext) -> Layout {
        Layout(title: "Figures on harmful practices", context: context, main: [
            .heading(1, "Figures on harmful practices", classes: "c-heading-l"),
            .paragraph("No figures have been published yet. Each quarter, once partnerships' returns are approved, the London board publishes a release here."),
            PublicPages.links(),
        ], exitThisPage: true, cacheable: true)
    }

    // MARK: Publishing

    /// The publish form's fields, carried through the check step: the form, the check page
    /// and the controller that reads them use this one list.
    static let publishFields = ["period", "revises", "reason", "note", "next-day", "next-month", "next-year"]

    struct PublishModel: Sendable {
        var releases: [Summary]
        /// The periods a release can be made for: each ended quarter, and the year to date.
        var periods: [(key: String, label: String)]
        var input: [String: String]
        var problems: [FieldProblem]
    }

    static func publish(_ model: PublishModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let input = model.input
        return Layout(title: "Publish figures", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Publish figures", classes: "c-heading-l"),
            .paragraph("A release freezes the approved figures of a period for the public. Returns approved afterwards appear in the next release; to correct a published figure, publish a revision of its release."),
            Form.post(action: SiteURL.releasesCheck.path, csrfToken: context.csrfToken,
                Form.select(name: "period", label: "Period", options: model.periods.map { ($0.key, $0.label) }, selected: input["period"], error: error("period")),
                Form.select(name: "revises", label: "Revises", options: [("", "Nothing: a new release")] + model.releases.reversed().filter { $0.revisedBy == nil }.map {
                    ($0.id.uuidString, "\($0.title), published \(Formats.date($0.publishedOn))")
                }, selected: input["revises"], error: error("revises")),
                Form.textarea(name: "reason", label: "What is revised, and why", value: input["reason"] ?? "",
                              hint: "Only for a revision. Name what changed, never a figure: a count you quote may be one the tables hide. For example: Hackney's local authority corrected its count of female genital mutilation for Q1.", error: error("reason")),
                Form.textarea(name: "note", label: "Note for readers", value: input["note"] ?? "", hint: "Optional: anything a reader should know about this period's figures. Do not quote counts.", error: error("note")),
                Form.date(name: "next", legend: "Next release planned for", day: input["next-day"] ?? "", month: input["next-month"] ?? "", year: input["next-year"] ?? "",
                          hint: "Optional. For example, 19 2 2027", error: error("next")),
                Form.button("Continue")),
            .heading(2, "Published releases", classes: "c-heading-m"),
            .el("p", .cls("c-body"), .link("Every release, as the public sees it", to: SiteURL.releases.path)),
        ])
    }

    struct CheckModel: Sendable {
        var title: String
        var revises: Summary?
        var input: [String: String]
        var nextReleaseOn: CalendarDate?
        /// Approved returns included, of the partnership-quarter-sources in the period.
        var returnsIncluded: Int
        var returnsExpected: Int
        var figures: Int
        var hidden: Int
    }

    static func check(_ model: CheckModel, context: PageContext) -> Layout {
        let hiddenInputs = publishFields.map { name in
            HTMLNode.void("input", .attr("type", "hidden"), .attr("name", name), .attr("value", model.input[name] ?? ""))
        }
        return Layout(title: "Check the release before publishing", context: context, main: [
            .heading(1, "Check the release before publishing", classes: "c-heading-l"),
            SummaryList.render([
                .init("Period", model.title),
                .init("Revises", model.revises.map { "\($0.title), published \(Formats.date($0.publishedOn))" } ?? "Nothing: a new release"),
                .init("What is revised, and why", model.input["reason"].flatMap { $0.isEmpty ? nil : $0 } ?? "—"),
                .init("Note for readers", model.input["note"].flatMap { $0.isEmpty ? nil : $0 } ?? "—"),
                .init("Next release planned for", model.nextReleaseOn.map(Formats.date) ?? "Not yet planned"),
                .init("Approved returns included", "\(model.returnsIncluded) of \(model.returnsExpected)"),
                .init("Figures", "\(model.figures), of which about \(model.hidden) hidden to protect confidentiality"),
            ]),
            .paragraph("Once published, a release cannot be changed or withdrawn: a correction is a new release. The figures are protected together with every release already published for this financial year."),
            Form.post(action: SiteURL.releasesPublish.path, csrfToken: context.csrfToken, .group(hiddenInputs),
                Form.button("Publish the release")),
            // Back to the form with what was entered, posted: free text stays out of URLs.
            Form.post(action: SiteURL.releasesCheck.path, csrfToken: context.csrfToken, .group(hiddenInputs),
                Form.button("Change the details", classes: "c-button c-button--secondary", name: "action", value: "change")),
        ])
    }
}
