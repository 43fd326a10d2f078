import ConduitCore
import Foundation
import Plot

/// Sessions, the session form, a session with its register, and rounds.
enum TrainingView {
    struct IndexModel: Sendable {
        var rows: [SessionList.Row]
        var pagination: Pagination
        var rounds: [SessionList.RoundTotals]
        var roundID: UUID?
        var canAdd: Bool
    }

    static func index(_ model: IndexModel, context: PageContext) -> Layout {
        Layout(title: "Training", context: context, main: [
            .heading(1, "Training sessions", classes: "c-heading-l"),
            .el("div", .cls("c-button-group"),
                model.canAdd ? .link("Add a session", to: SiteURL.trainingSessionNew.path, classes: "c-button") : .empty,
                .link("Rounds and their totals", to: SiteURL.trainingRounds.path),
                .link("Attendance statistics", to: SiteURL.trainingStatistics.path)),
            model.rounds.isEmpty ? .empty : .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.training.path),
                Form.select(name: "round", label: "Round", options: [("", "All rounds")] + model.rounds.map { ($0.id.uuidString.lowercased(), "\($0.name), \($0.partnershipName)") },
                            selected: model.roundID?.uuidString.lowercased() ?? ""),
                Form.button("Show", classes: "c-button c-button--secondary")),
            model.rows.isEmpty ? .paragraph("No sessions yet.") :
            Table.render(caption: "Sessions", columns: [.init(title: "Date"), .init(title: "Session"), .init(title: "Audience"), .init(title: "Partnership"),
                                                        .init(title: "Attended", numeric: true), .init(title: "Places", numeric: true)],
                rows: model.rows.map { row in
                    [.txt((CalendarDate(iso: row.sessionOn).map(Formats.date) ?? row.sessionOn) + (row.startsAt.map { ", \($0)" } ?? "")),
                     .link(row.title, to: SiteURL.trainingSession(.value(row.id)).path),
                     .txt(TrainingAudience.title(of: row.audience)), .txt(row.partnershipName),
                     .txt(String(row.attended)), .txt(row.capacity.map(String.init) ?? "—")]
                }, captionVisible: false),
            model.pagination.render { page in SiteURL.training.path(query: [("round", model.roundID?.uuidString.lowercased() ?? ""), ("page", String(page))]) },
        ])
    }

    // MARK: Form

    struct FormModel: Sendable {
        var input: SessionInput
        var choices: SessionChoices
        var sessionID: UUID?
        var version = 1
        var problems: [FieldProblem] = []
        var conflict: [(field: String, mine: String, stored: String)]?
    }

    static func differences(_ mine: SessionInput, _ stored: SessionInput) -> [(field: String, mine: String, stored: String)] {
        func date(_ field: DateField) -> String { field.parse(label: "").date.map(Formats.date) ?? "" }
        return [("Title", mine.title, stored.title), ("Audience", TrainingAudience(rawValue: mine.audience)?.title ?? "", TrainingAudience(rawValue: stored.audience)?.title ?? ""),
                ("Date", date(mine.date), date(stored.date)), ("Starts", EngagementValidation.time(mine.startsAt) ?? mine.startsAt, stored.startsAt),
                ("Ends", EngagementValidation.time(mine.endsAt) ?? mine.endsAt, stored.endsAt), ("Venue", mine.venue, stored.venue),
                ("Languages", GroupValidation.list(mine.languages).joined(separator: ", "), stored.languages),
                ("Places", mine.capacity, stored.capacity), ("Learning outcomes", mine.learningOutcomes, stored.learningOutcomes), ("Notes", mine.notes, stored.notes)]
            .map { ($0.0, GroupValidation.trimmed($0.1), GroupValidation.trimmed($0.2)) }
            .filter { $0.1 != $0.2 }
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let input = model.input
        let title = model.sessionID == nil ? "Add a training session" : "Change \(input.title)"
        let action = model.sessionID.map { SiteURL.trainingSessionEdit(.value($0)).path } ?? SiteURL.trainingSessions.path
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.conflict.map { ConflictPanel.render("session", changes: $0) } ?? .empty,
            .heading(1, title, classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.sessionID == nil ? .empty : .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                    Form.input(name: "title", label: "Title", value: input.title, hint: "For example, Safeguarding children: the role of social care", error: error("title")),
                    Form.select(name: "audience", label: "Audience", options: [("", "Select who it is for")] + TrainingAudience.allCases.map { ($0.rawValue, $0.title) },
                                selected: input.audience, error: error("audience")),
                    Form.checkboxes(name: "topics", legend: "Topics", options: EngagementTopic.allCases.map { ($0.rawValue, $0.title) }, selected: Set(input.topics), error: error("topics")),
                    Form.date(name: "date", legend: "Date", field: input.date, error: error("date")),
                    Form.input(name: "startsAt", label: "Starts (optional)", value: input.startsAt, hint: "Evenings and weekends are normal: 18:30 or 6.30pm", error: error("startsAt"), width: "10"),
                    Form.input(name: "endsAt", label: "Ends (optional)", value: input.endsAt, error: error("endsAt"), width: "10"),
                    Form.input(name: "venue", label: "Venue (optional)", value: input.venue, error: error("venue")),
                    Form.input(name: "languages", label: "Languages of delivery (optional)", value: input.languages, hint: "Separate several with commas", error: error("languages")),
                    Form.checkboxes(name: "interpreter", legend: "Interpreting", options: [("yes", "An interpreter was used")], selected: input.interpreter ? ["yes"] : [], small: true),
                    Form.input(name: "capacity", label: "Places (optional)", value: input.capacity, error: error("capacity"), width: "4", inputmode: "numeric"),
                    Form.input(name: "cost", label: "Cost in pounds (optional)", value: input.cost, error: error("cost"), width: "10", inputmode: "decimal"),
                    Form.select(name: "roundID", label: "Round (optional)", options: [("", "No round")] + model.choices.rounds.map { ($0.id.uuidString, $0.name) },
                                selected: input.roundID?.uuidString ?? "", error: error("roundID")),
                    Form.checkboxes(name: "partnerGroupIDs", legend: "Delivery partners from the directory (optional)", options: model.choices.groups.map { ($0.id.uuidString, $0.name) },
                                    selected: Set(input.partnerGroupIDs.map(\.uuidString)), error: error("partnerGroupIDs"), small: true),
                    Form.input(name: "partnerNames", label: "Other delivery partners (optional)", value: input.partnerNames,
                               hint: "Separate with semicolons, for example Met Police FGM Unit; NSPCC", error: error("partnerNames")),
                    Form.textarea(name: "learningOutcomes", label: "Learning outcomes (optional)", value: input.learningOutcomes,
                                  hint: "One per line: by the end of the session participants will be able to…", error: error("learningOutcomes"), rows: 5),
                    Form.textarea(name: "notes", label: "Notes (optional)", value: input.notes, error: error("notes")),
                    Form.select(name: "partnershipID", label: "Partnership running the session", options: model.choices.partnerships.map { ($0.id.uuidString, $0.name) },
                                selected: input.partnershipID?.uuidString, error: error("partnershipID")),
                    Form.button(model.sessionID == nil ? "Add session" : "Save changes")))),
        ])
    }

    // MARK: A session and its register

    /// What the page shows of the session itself; the rest is in `details`.
    struct Session: Sendable {
        var id: UUID
        var title: String
        var sessionOn: String
        var startsAt: String?
        var endsAt: String?
        var costPence: Int?
    }

    struct ShowModel: Sendable {
        var session: Session
        var details: SessionInput
        var partnershipName: String
        var organiserName: String
        var roundName: String?
        var register: [SessionList.RegisterRow]
        var canEdit: Bool
        var entry: RegisterChoices?
        var entryInput: AttendanceInput
        var problems: [FieldProblem]
        var notice: String?
        var evaluations: ResponsesPanel.Model?
    }

    static func show(_ model: ShowModel, context: PageContext) -> Layout {
        let session = model.session
        let attended = model.register.filter { $0.status == AttendanceStatus.attended.rawValue }.count
        let date = CalendarDate(iso: session.sessionOn).map(Formats.date) ?? session.sessionOn
        let time = [session.startsAt, session.endsAt].compactMap { $0 }.joined(separator: " to ")
        return Layout(title: session.title, context: context, hasErrors: !model.problems.isEmpty, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt("\(date)\(time.isEmpty ? "" : ", \(time)")")),
            .heading(1, session.title, classes: "c-heading-l"),
            model.canEdit ? .el("div", .cls("c-button-group"), .link("Change session details", to: SiteURL.trainingSessionEdit(.value(session.id)).path, classes: "c-button c-button--secondary")) : .empty,
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-two-thirds"), details(model)),
                .el("div", .cls("c-grid-column-one-third"), .el("div", .cls("c-card"),
                    .heading(2, "Register", classes: "c-heading-m"),
                    .el("ul", .cls("c-key-figures"),
                        .el("li", .el("strong", .txt(String(attended))), .txt("attended")),
                        .el("li", .el("strong", .txt(String(model.register.count - attended))), .txt("booked, did not attend"))),
                    .link("Download the register (CSV)", to: SiteURL.trainingRegisterExport(.value(session.id)).path)),
                    model.evaluations.map { ResponsesPanel.render($0, csrfToken: context.csrfToken) } ?? .empty)),
            model.entry.map { entryForm(model, choices: $0, context: context) } ?? .empty,
            registerTable(model, context: context),
            model.canEdit ? importForm(session.id, context: context) : .empty,
        ])
    }

    private static func details(_ model: ShowModel) -> HTMLNode {
        let details = model.details
        let outcomes = details.learningOutcomes.split(whereSeparator: \.isNewline).map(String.init)
        return .group([
            SummaryList.render([
                .init("Audience", TrainingAudience.title(of: details.audience)),
                .init("Topics", details.topics.compactMap { EngagementTopic(rawValue: $0)?.title }.joined(separator: ", ").nonEmpty ?? "—"),
                .init("Venue", details.venue.nonEmpty ?? "—"),
                .init("Languages", (details.languages.nonEmpty ?? "—") + (details.interpreter ? " (with an interpreter)" : "")),
                .init("Places", details.capacity.nonEmpty ?? "—"),
                .init("Cost", model.session.costPence.map(TrainingValidation.pounds) ?? "—"),
                .init("Round", model.roundName ?? "—"),
                .init("Partnership", model.partnershipName),
                .init("Organised by", model.organiserName),
            ]),
            outcomes.isEmpty ? .empty : .group([
                .heading(2, "Learning outcomes", classes: "c-heading-m"),
                .paragraph("By the end of the session participants will be able to:"),
                .el("ul", .cls("c-list c-list--bullet"), .group(outcomes.map { HTMLNode.el("li", .txt($0)) })),
            ]),
        ])
    }

    /// One row per participant, at the door: every field on one form, the cursor back in the first box after each.
    private static func entryForm(_ model: ShowModel, choices: RegisterChoices, context: PageContext) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let input = model.entryInput
        let ethnicityGroups = EthnicityMajor.allCases.map { major in
            (label: major.title, options: Ethnicity.codes.filter { $0.major == major }.map { (value: $0.code, label: $0.title) })
        }.filter { !$0.options.isEmpty }
        return .el("div", .cls("c-card"), .attr("id", "register-entry"),
            .heading(2, "Add a participant", classes: "c-heading-m"),
            .paragraph("Participants are numbered in turn; a name is only needed if they want it recorded.", classes: "c-body-s"),
            Form.post(action: SiteURL.trainingRegister(.value(model.session.id)).path, csrfToken: context.csrfToken,
                .el("div", .cls("c-grid-row"),
                    .el("div", .cls("c-grid-column-one-third"),
                        Form.select(name: "referringOrganisationID", label: "Referring group", options: [("", "Not in the directory")] + choices.groups.map { ($0.id.uuidString, $0.name) },
                                    selected: input.referringOrganisationID?.uuidString ?? "", error: error("referringOrganisationID")),
                        Form.input(name: "referringText", label: "or referring organisation", value: input.referringText, error: error("referringText")),
                        Form.input(name: "name", label: "Name (optional)", value: input.name, error: error("name"), autocomplete: "off")),
                    .el("div", .cls("c-grid-column-one-third"),
                        Form.groupedSelect(name: "ethnicity", label: "Ethnicity", first: ("", "Not known"), groups: ethnicityGroups,
                                           selected: input.ethnicity, error: error("ethnicity")),
                        Form.input(name: "ethnicityDetail", label: "Community of origin (optional)", value: input.ethnicityDetail, hint: "For example, Somali", error: error("ethnicityDetail")),
                        Form.select(name: "gender", label: "Gender", options: Gender.allCases.map { ($0.rawValue, $0.title) }, selected: input.gender.isEmpty ? Gender.notKnown.rawValue : input.gender, error: error("gender"))),
                    .el("div", .cls("c-grid-column-one-third"),
                        Form.select(name: "ageBand", label: "Age band", options: AgeBand.allCases.map { ($0.rawValue, $0.title) }, selected: input.ageBand.isEmpty ? AgeBand.notKnown.rawValue : input.ageBand, error: error("ageBand")),
                        Form.select(name: "role", label: "Role", options: ParticipantRole.allCases.map { ($0.rawValue, $0.title) },
                                    selected: input.role.isEmpty ? ParticipantRole.communityMember.rawValue : input.role, error: error("role")),
                        Form.select(name: "residencePartnershipID", label: "Lives in", options: [("", "Not known")] + choices.partnerships.map { ($0.id.uuidString, $0.name) },
                                    selected: input.residencePartnershipID?.uuidString ?? "", error: error("residencePartnershipID")),
                        Form.select(name: "status", label: "Attendance", options: AttendanceStatus.allCases.map { ($0.rawValue, $0.title) }, selected: input.status, error: error("status")))),
                Form.button("Add participant")))
    }

    private static func registerTable(_ model: ShowModel, context: PageContext) -> HTMLNode {
        guard !model.register.isEmpty else { return .paragraph("Nobody is on the register yet.") }
        return .el("div", .attr("id", "register"), .cls("c-table-scroll"),
            Table.render(caption: "Register", columns: [.init(title: "Ref", numeric: true), .init(title: "Name"), .init(title: "Referred by"), .init(title: "Ethnicity"),
                                                        .init(title: "Gender"), .init(title: "Age"), .init(title: "Role"), .init(title: "Attended"), .init(title: "")],
                rows: model.register.map { row in
                    let ethnicity = [row.ethnicityCode.flatMap(Ethnicity.code)?.title, row.ethnicityDetail.nonEmpty].compactMap { $0 }.joined(separator: ", ")
                    return [.txt("#\(row.number)"), .txt(row.name.nonEmpty ?? "—"), .txt(row.referrer?.nonEmpty ?? "—"), .txt(ethnicity.nonEmpty ?? "—"),
                            .txt(Gender.title(of: row.gender)), .txt(AgeBand.title(of: row.ageBand)),
                            .txt(ParticipantRole.title(of: row.role)), .txt(row.status == AttendanceStatus.attended.rawValue ? "Yes" : "No"),
                            model.canEdit ? Form.post(action: SiteURL.trainingAttendanceRemove(.value(model.session.id), .value(row.id)).path, csrfToken: context.csrfToken,
                                                      Form.button("Remove", classes: "c-button c-button--secondary")) : .empty]
                }))
    }

    private static func importForm(_ sessionID: UUID, context: PageContext) -> HTMLNode {
        .el("details", .cls("c-details"),
            .el("summary", .txt("Add participants from a spreadsheet")),
            .paragraph("Columns: " + RegisterRows.columns.joined(separator: ", ") + ". Every row is checked first: if any has a problem, nobody is added.", classes: "c-body-s"),
            .el("form", .attr("method", "post"), .attr("action", SiteURL.trainingRegisterImport(.value(sessionID)).path), .attr("enctype", "multipart/form-data"),
                Form.csrf(context.csrfToken),
                .el("div", .cls("c-form-group"),
                    .el("label", .cls("c-label"), .attr("for", "file"), .txt("CSV file")),
                    .void("input", .cls("c-input"), .attr("id", "file"), .attr("name", "file"), .attr("type", "file"), .attr("accept", ".csv,text/csv"))),
                Form.button("Check and add", classes: "c-button c-button--secondary")))
    }

    static func importProblems(sessionID: UUID, title: String, message: String?, problems: [DirectoryImport.RowProblem], context: PageContext) -> Layout {
        Layout(title: "Problems in the register file", context: context, hasErrors: true, main: [
            .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
                .el("h2", .cls("c-error-summary__title"), .txt("Nobody has been added")),
                .paragraph(message ?? "\(Set(problems.map(\.line)).count) rows have problems. Correct them in the spreadsheet and add the file again.")),
            .heading(1, "Problems in the register file for \(title)", classes: "c-heading-l"),
            problems.isEmpty ? .empty : Table.render(caption: "Problems by line", columns: [.init(title: "Line", numeric: true), .init(title: "Column"), .init(title: "Problem")],
                                                     rows: problems.prefix(500).map { [.txt(String($0.line)), .txt($0.column), .txt($0.message)] }),
            .el("p", .cls("c-body"), .link("Back to the session", to: SiteURL.trainingSession(.value(sessionID)).path)),
        ])
    }

    // MARK: Rounds

    static func rounds(rounds: [SessionList.RoundTotals], partnerships: [DirectoryLookups.PartnershipOption],
                       input: (name: String, budget: String, partnershipID: UUID?), problems: [FieldProblem], context: PageContext) -> Layout {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return Layout(title: "Training rounds", context: context, hasErrors: !problems.isEmpty, main: [
            Form.errorSummary(problems),
            .heading(1, "Training rounds", classes: "c-heading-l"),
            rounds.isEmpty ? .paragraph("No rounds yet.") :
            Table.render(caption: "The programme of each round", columns: [.init(title: "Round"), .init(title: "Partnership"), .init(title: "Sessions", numeric: true),
                                                                          .init(title: "Places", numeric: true), .init(title: "Participants", numeric: true),
                                                                          .init(title: "Cost", numeric: true), .init(title: "Budget", numeric: true),
                                                                          .init(title: "Cost per participant", numeric: true)],
                rows: rounds.map { round in
                    let cost = round.costPence ?? round.budgetPence
                    return [.link(round.name, to: SiteURL.training.path(query: [("round", round.id.uuidString.lowercased())])), .txt(round.partnershipName),
                            .txt(String(round.sessions)), .txt(round.places.map(String.init) ?? "—"), .txt(String(round.participants)),
                            .txt(round.costPence.map(TrainingValidation.pounds) ?? "—"), .txt(round.budgetPence.map(TrainingValidation.pounds) ?? "—"),
                            .txt(cost.flatMap { round.participants > 0 ? TrainingValidation.pounds($0 / round.participants) : nil } ?? "—")]
                }),
            .paragraph("Cost per participant uses the sessions' costs, or the round's budget where no costs are recorded.", classes: "c-body-s"),
            partnerships.isEmpty ? .empty : .group([
                .heading(2, "Add a round", classes: "c-heading-m"),
                Form.post(action: SiteURL.trainingRounds.path, csrfToken: context.csrfToken,
                    Form.input(name: "name", label: "Name", value: input.name, hint: "For example, Round 2 (November 2009 to April 2010)", error: error("name")),
                    Form.input(name: "budget", label: "Budget in pounds (optional)", value: input.budget, error: error("budget"), width: "10"),
                    Form.select(name: "partnershipID", label: "Partnership", options: partnerships.map { ($0.id.uuidString, $0.name) },
                                selected: input.partnershipID?.uuidString, error: error("partnershipID")),
                    Form.button("Add round")),
            ]),
        ])
    }
}

extension TrainingView {
    enum Notice: String, PageNotice {
        case created, saved, added, removed, imported

        /// `number` is the participant just added, `count` how many a file added.
        func message(number: String, count: String) -> String {
            switch self {
            case .created: "The session has been added. Enter its register below."
            case .saved: "Your changes have been saved."
            case .added: "Participant #\(number) has been added."
            case .removed: "The participant has been removed from the register."
            case .imported: "\(count) participants have been added from the file."
            }
        }
    }
}
