import ConduitCore
import Foundation
import Plot

/// The directory list and the group form.
enum DirectoryView {
    struct IndexModel: Sendable {
        var filters: DirectorySearch.Filters
        var rows: [DirectorySearch.Row]
        var pagination: Pagination
        var partnerships: [DirectoryLookups.PartnershipOption]
        var canAdd: Bool
    }

    static func index(_ model: IndexModel, context: PageContext) -> Layout {
        let filters = model.filters
        let found = model.pagination.total == 1 ? "1 group" : "\(model.pagination.total) groups"
        return Layout(title: "Directory", context: context, main: [
            .heading(1, "Directory of community and faith groups", classes: "c-heading-l"),
            .el("div", .cls("c-button-group"),
                model.canAdd ? .link("Add a group", to: SiteURL.directoryGroupNew.path, classes: "c-button") : .empty,
                model.canAdd ? .link("Import from a spreadsheet", to: SiteURL.directoryImport.path, classes: "c-button c-button--secondary") : .empty,
                .link("Download these groups (CSV)", to: SiteURL.directoryExport.path(query: filters.query), classes: "c-link"),
                .link("Readiness items due for review", to: SiteURL.directoryReadinessDue.path, classes: "c-link")),
            filterForm(filters, partnerships: model.partnerships),
            .heading(2, found, classes: "c-heading-m"),
            model.rows.isEmpty ? .paragraph("No groups match. Try fewer filters, or another spelling.") : results(model.rows),
            model.pagination.render { page in SiteURL.directory.path(query: filters.query + [("page", String(page))]) },
        ])
    }

