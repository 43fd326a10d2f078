import ConduitCore
import Foundation
import Plot

/// The pages of a filled-in form (a file audit, a training evaluation or a community survey):
/// list, start, task list, a section, check answers.
enum FormResponseView {
    /// What the pages show of the filled-in form itself.
    struct Response: Sendable {
        var id: UUID
        var version: Int
        var fileReference: String
        var auditedOn: String
        var isSubmitted: Bool
    }

    /// "Audit of file CSC/2026/0142", or "Training evaluation: Response 3" for the other forms.
    static func name(_ audit: Response, _ definition: FormDefinition) -> String {
        definition.usedFor == .fileAudit ? "Audit of file \(audit.fileReference)" : "\(definition.title): \(audit.fileReference)"
    }

    /// What a response is about: the training session or the group, with a link to it.
    struct Subject: Sendable {
        var label: String
        var title: String
        var path: String
    }

    enum Progress: String, Sendable {
        case notStarted = "Not started", inProgress = "In progress", completed = "Completed"
    }

    static func index(rows: [ReadableAudits.Row], definitions: [FormDefinition], canStart: Bool, context: PageContext) -> Layout {
        Layout(title: "File audits", context: context, main: [
            .heading(1, "File audits", classes: "c-heading-l"),
            .el("div", .cls("c-button-group"),
                canStart ? .link("Start an audit", to: SiteURL.auditNew.path, classes: "c-button") : .empty,
                .link("Findings", to: SiteURL.auditFindings.path)),
            rows.isEmpty ? .paragraph("No audits yet.") :
            Table.render(caption: "Audits", columns: [.init(title: "File"), .init(title: "Partnership"), .init(title: "Date of audit"), .init(title: "Form"), .init(title: "Status")],
                rows: rows.map { row in
                    [.link(row.fileReference, to: SiteURL.audit(.value(row.id)).path), .txt(row.partnershipName),
                     .txt(CalendarDate(iso: row.auditedOn).map(Formats.date) ?? row.auditedOn), .txt("\(row.formTitle), version \(row.formVersion)"),
                     .el("strong", .cls("c-tag " + (row.status == "submitted" ? "c-tag--green" : "c-tag--grey")), .txt(row.status == "submitted" ? "Submitted" : "Draft"))]
                }, captionVisible: false),
            .heading(2, "Forms", classes: "c-heading-m"),
            .paragraph("Each version is kept as it was, so answers given to it keep their meaning. New versions are loaded with conduit forms load.", classes: "c-body-s"),
            Table.render(caption: "Form definitions", columns: [.init(title: "Form"), .init(title: "Version", numeric: true), .init(title: "Sections", numeric: true),
                                                                .init(title: "Questions", numeric: true)],
                         rows: definitions.map { [.txt($0.title), .txt(String($0.version)), .txt(String($0.sections.count)),
                                                  .txt(String($0.questions.count))] }, captionVisible: false),
        ])
    }

    struct NewInput: Sendable {
        var formID: UUID?
        var partnershipID: UUID?
        var reference: String
        var date: DateField
    }

    /// A stored form a file audit may be started with.
    struct FormChoice: Sendable {
        var id: UUID
        var title: String
        var version: Int
    }

