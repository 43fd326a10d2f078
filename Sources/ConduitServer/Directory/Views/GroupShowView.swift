import ConduitCore
import Foundation
import Plot

/// A group's page.
enum GroupShowView {
    struct Model: Sendable {
        var id: UUID
        var name: String
        var type: String
        var faith: String?
        var denomination: String
        var address: String
        var postcode: String?
        var phone: String?
        var email: String
        var meetingTimes: String
        var status: String
        var statusConfirmedOn: String?
        var howFound: String
        var notes: String
        var ownerName: String
        var mergedInto: UUID?
        var served: [String]
        var languages: [String]
        var communities: [String]
        var readiness: ReadinessSummary
        /// nil when the person may not read contacts.
        var contacts: [GroupStore.ContactRow]?
        var timeline: [GroupTimeline.Item]
        var figures: GroupTimeline.Figures
        var canEdit: Bool
        var canLogEngagement: Bool
        var canMerge: Bool
        var canReadEngagement: Bool
        var notice: String?
        /// The group's answers to the partnership's safeguarding questionnaire; nil when not shown.
        var survey: ResponsesPanel.Model? = nil
        /// An open concern about someone in a position of trust at this group, for those who may open it.
        var openConcern: UUID? = nil
        /// The resources the group received; nil for those who may not read resources.
        var resources: ReceivedPanel.Model? = nil
    }

