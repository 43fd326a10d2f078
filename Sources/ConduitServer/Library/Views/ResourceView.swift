import ConduitCore
import Foundation
import Plot

/// A resource's page for partnership staff: what it is, its newest version, its translations
/// (out-of-date ones marked), older versions, who received it, and the forms that change it.
enum ResourceView {
    struct Version: Sendable {
        var id: UUID
        var language: PageLanguage
        var number: Int
        var translatesVersion: Int
        var title: String
        var summary: String
        var changes: String
        var fileName: String?
        var fileType: DocumentType?
        var fileSize: Int?
        var link: String?
        var addedAt: Date
        var addedByName: String
        var outOfDate: Bool
    }

    struct DistributionInput: Sendable {
        var groupID = ""
        var language = ""
        var receivedOn = DateField.empty
        var copies = "1"
    }

    struct Model: Sendable {
        var id: UUID
        var title: String
        var summary: String
        var kind: String
        var topics: [String]
        var audiences: [String]
        var ownerName: String
        var visibility: ResourceVisibility
        var reviewOn: CalendarDate?
        var reviewDue: Bool
        var current: Version?
        var translations: [Version]
        var older: [Version]
        var distributions: [LibraryRecords.Distribution]
        var canEdit: Bool
        /// The groups the person may record it as given to; empty when they may not.
        var groups: [LibraryRecords.Choice]
        var distribution: DistributionInput
        var problems: [FieldProblem]
        var notice: Notice?
    }

    enum Notice: String, PageNotice {
        case added, saved, versionAdded = "version", translationAdded = "translation", published, distributed

