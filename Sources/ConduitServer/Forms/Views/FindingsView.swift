import ConduitCore
import Foundation
import Plot

/// The findings page of any form: prevalence by category (seed 004's table) where the form asks
/// for categories, answers per question, ratings and the free-text notes.
enum FindingsView {
    /// The session or group the findings are limited to.
    struct Subject: Sendable {
        var subject: FormStore.Subject
        var title: String
        var path: String
    }

    struct Model: Sendable {
        var definition: FormDefinition
        /// The forms whose findings the person may read.
        var forms: [FormDefinition]
        var partnerships: [DirectoryLookups.PartnershipOption]
        var chosen: UUID?
        var from: String
        var to: String
        var subject: Subject?
        var filters: AuditFindings.Filters?
        var figures: AuditFindings.Figures?
        var suppressed: Bool
        var problems: [FieldProblem]
        /// The query string, for the CSV link.
        var query: String
    }

    /// The free-text questions listed for reading: for file audits the areas of good practice
    /// and of concern (seed 004 section 4.3) rather than case details; for other forms every one.
    static func noteQuestions(of definition: FormDefinition) -> [FormQuestion] {
        definition.questions.filter { question in
            question.type == .longText
                && (definition.usedFor != .fileAudit || question.key.hasSuffix("-good-practice") || question.key.hasSuffix("-concerns"))
        }
    }

    static func asksCategories(_ definition: FormDefinition) -> Bool {
        definition.questions.contains { $0.type == .category }
    }

