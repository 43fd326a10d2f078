import ConduitCore
import Foundation
import Plot

/// The engagement form and page.
enum EngagementView {
    struct Choices: Sendable {
        var partnerships: [DirectoryLookups.PartnershipOption]
        var groups: [EngagementStore.GroupOption]
    }

    struct FormModel: Sendable {
        var input: EngagementInput
        var choices: Choices
        var engagementID: UUID?
        var version = 1
        var problems: [FieldProblem] = []
        var conflict: [(field: String, mine: String, stored: String)]?
    }

    static func differences(_ mine: EngagementInput, _ stored: EngagementInput, choices: Choices) -> [(field: String, mine: String, stored: String)] {
        let names = Dictionary(choices.groups.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func groups(_ ids: [UUID]) -> String { Set(ids).map { names[$0] ?? "another group" }.sorted().joined(separator: ", ") }
        func date(_ field: DateField) -> String { field.parse(label: "").date.map(Formats.date) ?? "" }
        func topics(_ raw: [String]) -> String { raw.compactMap { EngagementTopic(rawValue: $0)?.title }.sorted().joined(separator: ", ") }
        return [("Date", date(mine.occurredOn), date(stored.occurredOn)),
                ("Time", EngagementValidation.time(mine.time) ?? mine.time, stored.time),
                ("How", EngagementChannel(rawValue: mine.channel)?.title ?? "", EngagementChannel(rawValue: stored.channel)?.title ?? ""),
                ("Outcome", EngagementOutcome(rawValue: mine.outcome)?.title ?? "", EngagementOutcome(rawValue: stored.outcome)?.title ?? ""),
                ("Groups", groups(mine.groupIDs), groups(stored.groupIDs)),
                ("People met", mine.peopleMet, stored.peopleMet), ("Topics", topics(mine.topics), topics(stored.topics)),
                ("Notes", mine.notes, stored.notes), ("Follow up by", date(mine.followUpOn), date(stored.followUpOn))]
            .map { ($0.0, GroupValidation.trimmed($0.1), GroupValidation.trimmed($0.2)) }
            .filter { $0.1 != $0.2 }
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let input = model.input
        let title = model.engagementID == nil ? "Log an engagement" : "Change an engagement"
        let action = model.engagementID.map { SiteURL.engagementEdit(.value($0)).path } ?? SiteURL.engagements.path
        let selectedGroups = Set(input.groupIDs.map(\.uuidString))
        // Groups already chosen first, so a long list does not hide them.
        let groupOptions = model.choices.groups.filter { selectedGroups.contains($0.id.uuidString) } + model.choices.groups.filter { !selectedGroups.contains($0.id.uuidString) }
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.conflict.map { ConflictPanel.render("engagement", changes: $0) } ?? .empty,
            .heading(1, title, classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.engagementID == nil ? .empty : .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                    Form.date(name: "occurredOn", legend: "Date", field: input.occurredOn, error: error("occurredOn")),
                    Form.input(name: "time", label: "Time (optional)", value: input.time, hint: "For example, 19:00 or 7pm", error: error("time"), width: "10"),
                    Form.radios(name: "channel", legend: "How did you make contact?", options: EngagementChannel.allCases.map { ($0.rawValue, $0.title, nil) },
                                selected: input.channel, error: error("channel")),
                    Form.radios(name: "outcome", legend: "Outcome", options: EngagementOutcome.allCases.map { ($0.rawValue, $0.title, nil) },
                                selected: input.outcome, hint: "Count every attempt: the figures show how many it took to meet.", error: error("outcome")),
                    Form.checkboxes(name: "groupIDs", legend: "Groups", options: groupOptions.map { ($0.id.uuidString, $0.name) },
                                    selected: selectedGroups, hint: "Select every group at a forum or meeting.", error: error("groupIDs"), small: true),
                    Form.input(name: "peopleMet", label: "People met (optional)", value: input.peopleMet, hint: "Roles are enough, for example the imam and two madrasa teachers", error: error("peopleMet")),
                    Form.checkboxes(name: "topics", legend: "Topics discussed", options: EngagementTopic.allCases.map { ($0.rawValue, $0.title) },
                                    selected: Set(input.topics), error: error("topics"), small: false),
                    Form.textarea(name: "notes", label: "Notes (optional)", value: input.notes,
                                  hint: "Do not record a child's name or a concern here: pass concerns on through the concerns route.", error: error("notes")),
                    Form.date(name: "followUpOn", legend: "Follow up by (optional)", field: input.followUpOn, error: error("followUpOn")),
                    model.choices.partnerships.count > 1
                        ? Form.select(name: "partnershipID", label: "Logged for partnership", options: model.choices.partnerships.map { ($0.id.uuidString, $0.name) },
                                      selected: input.partnershipID?.uuidString, error: error("partnershipID"))
                        : .void("input", .attr("type", "hidden"), .attr("name", "partnershipID"), .attr("value", input.partnershipID?.uuidString ?? model.choices.partnerships.first?.id.uuidString)),
                    Form.button(model.engagementID == nil ? "Log engagement" : "Save changes")))),
        ])
    }

    /// An engagement's page.
    struct ShowModel: Sendable {
        var id: UUID
        var channel: String
        var outcome: String
        var occurredOn: String
        var occurredAtTime: String?
        var peopleMet: String
        var notes: String
        var followUpOn: String?
        var followUpDone: Bool
        var groups: [EngagementStore.GroupOption]
        var topics: [String]
        var adviserName: String
        var partnershipName: String
        var canEdit: Bool
        var notice: String?
        /// The resources handed over at it.
        var resources: ReceivedPanel.Model? = nil
    }

    static func show(_ engagement: ShowModel, context: PageContext) -> Layout {
        let groups = engagement.groups, topics = engagement.topics
        let channel = EngagementChannel.title(of: engagement.channel)
        let outcome = EngagementOutcome.title(of: engagement.outcome)
        let date = CalendarDate(iso: engagement.occurredOn).map(Formats.date) ?? engagement.occurredOn
        return Layout(title: "\(channel) on \(date)", context: context, main: [
            engagement.notice.map { NotificationBanner.render($0) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt("Engagement")),
            .heading(1, "\(channel): \(outcome)", classes: "c-heading-l"),
            SummaryList.render([
                .init("Date", date + (engagement.occurredAtTime.map { " at \($0)" } ?? "")),
                .init("Groups", node: .el("ul", .cls("c-list"), .group(groups.map { HTMLNode.el("li", .link($0.name, to: SiteURL.directoryGroup(.value($0.id)).path)) }))),
                .init("People met", engagement.peopleMet.nonEmpty ?? "—"),
                .init("Topics", topics.compactMap { EngagementTopic(rawValue: $0)?.title }.joined(separator: ", ").nonEmpty ?? "—"),
                .init("Notes", engagement.notes.nonEmpty ?? "—"),
                .init("Follow up by", engagement.followUpOn.flatMap(CalendarDate.init(iso:)).map { Formats.date($0) + (engagement.followUpDone ? " (done)" : "") } ?? "—"),
                .init("Logged by", "\(engagement.adviserName), \(engagement.partnershipName)"),
            ]),
            engagement.canEdit ? .link("Change this engagement", to: SiteURL.engagementEdit(.value(engagement.id)).path, classes: "c-button c-button--secondary") : .empty,
            engagement.resources.map { ReceivedPanel.render($0, csrfToken: context.csrfToken) } ?? .empty,
        ])
    }
}

extension EngagementView {
    enum Notice: String, PageNotice {
        case logged = "engagement", resource

        var message: String {
            switch self {
            case .logged: "The engagement has been logged."
            case .resource: "Recorded: each group's page lists the resource."
            }
        }
    }
}