        var message: String {
            switch self {
            case .added: "The resource has been added."
            case .saved: "Your changes have been saved."
            case .versionAdded: "The new version has been added: it is the one shown now. Translations of older versions are marked \"may be out of date\"."
            case .translationAdded: "The translation has been added."
            case .published: "The resource is published: it is in the public library now."
            case .distributed: "Recorded: the group's page lists it."
            }
        }
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: model.title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.notice.map { NotificationBanner.render($0.message) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt(ResourceKind.title(of: model.kind))),
            .heading(1, model.title, classes: "c-heading-l"),
            .paragraph(model.summary, classes: "c-body-lead"),
            current(model),
            details(model),
            translations(model),
            older(model),
            distributions(model, csrfToken: context.csrfToken),
        ])
    }

    private static func details(_ model: Model) -> HTMLNode {
        let edit = model.canEdit ? HTMLNode.link("Change", to: SiteURL.resourceEdit(.value(model.id)).path) : .empty
        return .group([
            SummaryList.render([
                .init("Who may read it", node: .group([LibraryView.visibilityTag(model.visibility), .txt(" " + model.visibility.title)]), action: edit),
                .init("Kept by", model.ownerName),
                .init("Topics", model.topics.isEmpty ? "None given" : model.topics.map(ResourceTopic.title(of:)).joined(separator: ", ")),
                .init("For", model.audiences.map(ResourceAudience.title(of:)).joined(separator: ", ")),
                .init("Review date", node: .group([.txt(model.reviewOn.map(Formats.date) ?? "None set"),
                                                   model.reviewDue ? .group([.txt(" "), .el("strong", .cls("c-tag c-tag--red"), .txt("Due for review"))]) : .empty])),
            ]),
            model.canEdit ? .el("div", .cls("c-button-group"),
                .link("Add a new version", to: SiteURL.resourceVersionNew(.value(model.id)).path, classes: "c-button c-button--secondary"),
                .link("Add a translation", to: SiteURL.resourceTranslationNew(.value(model.id)).path, classes: "c-button c-button--secondary"),
                model.visibility == .public ? .empty : .link("Publish to the public library", to: SiteURL.resourcePublish(.value(model.id)).path, classes: "c-button c-button--secondary"))
                : .empty,
        ])
    }

    private static func current(_ model: Model) -> HTMLNode {
        guard let version = model.current else { return .empty }
        return .el("div", .cls("c-inset"),
            .heading(2, "Version \(version.number)", classes: "c-heading-m"),
            .paragraph("Added \(Formats.date(version.addedAt)) by \(version.addedByName)" + (version.changes.isEmpty ? "." : ": \(version.changes)"), classes: "c-body-s"),
            .el("p", .cls("c-body"), open(version, resourceID: model.id, href: SiteURL.resourceFile)))
    }

    /// "Download leaflet.pdf (PDF, 120 KB)" or "Open the link".
    static func open(_ version: Version, resourceID: UUID, href: (Parameter<UUID>, Parameter<UUID>) -> SiteURL, classes: String = "c-button") -> HTMLNode {
        if let link = version.link {
            return .el("a", .cls(classes), .attr("href", link), .attr("rel", "noopener noreferrer external"), .txt("Open the link"), .el("span", .cls("c-visually-hidden"), .txt(" (another website)")))
        }
        let size = version.fileSize.map { $0 < 1024 * 1024 ? "\(max(1, $0 / 1024)) KB" : String(format: "%.1f MB", Double($0) / 1_048_576) } ?? ""
        return .el("a", .cls(classes), .attr("href", href(.value(resourceID), .value(version.id)).path),
                   .txt("Download " + (version.fileName ?? "the file")), .el("span", .cls("c-body-s"), .txt(" (" + [version.fileType?.title, size].compactMap { $0 }.joined(separator: ", ") + ")")))
    }

    private static func translations(_ model: Model) -> HTMLNode {
        .group([
            .heading(2, "Translations", classes: "c-heading-m"),
            model.translations.isEmpty ? .paragraph("None yet.") : Table.render(caption: "Translations", columns: [.init(title: "Language"), .init(title: "Title"), .init(title: "Of version"), .init(title: "File")],
                rows: model.translations.map { version in
                    [.group([.el("span", .attr("lang", version.language.code), .attr("dir", version.language.direction), .txt(version.language.endonym)), .txt(" (\(version.language.english))")]),
                     .group([.el("span", .attr("lang", version.language.code), .attr("dir", version.language.direction), .txt(version.title)),
                             version.outOfDate ? .group([.txt(" "), LibraryView.outOfDateTag()]) : .empty]),
                     .txt(String(version.translatesVersion)),
                     open(version, resourceID: model.id, href: SiteURL.resourceFile, classes: "c-link")]
                }, captionVisible: false, stacked: true),
        ])
    }

    private static func older(_ model: Model) -> HTMLNode {
        guard !model.older.isEmpty else { return .empty }
        return Table.render(caption: "Earlier versions", columns: [.init(title: "Version"), .init(title: "Language"), .init(title: "Added"), .init(title: "What changed"), .init(title: "File")],
            rows: model.older.map { version in
                [.txt(String(version.number)), .el("span", .attr("lang", version.language.code), .txt(version.language.endonym)), .txt(Formats.date(version.addedAt)),
                 .txt(version.changes.isEmpty ? "First version" : version.changes), open(version, resourceID: model.id, href: SiteURL.resourceFile, classes: "c-link")]
            }, stacked: true)
    }

    private static func distributions(_ model: Model, csrfToken: String) -> HTMLNode {
        .group([
            .heading(2, "Groups that received it", classes: "c-heading-m"),
            model.distributions.isEmpty ? .paragraph("None recorded yet.") : Table.render(caption: "Groups that received it", columns: [.init(title: "Group"), .init(title: "Language"), .init(title: "Received"), .init(title: "Copies", numeric: true), .init(title: "Recorded by")],
                rows: model.distributions.map { row in
                    let language = PageLanguage(code: row.language) ?? .english
                    return [.link(row.groupName, to: SiteURL.directoryGroup(.value(row.groupId)).path), .txt(language.english),
                            .txt(CalendarDate(iso: row.receivedOn).map(Formats.date) ?? row.receivedOn), .txt(String(row.copies)), .txt(row.partnershipName)]
                }, captionVisible: false, stacked: true),
            model.groups.isEmpty ? .empty : distributionForm(model, csrfToken: csrfToken),
        ])
    }

    private static func distributionForm(_ model: Model, csrfToken: String) -> HTMLNode {
        func error(_ name: String) -> String? { model.problems.first { $0.field == name }?.message }
        let languages = [model.current?.language ?? .english] + model.translations.map(\.language)
        return .el("details", .cls("c-details"), .flag("open", !model.problems.isEmpty),
            .el("summary", .txt("Record that a group received it")),
            Form.post(action: SiteURL.resourceDistributions(.value(model.id)).path, csrfToken: csrfToken,
                Form.select(name: "groupID", label: "Group", options: [("", "Select a group")] + model.groups.map { ($0.id.uuidString, $0.title) },
                            selected: model.distribution.groupID, error: error("groupID")),
                Form.select(name: "language", label: "Language", options: languages.map { ($0.code, LibraryView.languageOption($0)) },
                            selected: model.distribution.language, error: error("language")),
                Form.date(name: "receivedOn", legend: "When did they receive it?", field: model.distribution.receivedOn, error: error("receivedOn")),
                Form.input(name: "copies", label: "Copies", value: model.distribution.copies, error: error("copies"), width: "3", inputmode: "numeric"),
                Form.button("Record it")))
    }
}