    static func render(_ model: Model, context: PageContext) -> Layout {
        Layout(title: model.name, context: context, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            model.mergedInto.map { target in
                .el("div", .cls("c-inset"), .el("p", .cls("c-body"), .txt("This record was merged into another. Its history now lives there: "),
                                                 .link("open the record it was merged into", to: SiteURL.directoryGroup(.value(target)).path), .txt(".")))
            } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt(GroupType.title(of: model.type))),
            .heading(1, model.name, classes: "c-heading-l"),
            model.openConcern.map { concern in
                .el("div", .cls("c-warning-text"), .attr("data-open-concern", "true"),
                    .txt("A concern about someone in a position of trust at this group is open. "), .link("Open the concern", to: SiteURL.concern(.value(concern)).path))
            } ?? .empty,
            actions(model),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-two-thirds"),
                    details(model),
                    model.canReadEngagement ? engagement(model) : .empty),
                .el("div", .cls("c-grid-column-one-third"),
                    readiness(model),
                    model.resources.map { ReceivedPanel.render($0, csrfToken: context.csrfToken) } ?? .empty,
                    model.survey.map { ResponsesPanel.render($0, csrfToken: context.csrfToken) } ?? .empty,
                    contacts(model))),
        ])
    }

    private static func actions(_ model: Model) -> HTMLNode {
        .el("div", .cls("c-button-group"),
            model.canLogEngagement ? .link("Log an engagement", to: SiteURL.engagementNew.path(query: [("group", model.id.uuidString.lowercased())]), classes: "c-button") : .empty,
            model.canEdit ? .link("Edit details", to: SiteURL.directoryGroupEdit(.value(model.id)).path, classes: "c-button c-button--secondary") : .empty,
            model.canEdit ? .link("Record readiness", to: SiteURL.directoryGroupReadiness(.value(model.id)).path, classes: "c-button c-button--secondary") : .empty,
            model.canMerge ? .link("Merge a duplicate into this group", to: SiteURL.directoryGroupMerge(.value(model.id)).path, classes: "c-link") : .empty)
    }

    private static func details(_ model: Model) -> HTMLNode {
        func orDash(_ text: String?) -> String { (text ?? "").isEmpty ? "—" : text! }
        let confirmed = model.statusConfirmedOn.flatMap(CalendarDate.init(iso:)).map { " (confirmed \(Formats.date($0)))" } ?? ""
        return .group([
            .heading(2, "Details", classes: "c-heading-m"),
            SummaryList.render([
                .init("Status", node: .group([DirectoryView.statusTag(model.status), .txt(confirmed)])),
                .init("Faith", [model.faith.flatMap(Faith.init(rawValue:))?.title, model.denomination.isEmpty ? nil : model.denomination].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "—"),
                .init("Communities of origin", model.communities.joined(separator: ", ").nonEmpty ?? "—"),
                .init("Languages", model.languages.joined(separator: ", ").nonEmpty ?? "—"),
                .init("Address", node: .el("span", .raw(escapeHTML([model.address, model.postcode ?? ""].filter { !$0.isEmpty }.joined(separator: "\n").nonEmpty ?? "—").replacingOccurrences(of: "\n", with: "<br>")))),
                .init("Phone", orDash(model.phone)),
                .init("Email", orDash(model.email)),
                .init("Meets", orDash(model.meetingTimes)),
                .init("Partnerships served", model.served.joined(separator: ", ")),
                .init("Record kept by", model.ownerName),
                .init("How it was found", orDash(model.howFound)),
                .init("Notes", orDash(model.notes)),
            ]),
        ])
    }

    private static func readiness(_ model: Model) -> HTMLNode {
        let summary = model.readiness
        func list(_ title: String, _ items: [ReadinessItem]) -> HTMLNode {
            items.isEmpty ? .empty : .group([
                .heading(3, title, classes: "c-heading-s"),
                .el("ul", .cls("c-list c-list--bullet c-body-s"), .group(items.map { HTMLNode.el("li", .txt($0.title)) })),
            ])
        }
        return .el("div", .cls("c-card"),
            .heading(2, "Safeguarding readiness", classes: "c-heading-m"),
            .el("p", .cls("c-body"), .el("strong", .txt(summary.text)), .txt(" items in place")),
            list("Lapsed", summary.expired),
            list("Due for review soon", summary.dueSoon),
            list("Missing or not known", summary.missing),
            model.canEdit ? .link("Record readiness", to: SiteURL.directoryGroupReadiness(.value(model.id)).path) : .empty)
    }

    private static func contacts(_ model: Model) -> HTMLNode {
        guard let contacts = model.contacts else { return .empty }
        return .el("div", .cls("c-card"),
            .heading(2, "Contacts", classes: "c-heading-m"),
            contacts.isEmpty ? .paragraph("No contacts recorded.", classes: "c-body-s") :
            .el("ul", .cls("c-list"), .group(contacts.map { contact in
                let role = ContactRole.title(of: contact.role)
                return HTMLNode.el("li", .link(contact.name, to: SiteURL.directoryContact(.value(contact.id)).path),
                                   .el("br"), .el("span", .cls("c-body-s"), .txt(contact.roleDetail.isEmpty ? role : "\(role): \(contact.roleDetail)")))
            })),
            model.canEdit ? .link("Add a contact", to: SiteURL.directoryGroupContactNew(.value(model.id)).path) : .empty)
    }

    private static func engagement(_ model: Model) -> HTMLNode {
        let figures = model.figures
        return .group([
            .heading(2, "Engagement", classes: "c-heading-m"),
            .el("ul", .cls("c-key-figures"),
                figure("Engagements", String(figures.engagements)),
                figure("Last contact", figures.lastContactOn.flatMap(CalendarDate.init(iso:)).map(Formats.date) ?? "None"),
                figure("Attempts to first meeting", figures.attemptsToFirstMeeting.map(String.init) ?? "Not met yet"),
                figure("Days to first meeting", figures.daysToFirstMeeting.map(String.init) ?? "—")),
            model.timeline.isEmpty ? .paragraph("No engagement logged yet.") :
            .el("ol", .cls("c-timeline"), .group(model.timeline.map(timelineItem))),
        ])
    }

    private static func figure(_ label: String, _ value: String) -> HTMLNode {
        .el("li", .el("strong", .txt(value)), .txt(label))
    }

    private static func timelineItem(_ item: GroupTimeline.Item) -> HTMLNode {
        let when = (CalendarDate(iso: item.occurredOn).map(Formats.date) ?? item.occurredOn) + (item.occurredAtTime.map { " at \($0)" } ?? "")
        let channel = EngagementChannel.title(of: item.channel)
        let outcome = EngagementOutcome.title(of: item.outcome)
        let topics = (item.topics ?? []).compactMap { EngagementTopic(rawValue: $0)?.title }
        return .el("li",
            .heading(3, "\(channel): \(outcome)", classes: "c-heading-s"),
            .el("p", .cls("c-body-s"), .link(when, to: SiteURL.engagement(.value(item.id)).path), .txt(" · \(item.adviserName), \(item.partnershipName)")),
            item.peopleMet.isEmpty ? .empty : .paragraph("Met: " + item.peopleMet, classes: "c-body-s"),
            topics.isEmpty ? .empty : .paragraph("Topics: " + topics.joined(separator: ", "), classes: "c-body-s"),
            item.notes.isEmpty ? .empty : .paragraph(item.notes, classes: "c-body-s"),
            item.followUpOn.flatMap(CalendarDate.init(iso:)).map { date in
                .paragraph((item.followUpDone ? "Followed up (was due " : "Follow up by ") + Formats.date(date) + (item.followUpDone ? ")" : ""), classes: "c-body-s")
            } ?? .empty)
    }
}

extension String {
    /// nil for an empty string, for "—" fallbacks.
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension Formats {
    /// "23 November 2026" for a calendar date.
    static func date(_ date: CalendarDate) -> String {
        Formats.date(date.start(in: ukTimeZone))
    }
}

extension GroupShowView {
    enum Notice: String, PageNotice {
        case created, saved, readiness, contact, engagement, merged, resource

        var message: String {
            switch self {
            case .created: "The group has been added."
            case .saved: "Your changes have been saved."
            case .readiness: "Safeguarding readiness has been saved."
            case .contact: "The contact has been saved."
            case .engagement: "The engagement has been logged."
            case .merged: "The groups have been merged. The other record now points here."
            case .resource: "Recorded: the resource is listed as received."
            }
        }
    }
}