    private static func filterForm(_ filters: DirectorySearch.Filters, partnerships: [DirectoryLookups.PartnershipOption]) -> HTMLNode {
        typealias Name = DirectorySearch.Filters.Name
        let any = [("", "Any")]
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.directory.path),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.input(name: Name.text.rawValue, label: "Name contains", value: filters.text, spellcheck: false),
                    Form.select(name: Name.type.rawValue, label: "Type", options: any + GroupType.allCases.map { ($0.rawValue, $0.title) }, selected: filters.type?.rawValue ?? ""),
                    Form.select(name: Name.faith.rawValue, label: "Faith", options: any + Faith.allCases.map { ($0.rawValue, $0.title) }, selected: filters.faith?.rawValue ?? "")),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.input(name: Name.language.rawValue, label: "Language", value: filters.language, hint: "For example, Lingala"),
                    Form.input(name: Name.community.rawValue, label: "Community of origin", value: filters.community, hint: "For example, Congolese"),
                    Form.select(name: Name.partnership.rawValue, label: "Partnership served", options: any + partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                                selected: filters.partnershipID?.uuidString.lowercased() ?? "")),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: Name.status.rawValue, label: "Status", options: any + GroupStatus.allCases.map { ($0.rawValue, $0.title) }, selected: filters.status?.rawValue ?? ""),
                    Form.select(name: Name.gap.rawValue, label: "Safeguarding readiness", options: [("", "Any"), ("any", "Any item missing or lapsed")]
                                + ReadinessItem.allCases.map { ($0.rawValue, "Missing: " + $0.title) },
                                selected: filters.anyGap ? "any" : filters.gap?.rawValue ?? ""),
                    Form.select(name: Name.notContacted.rawValue, label: "Not contacted for", options: [("", "Any time"), ("3", "3 months or more"), ("6", "6 months or more"), ("12", "12 months or more")],
                                selected: filters.notContactedMonths.map(String.init) ?? ""))),
            .el("div", .cls("c-button-group"),
                Form.button("Search", classes: "c-button c-button--secondary"),
                .link("Clear filters", to: SiteURL.directory.path)))
    }

    private static func results(_ rows: [DirectorySearch.Row]) -> HTMLNode {
        Table.render(caption: "Groups", columns: [.init(title: "Name"), .init(title: "Type"), .init(title: "Status"), .init(title: "Postcode"),
                                                  .init(title: "Kept by"), .init(title: "Readiness", numeric: true), .init(title: "Last contact")],
            rows: rows.map { row in
                [.link(row.name, to: SiteURL.directoryGroup(.value(row.id)).path),
                 .txt(GroupType.title(of: row.type)),
                 statusTag(row.status),
                 .txt(row.postcode ?? "—"),
                 .txt(row.ownerName),
                 .txt("\(row.readinessMet) of \(ReadinessItem.allCases.count)"),
                 .txt(row.lastContactOn.flatMap(CalendarDate.init(iso:)).map(Formats.date) ?? "None")]
            }, captionVisible: false)
    }

    static func statusTag(_ status: String) -> HTMLNode {
        let colour = switch GroupStatus(rawValue: status) {
        case .active: "c-tag--green"
        case .dormant, .moved: "c-tag--yellow"
        case .noLongerExists: "c-tag--red"
        default: "c-tag--grey"
        }
        return .el("strong", .cls("c-tag " + colour), .txt(GroupStatus.title(of: status)))
    }

    // MARK: The group form

    struct Choices: Sendable {
        var owners: [DirectoryLookups.PartnershipOption]
        var partnerships: [DirectoryLookups.PartnershipOption]
    }

    struct FormModel: Sendable {
        var input: GroupInput
        var choices: Choices
        var groupID: UUID?
        var version = 1
        var problems: [FieldProblem] = []
        var duplicates: [(group: DirectoryLookups.Likely, match: GroupMatching.Match)] = []
        var conflict: [(field: String, mine: String, stored: String)]?
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        let title = model.groupID == nil ? "Add a group" : "Edit \(model.input.name)"
        let action = model.groupID.map { SiteURL.directoryGroupEdit(.value($0)).path } ?? SiteURL.directoryGroups.path
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.conflict.map { ConflictPanel.render("group", changes: $0) } ?? .empty,
            .heading(1, title, classes: "c-heading-l"),
            model.duplicates.isEmpty ? .empty : duplicatePanel(model.duplicates),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.groupID == nil ? .empty : .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                    fields(model),
                    model.duplicates.isEmpty ? .empty : Form.checkboxes(name: "notDuplicate", legend: "Is this a new group?",
                        options: [("yes", "None of the groups above is this one: add it as a new group")], selected: [], small: true),
                    Form.button(model.groupID == nil ? (model.duplicates.isEmpty ? "Add group" : "Add as a new group") : "Save changes")))),
        ])
    }

    private static func fields(_ model: FormModel) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let input = model.input
        return .group([
            Form.input(name: "name", label: "Name", value: input.name, error: error("name")),
            Form.select(name: "type", label: "Type of group", options: [("", "Select a type")] + GroupType.allCases.map { ($0.rawValue, $0.title) },
                        selected: input.type, error: error("type")),
            Form.select(name: "faith", label: "Faith (optional)", options: [("", "Not recorded")] + Faith.allCases.map { ($0.rawValue, $0.title) },
                        selected: input.faith, error: error("faith")),
            Form.input(name: "denomination", label: "Denomination or tradition (optional)", value: input.denomination,
                       hint: "For example, Pentecostal, Sunni, Eritrean Orthodox", error: error("denomination")),
            Form.input(name: "communities", label: "Communities of origin (optional)", value: input.communities,
                       hint: "Separate several with commas, for example Congolese, Angolan", error: error("communities")),
            Form.input(name: "languages", label: "Languages (optional)", value: input.languages,
                       hint: "Separate several with commas, for example Lingala, French, English", error: error("languages")),
            Form.textarea(name: "address", label: "Address (optional)", value: input.address, error: error("address"), rows: 3),
            Form.input(name: "postcode", label: "Postcode (optional)", value: input.postcode, error: error("postcode"), autocomplete: "postal-code", width: "10"),
            Form.input(name: "phone", label: "Phone (optional)", value: input.phone, error: error("phone"), type: "tel", width: "20"),
            Form.input(name: "email", label: "Email (optional)", value: input.email, error: error("email"), type: "email", spellcheck: false),
            Form.textarea(name: "meetingTimes", label: "Meeting days and times (optional)", value: input.meetingTimes,
                          hint: "For example, Sundays 10am to 1pm; youth group Fridays 7pm", error: error("meetingTimes"), rows: 2),
            Form.select(name: "status", label: "Status", options: GroupStatus.allCases.map { ($0.rawValue, $0.title) }, selected: input.status, error: error("status")),
            Form.date(name: "statusConfirmedOn", legend: "When was the status last confirmed? (optional)", field: input.statusConfirmedOn, error: error("statusConfirmedOn")),
            Form.input(name: "howFound", label: "How the group was found (optional)", value: input.howFound,
                       hint: "For example, interfaith forum list, leaflet at a community event, referral by a school", error: error("howFound")),
            Form.textarea(name: "notes", label: "Notes (optional)", value: input.notes, hint: "Do not record children's names or concerns here.", error: error("notes")),
            Form.select(name: "ownerID", label: "Partnership that keeps this record", options: model.choices.owners.map { ($0.id.uuidString, $0.name) },
                        selected: input.ownerID?.uuidString, error: error("ownerID")),
            Form.checkboxes(name: "servedIDs", legend: "Partnerships the group serves",
                            options: model.choices.partnerships.map { ($0.id.uuidString, $0.name) },
                            selected: Set(input.servedIDs.map(\.uuidString)),
                            hint: "Groups often serve several boroughs. Each partnership ticked can see this group.", error: error("servedIDs"), small: true),
        ])
    }

    private static func duplicatePanel(_ duplicates: [(group: DirectoryLookups.Likely, match: GroupMatching.Match)]) -> HTMLNode {
        .el("div", .cls("c-inset"), .attr("id", "duplicates"),
            .heading(2, "This group may already be in the directory", classes: "c-heading-m"),
            .paragraph("Check these groups before adding a new one. If one of them is this group, open it and add to it instead: one record keeps the history of every contact in one place."),
            Table.render(caption: "Groups that look the same", columns: [.init(title: "Name"), .init(title: "Kept by"), .init(title: "Postcode"), .init(title: "Why it matches")],
                rows: duplicates.map { item in
                    [.link(item.group.name, to: SiteURL.directoryGroup(.value(item.group.id)).path),
                     .txt(item.group.ownerName), .txt(item.group.postcode ?? "—"),
                     .txt(item.match.reasons.map(\.title).joined(separator: ", "))]
                }, captionVisible: false))
    }
}