    static func new(forms: [FormChoice], partnerships: [DirectoryLookups.PartnershipOption], input: NewInput, problems: [FieldProblem], context: PageContext) -> Layout {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return Layout(title: "Start a file audit", context: context, hasErrors: !problems.isEmpty, main: [
            Form.errorSummary(problems),
            .heading(1, "Start a file audit", classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                .el("p", .cls("c-warning-text"), .txt("Record the file's reference only. Never enter a child's or family member's name anywhere in an audit.")),
                Form.post(action: SiteURL.auditNew.path, csrfToken: context.csrfToken,
                    Form.select(name: "formID", label: "Form", options: forms.map { ($0.id.uuidString, "\($0.title), version \($0.version)") },
                                selected: (input.formID ?? forms.first?.id)?.uuidString, error: error("formID")),
                    Form.select(name: "partnershipID", label: "Partnership (local authority) whose file it is", options: partnerships.map { ($0.id.uuidString, $0.name) },
                                selected: input.partnershipID?.uuidString, error: error("partnershipID")),
                    Form.input(name: "fileReference", label: "File reference", value: input.reference, hint: "As in the case management system, for example CSC/2026/0142",
                               error: error("fileReference"), autocomplete: "off", width: "20", spellcheck: false),
                    Form.date(name: "auditedOn", legend: "Date of audit", field: input.date, error: error("auditedOn")),
                    Form.button("Start audit")))),
        ])
    }

    static func taskList(audit: Response, definition: FormDefinition, subject: Subject?, partnershipName: String, progress: [Progress], canEdit: Bool, canReopen: Bool,
                         notice: String?, context: PageContext) -> Layout {
        let done = progress.filter { $0 == .completed }.count
        let dateLabel = definition.usedFor == .fileAudit ? "Date of audit" : "Date"
        return Layout(title: name(audit, definition), context: context, main: [
            notice.map { NotificationBanner.render($0) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt("\(definition.title), version \(definition.version)")),
            .heading(1, name(audit, definition), classes: "c-heading-l"),
            SummaryList.render((subject.map { [SummaryList.Row($0.label, node: .link($0.title, to: $0.path))] } ?? [])
                               + [.init("Partnership", partnershipName), .init(dateLabel, CalendarDate(iso: audit.auditedOn).map(Formats.date) ?? audit.auditedOn),
                                  .init("Status", audit.isSubmitted ? "Submitted" : "Draft")]),
            .paragraph("You have completed \(done) of \(definition.sections.count) sections."),
            .el("ul", .cls("c-task-list"), .group(zip(definition.sections, progress).map { section, state in
                HTMLNode.el("li", .cls("c-task-list__item"),
                    canEdit ? .link(section.title, to: SiteURL.auditSection(.value(audit.id), section.key).path) : .el("span", .txt(section.title)),
                    .el("strong", .cls("c-tag " + (state == .completed ? "c-tag--green" : state == .inProgress ? "c-tag--blue" : "c-tag--grey")), .txt(state.rawValue)))
            })),
            .el("p", .cls("c-body"), .link(canEdit ? "Check your answers and submit" : "Read the answers", to: SiteURL.auditCheck(.value(audit.id)).path,
                                           classes: canEdit ? "c-button" : "c-link")),
            canReopen ? Form.post(action: SiteURL.auditReopen(.value(audit.id)).path, csrfToken: context.csrfToken,
                                  .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(audit.version))),
                                  Form.button("Reopen for changes", classes: "c-button c-button--secondary")) : .empty,
        ])
    }

    struct SectionModel: Sendable {
        var audit: Response
        var definition: FormDefinition
        var section: FormSection
        var answers: Answers
        var rating: (rating: String, reason: String)?
        var problems: [FieldProblem] = []
        var notice: String?
    }

    static func section(_ model: SectionModel, context: PageContext) -> Layout {
        let section = model.section
        // Only what applies given the answers so far (GOV.UK: ask only what is needed).
        let questions = section.questions.filter { FormValidation.isRelevant($0, in: model.definition, answers: model.answers) }
        return Layout(title: section.title, context: context, hasErrors: !model.problems.isEmpty, main: [
            model.notice.map { NotificationBanner.render($0, success: false) } ?? .empty,
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt(name(model.audit, model.definition))),
            .heading(1, section.title, classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: SiteURL.auditSection(.value(model.audit.id), section.key).path, csrfToken: context.csrfToken,
                    .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.audit.version))),
                    .group(questions.map { asked in question(asked, answer: model.answers[asked.key], error: model.problems.first { $0.field == asked.key }?.message) }),
                    section.rated ? .group([
                        Form.select(name: "rating", label: "Your rating of this section", options: [("", "Not rated yet")] + SectionRating.allCases.map { ($0.rawValue, $0.title) },
                                    selected: model.rating?.rating ?? "", error: model.problems.first { $0.field == "rating" }?.message),
                        Form.textarea(name: "ratingReason", label: "Reason for the rating", value: model.rating?.reason ?? "", error: model.problems.first { $0.field == "ratingReason" }?.message, rows: 3),
                    ]) : .empty,
                    .el("div", .cls("c-button-group"), Form.button("Save and continue"), .link("Back to the task list", to: SiteURL.audit(.value(model.audit.id)).path))))),
        ])
    }

    private static func question(_ question: FormQuestion, answer: Answer?, error: String?) -> HTMLNode {
        let value = answer?.values.first ?? ""
        let label = question.label + (question.required ? "" : " (optional)")
        let field: HTMLNode = switch question.type {
        case .yesNo:
            Form.radios(name: question.key, legend: label, options: YesNo.allCases.map { ($0.rawValue, $0.title, nil) }, selected: value, hint: question.hint, error: error)
        case .singleChoice:
            Form.radios(name: question.key, legend: label, options: (question.choices ?? []).map { ($0.value, $0.label, nil) }, selected: value, hint: question.hint, error: error)
        case .multipleChoice:
            Form.checkboxes(name: question.key, legend: label, options: (question.choices ?? []).map { ($0.value, $0.label) }, selected: Set(answer?.values ?? []), hint: question.hint, error: error)
        case .category:
            Form.checkboxes(name: question.key, legend: label, options: AbuseCategory.allCases.map { ($0.rawValue, $0.title) }, selected: Set(answer?.values ?? []), hint: question.hint, error: error)
        case .shortText:
            Form.input(name: question.key, label: label, value: value, hint: question.hint, error: error)
        case .longText:
            Form.textarea(name: question.key, label: label, value: value, hint: question.hint, error: error)
        case .wholeNumber:
            Form.input(name: question.key, label: label, value: value, hint: question.hint, error: error, width: "4", inputmode: "numeric")
        case .date:
            Form.date(name: question.key, legend: label, field: .iso(value), hint: question.hint, error: error)
        }
        guard let followUp = question.followUp else { return field }
        return .group([field, Form.textarea(name: "\(question.key)-followUp", label: followUp + " (if yes)", value: answer?.followUp ?? "", rows: 3)])
    }

    static func display(_ question: FormQuestion, _ answer: Answer?) -> String {
        guard let answer, !answer.values.isEmpty || answer.followUp != nil else { return "Not answered" }
        let values = answer.values.map { value -> String in
            switch question.type {
            case .yesNo: YesNo.title(of: value)
            case .singleChoice, .multipleChoice: question.choices?.first { $0.value == value }?.label ?? value
            case .category: AbuseCategory.title(of: value)
            case .date: CalendarDate(iso: value).map(Formats.date) ?? value
            default: value
            }
        }
        return values.joined(separator: ", ") + (answer.followUp.map { values.isEmpty ? $0 : ": \($0)" } ?? "")
    }

    static func check(audit: Response, definition: FormDefinition, answers: Answers, ratings: [String: FormStore.Rating], problems: [FieldProblem],
                      canSubmit: Bool, context: PageContext) -> Layout {
        Layout(title: "Check: \(name(audit, definition))", context: context, hasErrors: !problems.isEmpty, main: [
            problems.isEmpty ? .empty : .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
                .el("h2", .cls("c-error-summary__title"), .txt("This cannot be submitted yet")),
                .el("ul", .cls("c-list c-error-summary__list"), .group(problems.map { problem in
                    let section = definition.sections.first { $0.questions.contains { $0.key == problem.field } }
                    return HTMLNode.el("li", section.map { .link(problem.message, to: SiteURL.auditSection(.value(audit.id), $0.key).path) } ?? .txt(problem.message))
                }))),
            .heading(1, canSubmit ? "Check your answers before submitting" : name(audit, definition), classes: "c-heading-l"),
            .group(definition.sections.map { section in
                let rating = ratings[section.key]
                return HTMLNode.group([
                    .heading(2, section.title, classes: "c-heading-m"),
                    SummaryList.render(section.questions.filter { FormValidation.isRelevant($0, in: definition, answers: answers) }.map { question in
                        SummaryList.Row(question.label, display(question, answers[question.key]),
                                        action: canSubmit ? .link("Change", to: SiteURL.auditSection(.value(audit.id), section.key).path) : .empty)
                    } + (section.rated ? [SummaryList.Row("Rating", rating.map { (SectionRating(rawValue: $0.rating)?.title ?? $0.rating) + ($0.reason.isEmpty ? "" : ": \($0.reason)") } ?? "Not rated")] : [])),
                ])
            }),
            canSubmit ? Form.post(action: SiteURL.auditCheck(.value(audit.id)).path, csrfToken: context.csrfToken,
                                  .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(audit.version))),
                                  .paragraph("Once submitted, the answers can be read but not changed."),
                                  Form.button(definition.usedFor == .fileAudit ? "Submit the audit" : "Submit")) : .empty,
        ])
    }
}

extension FormResponseView {
    enum Notice: String, PageNotice {
        case submitted, reopened

        /// `what` is "The audit" or "The response".
        func message(what: String) -> String {
            switch self {
            case .submitted: "\(what) has been submitted."
            case .reopened: "\(what) has been reopened: it can be changed and submitted again."
            }
        }
    }
}