    static func title(_ model: Model) -> String {
        model.definition.usedFor == .fileAudit ? "Findings of file audits" : "Findings: \(model.definition.title)"
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: title(model), context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, title(model), classes: "c-heading-l"),
            model.subject.map { .el("p", .cls("c-body"), .txt("Only the responses about "), .link($0.title, to: $0.path), .txt(".")) } ?? .empty,
            filters(model),
            model.figures == nil ? .empty : .el("p", .cls("c-body"), .link("Download these findings (CSV)", to: SiteURL.auditFindingsExport.path + (model.query.isEmpty ? "" : "?" + model.query))),
            model.figures.map { figures in
                .group([
                    model.suppressed ? .el("div", .cls("c-inset"), .paragraph("These findings include responses you may not open, so counts from 1 to \(DisclosureControl.threshold) are shown as c, with other figures hidden where they would give a hidden one away.", classes: "c-body-s"))
                        : PublicationNote.render(.exact),
                    asksCategories(model.definition) ? prevalence(figures, suppressed: model.suppressed)
                        : .paragraph("Responses counted: \(prevalenceFigures(figures, suppressed: model.suppressed).files.text)."),
                    versions(figures, suppressed: model.suppressed),
                    answers(figures, definition: model.definition, suppressed: model.suppressed),
                    ratings(figures, definition: model.definition, suppressed: model.suppressed),
                    notes(figures, definition: model.definition),
                    .el("p", .cls("c-body"), .link("Download the answers of every \(model.definition.usedFor == .fileAudit ? "audit" : "response"), one row each (CSV, for research)",
                                                   to: SiteURL.auditAnswersExport.path + (model.query.isEmpty ? "" : "?" + model.query))),
                ])
            } ?? .empty,
        ])
    }

    private static func filters(_ model: Model) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.auditFindings.path),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: "form", label: "Form", options: model.forms.map { ($0.key, $0.title) }, selected: model.definition.key),
                    Form.select(name: "partnership", label: "Partnership", options: [("", "All you may see")] + model.partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                                selected: model.chosen?.uuidString.lowercased() ?? "", error: error("partnership"))),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.input(name: "from", label: "From (optional)", value: model.from, hint: "YYYY-MM-DD", error: error("from"), width: "10"),
                    Form.input(name: "to", label: "To (optional)", value: model.to, hint: "YYYY-MM-DD", error: error("to"), width: "10"))),
            model.subject.map { subject -> HTMLNode in
                let (name, id): (String, UUID) = switch subject.subject {
                case .trainingSession(let id): ("session", id)
                case .group(let id): ("group", id)
                }
                return .void("input", .attr("type", "hidden"), .attr("name", name), .attr("value", id.uuidString.lowercased()))
            } ?? .empty,
            Form.button("Show findings", classes: "c-button c-button--secondary"))
    }

    /// The files per category as published, the mentions and the files audited.
    static func prevalenceFigures(_ figures: AuditFindings.Figures, suppressed: Bool) -> (lines: [(label: String, files: Cell)], mentions: Cell, files: Cell) {
        let counts = AbuseCategory.allCases.compactMap { category in figures.categories.first { $0.key == category.rawValue }.map { (category, $0.n) } }
        let mentions = counts.reduce(0) { $0 + $1.1 }
        let published: (cells: [Cell], total: Cell) = suppressed ? DisclosureControl.suppress(counts.map(\.1)) : (counts.map { Cell.count($0.1) }, Cell.count(mentions))
        let files = suppressed ? DisclosureControl.suppress([figures.files]).total : .count(figures.files)
        return (zip(counts, published.cells).map { ($0.0.title, $1) }, published.total, files)
    }

    private static func prevalence(_ figures: AuditFindings.Figures, suppressed: Bool) -> HTMLNode {
        let published = prevalenceFigures(figures, suppressed: suppressed)
        return .group([
            .heading(2, "Prevalence", classes: "c-heading-m"),
            .paragraph("\(published.files.text) files audited. Each file is counted once under each category of abuse it concerns."),
            Table.render(caption: "Files by category of abuse", columns: [.init(title: "Category"), .init(title: "Files", numeric: true)],
                         rows: published.lines.map { [.txt($0.label), .txt($0.files.text)] }
                             + [[.el("strong", .txt("Category mentions")), .el("strong", .txt(published.mentions.text))]]),
            figures.filesInSeveral > 0 && !suppressed
                ? .paragraph("\(figures.filesInSeveral == 1 ? "One file is" : "\(figures.filesInSeveral) files are") counted more than once, as \(figures.filesInSeveral == 1 ? "it concerns" : "they concern") more than one category.")
                : .empty,
        ])
    }

    /// The questions whose answers are counted: the ones with a fixed set of answers.
    static let countedTypes: Set<QuestionType> = [.yesNo, .singleChoice, .multipleChoice, .category]

    /// One question's answers as published, "Not relevant" kept apart from "Not known".
    static func answerLines(_ question: FormQuestion, _ figures: AuditFindings.Figures, suppressed: Bool) -> [(value: String, label: String, files: Cell)] {
        let options: [(String, String)] = switch question.type {
        case .yesNo: YesNo.allCases.map { ($0.rawValue, $0.title) }
        case .category: AbuseCategory.allCases.map { ($0.rawValue, $0.title) }
        default: (question.choices ?? []).map { ($0.value, $0.label) }
        }
        var lines = options.map { option in (option.0, option.1, figures.answers.first { $0.questionKey == question.key && $0.value == option.0 }?.n ?? 0) }
        if question.type != .multipleChoice && question.type != .category {
            lines.append((notRelevant, "Not relevant or not answered", max(0, figures.files - lines.reduce(0) { $0 + $1.2 })))
        }
        let cells = suppressed ? DisclosureControl.suppress(lines.map(\.2)).cells : lines.map { Cell.count($0.2) }
        return zip(lines, cells).map { ($0.0, $0.1, $1) }
    }

    /// The value standing for the files where a question was hidden or left blank, kept apart from "not known".
    static let notRelevant = "not_relevant"

    /// Which versions the counted files used. Their counts are a breakdown of the files counted,
    /// so where figures are suppressed they are not shown: "version 2 (1 audits)" beside a
    /// protected total is the very figure the protection hides (issue 14).
    private static func versions(_ figures: AuditFindings.Figures, suppressed: Bool) -> HTMLNode {
        guard figures.versions.count > 1 else { return .empty }
        return .paragraph("Versions of the form used: " + figures.versions.map { "version \($0.key)" + (suppressed ? "" : " (\($0.n) audits)") }.joined(separator: ", ")
                          + ". Questions are combined across versions by their key.", classes: "c-body-s")
    }

    private static func answers(_ figures: AuditFindings.Figures, definition: FormDefinition, suppressed: Bool) -> HTMLNode {
        .group([
            .heading(2, "Answers by question", classes: "c-heading-m"),
            .group(definition.sections.map { section in
                let questions = section.questions.filter { countedTypes.contains($0.type) }
                guard !questions.isEmpty else { return .empty }
                return .el("details", .cls("c-details"), .el("summary", .txt(section.title)),
                    .group(questions.map { question in
                        Table.render(caption: question.label, columns: [.init(title: "Answer"), .init(title: definition.usedFor == .fileAudit ? "Files" : "Responses", numeric: true)],
                                     rows: answerLines(question, figures, suppressed: suppressed).map { [.txt($0.label), .txt($0.files.text)] })
                    }))
            }),
        ])
    }

    private static func ratings(_ figures: AuditFindings.Figures, definition: FormDefinition, suppressed: Bool) -> HTMLNode {
        let sections = definition.sections.filter { section in figures.ratings.contains { $0.sectionKey == section.key } }
        guard !sections.isEmpty else { return .empty }
        return .group([
            .heading(2, "Section ratings by partnership", classes: "c-heading-m"),
            .group(sections.map { section in
                let rows = figures.ratings.filter { $0.sectionKey == section.key }
                let partnerships = Array(Set(rows.map(\.partnership))).sorted()
                let counts = partnerships.map { partnership in SectionRating.allCases.map { rating in rows.first { $0.partnership == partnership && $0.rating == rating.rawValue }?.n ?? 0 } }
                let published = suppressed ? DisclosureControl.suppress(table: counts) : SuppressedTable.exact(counts)
                return Table.render(caption: section.title, columns: [.init(title: "Partnership")] + SectionRating.allCases.map { .init(title: $0.title, numeric: true) } + [.init(title: "Total", numeric: true)],
                                    rows: partnerships.enumerated().map { index, name in [.txt(name)] + published.cells[index].map { HTMLNode.txt($0.text) } + [.txt(published.rowTotals[index].text)] })
            }),
        ])
    }

    private static func notes(_ figures: AuditFindings.Figures, definition: FormDefinition) -> HTMLNode {
        guard !figures.notes.isEmpty else { return .empty }
        let questions = noteQuestions(of: definition)
        return .group([
            .heading(2, definition.usedFor == .fileAudit ? "Good practice and concerns noted" : "Comments", classes: "c-heading-m"),
            .group(definition.sections.map { section in
                let asked = section.questions.filter { question in questions.contains { $0.key == question.key } }
                let lists: [HTMLNode] = asked.compactMap { question in
                    let notes = figures.notes.filter { $0.questionKey == question.key }
                    guard !notes.isEmpty else { return nil }
                    let heading = question.key.hasSuffix("-good-practice") ? "Areas of good practice"
                        : question.key.hasSuffix("-concerns") && definition.usedFor == .fileAudit ? "Areas of concern" : question.label
                    return .group([.heading(3, heading, classes: "c-heading-s"),
                                   .el("ul", .cls("c-list c-list--bullet"), .group(notes.map { HTMLNode.el("li", .txt("\($0.value) (\($0.partnership))")) }))])
                }
                guard !lists.isEmpty else { return .empty }
                return .el("details", .cls("c-details"), .el("summary", .txt(section.title)), .group(lists))
            }),
        ])
    }
}
