import ConduitCore
import Foundation
import Plot

/// The library's list and forms, for partnership staff.
enum LibraryView {
    /// A language a resource is in, as a list or page shows it.
    struct LanguageTag: Sendable, Equatable {
        var language: PageLanguage
        var outOfDate: Bool
    }

    struct Item: Sendable {
        var id: UUID
        var title: String
        var summary: String
        var kind: String
        var ownerName: String
        var visibility: ResourceVisibility
        var languages: [LanguageTag]
    }

    struct Model: Sendable {
        var filters: LibrarySearch.Filters
        var items: [Item]
        var total: Int
        var pagination: Pagination
        var partnerships: [DirectoryLookups.PartnershipOption]
        var canAdd: Bool
        var problems: [FieldProblem]
    }

    static func index(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Resources", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Resources", classes: "c-heading-l"),
            .paragraph("Leaflets, letters, policy templates, protocols and training materials, with their translations: your partnership's, those every partnership shares, and the public library's."),
            model.canAdd ? .el("p", .cls("c-body"), .link("Add a resource", to: SiteURL.resourceNew.path, classes: "c-button"), .txt(" "),
                               .link("Due for review", to: SiteURL.resourcesReviewDue.path)) : .empty,
            filters(model),
            .heading(2, model.total == 1 ? "1 resource" : "\(model.total) resources", classes: "c-heading-m"),
            model.items.isEmpty ? .paragraph("No resources match. Try fewer words or filters.") : .el("ul", .cls("c-list"), .group(model.items.map(card))),
            model.pagination.render { SiteURL.resources.path(query: model.filters.query + [("page", String($0))]) },
        ])
    }

    static func card(_ item: Item) -> HTMLNode {
        .el("li", .cls("c-card"),
            .el("h3", .cls("c-heading-s"), .link(item.title, to: SiteURL.resource(.value(item.id)).path)),
            .el("p", .cls("c-body-s"), .txt(ResourceKind.title(of: item.kind) + " · " + item.ownerName + " · "), visibilityTag(item.visibility)),
            .paragraph(item.summary, classes: "c-body-s"),
            languages(item.languages))
    }

    static func visibilityTag(_ visibility: ResourceVisibility) -> HTMLNode {
        switch visibility {
        case .public: .el("strong", .cls("c-tag c-tag--green"), .txt("Public"))
        case .allPartnerships: .el("strong", .cls("c-tag c-tag--blue"), .txt("All partnerships"))
        case .partnership: .el("strong", .cls("c-tag c-tag--grey"), .txt("Our partnership"))
        }
    }

    /// The languages, each in its own name and script; an out-of-date translation says so.
    static func languages(_ tags: [LanguageTag]) -> HTMLNode {
        guard tags.count > 1 else { return .empty }
        return .el("p", .cls("c-body-s"), .txt("In: "), .group(tags.enumerated().map { index, tag in
            .group([
                index == 0 ? .empty : .txt(", "),
                .el("span", .attr("lang", tag.language.code), .attr("dir", tag.language.direction), .txt(tag.language.endonym)),
                tag.outOfDate ? .group([.txt(" "), outOfDateTag()]) : .empty,
            ])
        }))
    }

    static func outOfDateTag() -> HTMLNode {
        .el("strong", .cls("c-tag c-tag--yellow"), .txt("May be out of date"))
    }

    private static func filters(_ model: Model) -> HTMLNode {
        let f = model.filters
        typealias N = LibrarySearch.Filters.Name
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.resources.path),
            Form.input(name: N.text.rawValue, label: "Words in the title or summary", value: f.text, type: "search"),
            Form.select(name: N.kind.rawValue, label: "Kind", options: [("", "Any kind")] + ResourceKind.allCases.map { ($0.rawValue, $0.title) }, selected: f.kind?.rawValue ?? ""),
            Form.select(name: N.topic.rawValue, label: "Topic", options: [("", "Any topic")] + ResourceTopic.allCases.map { ($0.rawValue, $0.title) }, selected: f.topic?.rawValue ?? ""),
            Form.select(name: N.audience.rawValue, label: "For", options: [("", "Anyone")] + ResourceAudience.allCases.map { ($0.rawValue, $0.title) }, selected: f.audience?.rawValue ?? ""),
            Form.select(name: N.language.rawValue, label: "Language", options: [("", "Any language")] + PageLanguage.all.map { ($0.code, languageOption($0)) }, selected: f.language?.code ?? ""),
            Form.select(name: N.partnership.rawValue, label: "Partnership", options: [("", "Any partnership")] + model.partnerships.map { ($0.id.uuidString, $0.name) },
                        selected: f.partnershipID?.uuidString ?? ""),
            Form.button("Search", classes: "c-button c-button--secondary"))
    }

    /// "Somali (Soomaali)": the English name, and the name its readers know it by.
    static func languageOption(_ language: PageLanguage) -> String {
        language.english == language.endonym ? language.english : "\(language.english) (\(language.endonym))"
    }

    // MARK: forms

    struct FormModel: Sendable {
        /// Nil for a new resource.
        var resourceID: UUID?
        var input: ResourceInput
        var version: Int?
        var partnerships: [DirectoryLookups.PartnershipOption]
        var visibilities: [ResourceVisibility]
        var problems: [FieldProblem]
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        let input = model.input
        func error(_ name: ResourceInput.Name) -> String? { model.problems.first { $0.field == name.rawValue }?.message }
        typealias N = ResourceInput.Name
        let title = model.resourceID == nil ? "Add a resource" : "Change the resource's details"
        let action = model.resourceID.map { SiteURL.resourceEdit(.value($0)).path } ?? SiteURL.resources.path
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, title, classes: "c-heading-l"),
            .el("form", .attr("method", "post"), .attr("action", action), .attr("enctype", "multipart/form-data"), .attr("novalidate", "novalidate"),
                Form.csrf(context.csrfToken),
                model.version.map { HTMLNode.void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String($0))) } ?? .empty,
                Form.input(name: N.title.rawValue, label: "Title", value: input.title, error: error(.title)),
                Form.textarea(name: N.summary.rawValue, label: "Summary", value: input.summary, hint: "What it is, and who it helps. Searches find its words.", error: error(.summary)),
                Form.radios(name: N.kind.rawValue, legend: "What kind of resource is it?", options: ResourceKind.allCases.map { ($0.rawValue, $0.title, nil) },
                            selected: input.kind, error: error(.kind)),
                Form.checkboxes(name: N.topics.rawValue, legend: "Topics (optional)", options: ResourceTopic.allCases.map { ($0.rawValue, $0.title) },
                                selected: Set(input.topics), error: error(.topics), small: true),
                Form.checkboxes(name: N.audiences.rawValue, legend: "Who is it for?", options: ResourceAudience.allCases.map { ($0.rawValue, $0.title) },
                                selected: Set(input.audiences), error: error(.audiences), small: true),
                model.resourceID == nil && model.partnerships.count > 1
                    ? Form.select(name: N.partnershipID.rawValue, label: "Partnership that keeps it", options: model.partnerships.map { ($0.id.uuidString, $0.name) },
                                  selected: input.partnershipID, error: error(.partnershipID))
                    : .empty,
                Form.radios(name: N.visibility.rawValue, legend: "Who may read it?", options: model.visibilities.map { visibility in
                    (visibility.rawValue, visibility.title, visibility == .public ? "Anyone, signed in or not, on the public library" : visibility == .allPartnerships ? "Staff of every partnership, signed in" : nil)
                }, selected: input.visibility, hint: model.visibilities.contains(.public) ? nil : "To put it in the public library, publish it from its page once it is added: you check it first.",
                error: error(.visibility)),
                Form.date(name: N.reviewOn.rawValue, legend: "When should it be reviewed? (optional)", field: input.reviewOn,
                          hint: "Conduit lists it as due for review from this date. For example, 27 3 2027", error: error(.reviewOn)),
                model.resourceID == nil ? contentFields(input, error: error) : .empty,
                Form.button(model.resourceID == nil ? "Add the resource" : "Save changes")),
            .el("p", .cls("c-body"), .link("Cancel", to: model.resourceID.map { SiteURL.resource(.value($0)).path } ?? SiteURL.resources.path)),
        ])
    }

    /// The file or the link: one of the two.
    static func contentFields(_ input: ResourceInput, error: (ResourceInput.Name) -> String?) -> HTMLNode {
        .el("fieldset", .cls("c-fieldset"),
            .el("legend", .cls("c-fieldset__legend c-fieldset__legend--m"), .txt("The document, or a link to it")),
            fileInput(error: error(.file), chosen: input.file?.name),
            Form.input(name: ResourceInput.Name.link.rawValue, label: "Or a link (a video, a web page)", value: input.link,
                       hint: "The full address, starting https://", error: error(.link), type: "url", spellcheck: false))
    }

    static func fileInput(error: String?, chosen: String?) -> HTMLNode {
        let name = ResourceInput.Name.file.rawValue
        let hint = "PDF, ODT, DOCX, RTF, PNG, JPEG or plain text, up to 10 MB." + (chosen.map { " Choose \($0) again: a browser does not keep a chosen file when a page comes back with a problem." } ?? "")
        return .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("label", .cls("c-label"), .attr("for", name), .txt("Upload a file")),
            Form.hintText(hint, id: name),
            Form.errorMessage(error, id: name),
            .void("input", .cls("c-file-upload"), .attr("id", name), .attr("name", name), .attr("type", "file"),
                  .attr("accept", ".pdf,.odt,.docx,.rtf,.png,.jpg,.jpeg,.txt"),
                  .attr("aria-describedby", name + "-hint" + (error == nil ? "" : " \(name)-error"))))
    }

    struct VersionFormModel: Sendable {
        var resourceID: UUID
        var resourceTitle: String
        var newestNumber: Int
        var translation: Bool
        var originalLanguage: String
        var input: ResourceInput
        var problems: [FieldProblem]
    }

    /// A new version of the original, or a translation.
    static func versionForm(_ model: VersionFormModel, context: PageContext) -> Layout {
        func error(_ name: ResourceInput.Name) -> String? { model.problems.first { $0.field == name.rawValue }?.message }
        typealias N = ResourceInput.Name
        let title = model.translation ? "Add a translation" : "Add a new version"
        let action = model.translation ? SiteURL.resourceTranslations(.value(model.resourceID)).path : SiteURL.resourceVersions(.value(model.resourceID)).path
        let languages = PageLanguage.all.filter { $0.code != model.originalLanguage }
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt(model.resourceTitle)),
            .heading(1, title, classes: "c-heading-l"),
            .paragraph(model.translation
                ? "The translation is of version \(model.newestNumber), the newest. When a newer version of the original is added, this translation is marked \"may be out of date\" until it is translated again."
                : "The new version is the one shown from now on; version \(model.newestNumber) and older stay downloadable. Translations of older versions are marked \"may be out of date\"."),
            .el("form", .attr("method", "post"), .attr("action", action), .attr("enctype", "multipart/form-data"), .attr("novalidate", "novalidate"),
                Form.csrf(context.csrfToken),
                model.translation ? .group([
                    Form.select(name: N.language.rawValue, label: "Language", options: [("", "Select a language")] + languages.map { ($0.code, languageOption($0)) },
                                selected: model.input.language, error: error(.language)),
                    Form.input(name: N.title.rawValue, label: "Title in that language", value: model.input.title, error: error(.title)),
                    Form.textarea(name: N.summary.rawValue, label: "Summary in that language (optional)", value: model.input.summary, error: error(.summary)),
                ]) : .empty,
                Form.textarea(name: N.changes.rawValue, label: model.translation ? "Notes (optional)" : "What changed from version \(model.newestNumber)?",
                              value: model.input.changes, hint: model.translation ? "For example, who translated it" : nil, error: error(.changes), rows: 3),
                contentFields(model.input, error: error),
                Form.button(title)),
            .el("p", .cls("c-body"), .link("Cancel", to: SiteURL.resource(.value(model.resourceID)).path)),
        ])
    }

    struct PublishModel: Sendable {
        var id: UUID
        /// The record's version as checked: publishing refuses a later one.
        var version: Int
        var title: String
        var summary: String
        var languages: [LanguageTag]
        var files: [String]
    }

    /// Check answers before publishing: what anyone, signed in or not, will be able to read.
    static func publishCheck(_ model: PublishModel, context: PageContext) -> Layout {
        Layout(title: "Check before you publish", context: context, main: [
            .el("span", .cls("c-caption-l"), .txt(model.title)),
            .heading(1, "Check before you publish", classes: "c-heading-l"),
            .paragraph("Once published, anyone can find, read and download this resource on the public library, without signing in, in every language it has. Search engines may list it."),
            SummaryList.render([
                .init("Title", model.title),
                .init("Summary", model.summary),
                .init("Languages", model.languages.map { LibraryView.languageOption($0.language) + ($0.outOfDate ? " (may be out of date)" : "") }.joined(separator: ", ")),
                .init("Files and links", model.files.joined(separator: ", ")),
            ]),
            .el("div", .cls("c-warning-text"), .el("strong", .txt("Make sure nothing in the files names a child, a family or a person who raised a concern."))),
            Form.post(action: SiteURL.resourcePublish(.value(model.id)).path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                Form.button("Publish to the public library")),
            .el("p", .cls("c-body"), .link("Cancel", to: SiteURL.resource(.value(model.id)).path)),
        ])
    }

    struct DueItem: Sendable {
        var id: UUID
        var title: String
        var reviewOn: CalendarDate
        var ownerName: String
        var overdue: Bool
    }

    static func reviewDue(_ items: [DueItem], context: PageContext) -> Layout {
        Layout(title: "Resources due for review", context: context, main: [
            .heading(1, "Resources due for review", classes: "c-heading-l"),
            .paragraph("Your partnerships' resources whose review date has come or comes within 30 days: check each is still right, then add a new version or set the next review date."),
            items.isEmpty ? .paragraph("None is due.") : Table.render(caption: "Due for review, soonest first", columns: [.init(title: "Resource"), .init(title: "Partnership"), .init(title: "Review date")],
                rows: items.map { item in
                    [.link(item.title, to: SiteURL.resource(.value(item.id)).path), .txt(item.ownerName),
                     .group([.txt(Formats.date(item.reviewOn)), item.overdue ? .group([.txt(" "), .el("strong", .cls("c-tag c-tag--red"), .txt("Overdue"))]) : .empty])]
                }, stacked: true),
            .el("p", .cls("c-body"), .link("All resources", to: SiteURL.resources.path)),
        ])
    }
}
