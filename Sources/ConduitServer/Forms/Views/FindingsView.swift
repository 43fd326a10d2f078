import ConduitCore
import Foundation
import Plot

/// The findings page: prevalence by category (seed 004's table), answers per question, ratings and notes.
enum FindingsView {
    struct Model: Sendable {
        var definition: FormDefinition
        var forms: [StoredForm]
        var partnerships: [DirectoryLookups.PartnershipOption]
        var chosen: UUID?
        var from: String
        var to: String
        var figures: AuditFindings.Figures?
        var suppressed: Bool
        var problems: [FieldProblem]
        /// The query string, for the CSV link.
        var query: String
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Findings of file audits", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Findings of file audits", classes: "c-heading-l"),
            filters(model),
            model.figures == nil ? .empty : .el("p", .cls("c-body"), .link("Download these findings (CSV)", to: SiteURL.auditFindingsExport.path + (model.query.isEmpty ? "" : "?" + model.query))),
            model.figures.map { figures in
                .group([
                    model.suppressed ? .el("div", .cls("c-inset"), .paragraph("These findings combine more than your own partnership's audits, so counts from 1 to \(DisclosureControl.threshold) are shown as c, with other figures hidden where they would give a hidden one away.", classes: "c-body-s")) : .empty,
                    prevalence(figures, suppressed: model.suppressed),
                    versions(figures),
                    answers(figures, definition: model.definition, suppressed: model.suppressed),
                    ratings(figures, definition: model.definition, suppressed: model.suppressed),
                    notes(figures, definition: model.definition),
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
                    Form.input(name: "from", label: "Audited from (optional)", value: model.from, hint: "YYYY-MM-DD", error: error("from"), width: "10"),
                    Form.input(name: "to", label: "Audited to (optional)", value: model.to, hint: "YYYY-MM-DD", error: error("to"), width: "10"))),
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
    static func answerLines(_ question: FormQuestion, _ figures: AuditFindings.Figures, suppressed: Bool) -> [(label: String, files: Cell)] {
        let options: [(String, String)] = switch question.type {
        case .yesNo: YesNo.allCases.map { ($0.rawValue, $0.title) }
        case .category: AbuseCategory.allCases.map { ($0.rawValue, $0.title) }
        default: (question.choices ?? []).map { ($0.value, $0.label) }
        }
        var lines = options.map { option in (option.1, figures.answers.first { $0.question_key == question.key && $0.value == option.0 }?.n ?? 0) }
        if question.type != .multipleChoice && question.type != .category {
            lines.append(("Not relevant or not answered", max(0, figures.files - lines.reduce(0) { $0 + $1.1 })))
        }
        let cells = suppressed ? DisclosureControl.suppress(lines.map(\.1)).cells : lines.map { Cell.count($0.1) }
        return zip(lines, cells).map { ($0.0, $1) }
    }

    private static func versions(_ figures: AuditFindings.Figures) -> HTMLNode {
        guard figures.versions.count > 1 else { return .empty }
        return .paragraph("Versions of the form used: " + figures.versions.map { "version \($0.key) (\($0.n) audits)" }.joined(separator: ", ")
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
                        Table.render(caption: question.label, columns: [.init(title: "Answer"), .init(title: "Files", numeric: true)],
                                     rows: answerLines(question, figures, suppressed: suppressed).map { [.txt($0.label), .txt($0.files.text)] })
                    }))
            }),
        ])
    }

    private static func ratings(_ figures: AuditFindings.Figures, definition: FormDefinition, suppressed: Bool) -> HTMLNode {
        let sections = definition.sections.filter { section in figures.ratings.contains { $0.section_key == section.key } }
        guard !sections.isEmpty else { return .empty }
        return .group([
            .heading(2, "Section ratings by partnership", classes: "c-heading-m"),
            .group(sections.map { section in
                let rows = figures.ratings.filter { $0.section_key == section.key }
                let partnerships = Array(Set(rows.map(\.partnership))).sorted()
                let counts = partnerships.map { partnership in SectionRating.allCases.map { rating in rows.first { $0.partnership == partnership && $0.rating == rating.rawValue }?.n ?? 0 } }
                let published = suppressed ? DisclosureControl.suppress(table: counts) : StatisticsController.unsuppressed(counts)
                return Table.render(caption: section.title, columns: [.init(title: "Partnership")] + SectionRating.allCases.map { .init(title: $0.title, numeric: true) } + [.init(title: "Total", numeric: true)],
                                    rows: partnerships.enumerated().map { index, name in [.txt(name)] + published.cells[index].map { HTMLNode.txt($0.text) } + [.txt(published.rowTotals[index].text)] })
            }),
        ])
    }

    private static func notes(_ figures: AuditFindings.Figures, definition: FormDefinition) -> HTMLNode {
        guard !figures.notes.isEmpty else { return .empty }
        return .group([
            .heading(2, "Good practice and concerns noted", classes: "c-heading-m"),
            .group(definition.sections.map { section in
                let good = figures.notes.filter { $0.question_key == "\(section.key)-good-practice" }
                let concerns = figures.notes.filter { $0.question_key == "\(section.key)-concerns" }
                guard !good.isEmpty || !concerns.isEmpty else { return .empty }
                return .el("details", .cls("c-details"), .el("summary", .txt(section.title)),
                    good.isEmpty ? .empty : .group([.heading(3, "Areas of good practice", classes: "c-heading-s"),
                                                    .el("ul", .cls("c-list c-list--bullet"), .group(good.map { HTMLNode.el("li", .txt("\($0.value) (\($0.partnership))")) }))]),
                    concerns.isEmpty ? .empty : .group([.heading(3, "Areas of concern", classes: "c-heading-s"),
                                                        .el("ul", .cls("c-list c-list--bullet"), .group(concerns.map { HTMLNode.el("li", .txt("\($0.value) (\($0.partnership))")) }))]))
            }),
        ])
    }
}
