import ConduitCore
import Foundation
import Plot

/// The resources a group received, or an engagement handed over, with the form that records
/// one more: on the group's and the engagement's pages.
enum ReceivedPanel {
    struct Model: Sendable {
        var received: [LibraryRecords.Distribution]
        /// The resources the person may record; empty when they may not record.
        var choices: [LibraryRecords.Choice]
        /// Where the form posts.
        var action: String
        var heading: String
        /// An engagement's handover is dated by the engagement: no date asked.
        var asksDate: Bool
        var today: CalendarDate
    }

    static func render(_ model: Model, csrfToken: String) -> HTMLNode {
        .el("div", .cls("c-card"), .attr("id", "resources-received"),
            .heading(2, model.heading, classes: "c-heading-m"),
            model.received.isEmpty ? .paragraph("None recorded yet.", classes: "c-body-s") : .el("ul", .cls("c-list c-body-s"), .group(model.received.map { row in
                let language = PageLanguage(code: row.language) ?? .english
                return HTMLNode.el("li", .link(row.resourceTitle, to: SiteURL.resource(.value(row.resourceId)).path),
                                   .txt(" — \(language.english), \(CalendarDate(iso: row.receivedOn).map(Formats.date) ?? row.receivedOn)" + (row.copies > 1 ? ", \(row.copies) copies" : "")))
            })),
            model.choices.isEmpty ? .empty : .el("details", .cls("c-details"),
                .el("summary", .txt("Record a resource given")),
                Form.post(action: model.action, csrfToken: csrfToken,
                    Form.select(name: "resourceID", label: "Resource", options: [("", "Select a resource")] + model.choices.map { ($0.id.uuidString, $0.title) }, selected: nil),
                    Form.select(name: "language", label: "Language", options: PageLanguage.all.map { ($0.code, LibraryView.languageOption($0)) }, selected: "en"),
                    model.asksDate ? Form.date(name: "receivedOn", legend: "When?", field: DateField(model.today)) : .empty,
                    Form.input(name: "copies", label: "Copies", value: "1", width: "3", inputmode: "numeric"),
                    Form.button("Record it", classes: "c-button c-button--secondary"))))
    }
}
