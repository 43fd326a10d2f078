import ConduitCore
import Plot

/// Form pieces following the GOV.UK Design System's patterns: label, hint,
/// inline error ("Error: " for screen readers) and the error summary.
enum Form {
    /// The hidden CSRF field every form carries.
    static func csrf(_ token: String) -> HTMLNode {
        .void("input", .attr("type", "hidden"), .attr("name", CSRF.field), .attr("value", token))
    }

    /// A POST form with its CSRF field.
    static func post(action: String, csrfToken: String, novalidate: Bool = true, _ nodes: HTMLNode...) -> HTMLNode {
        .el("form", .attr("method", "post"), .attr("action", action), .flag("novalidate", novalidate),
            csrf(csrfToken), .group(nodes))
    }

    /// "There is a problem" with a link to each field in error.
    static func errorSummary(_ problems: [FieldProblem]) -> HTMLNode {
        guard !problems.isEmpty else { return .empty }
        return .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
            .attr("aria-labelledby", "error-summary-title"),
            .el("h2", .cls("c-error-summary__title"), .attr("id", "error-summary-title"), .txt("There is a problem")),
            .el("ul", .cls("c-list c-error-summary__list"), .group(problems.map { problem in
                HTMLNode.el("li", .link(problem.message, to: "#" + problem.field, classes: "c-link"))
            })))
    }

    static func errorMessage(_ message: String?, id: String) -> HTMLNode {
        guard let message else { return .empty }
        return .el("p", .cls("c-error-message"), .attr("id", id + "-error"),
            .el("span", .cls("c-visually-hidden"), .txt("Error: ")), .txt(message))
    }

    static func hintText(_ text: String?, id: String) -> HTMLNode {
        guard let text else { return .empty }
        return .el("div", .cls("c-hint"), .attr("id", id + "-hint"), .txt(text))
    }

    private static func describedBy(_ id: String, hint: String?, error: String?) -> String? {
        let ids = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// A text input with its label.
    static func input(name: String, label: String, value: String? = nil, hint: String? = nil, error: String? = nil,
                      type: String = "text", autocomplete: String? = nil, width: String? = nil,
                      inputmode: String? = nil, spellcheck: Bool? = nil) -> HTMLNode {
        .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("label", .cls("c-label"), .attr("for", name), .txt(label)),
            hintText(hint, id: name),
            errorMessage(error, id: name),
            .void("input", .cls("c-input" + (width.map { " c-input--width-\($0)" } ?? "") + (error == nil ? "" : " c-input--error")),
                  .attr("id", name), .attr("name", name), .attr("type", type), .attr("value", value),
                  .attr("autocomplete", autocomplete), .attr("inputmode", inputmode),
                  .attr("spellcheck", spellcheck.map { $0 ? "true" : "false" }),
                  .attr("aria-describedby", describedBy(name, hint: hint, error: error))))
    }

    /// A multi-line text box with its label.
    static func textarea(name: String, label: String, value: String, hint: String? = nil, error: String? = nil, rows: Int = 4) -> HTMLNode {
        .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("label", .cls("c-label"), .attr("for", name), .txt(label)),
            hintText(hint, id: name),
            errorMessage(error, id: name),
            .el("textarea", .cls("c-input c-textarea" + (error == nil ? "" : " c-input--error")), .attr("id", name), .attr("name", name),
                .attr("rows", String(rows)), .attr("aria-describedby", describedBy(name, hint: hint, error: error)), .txt(value)))
    }

    /// Checkboxes in a fieldset; the values arrive as the array `name`.
    static func checkboxes(name: String, legend: String, options: [(value: String, label: String)], selected: Set<String>,
                           hint: String? = nil, error: String? = nil, small: Bool = false) -> HTMLNode {
        .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("fieldset", .cls("c-fieldset"), .attr("aria-describedby", describedBy(name, hint: hint, error: error)),
                .el("legend", .cls("c-fieldset__legend" + (small ? "" : " c-fieldset__legend--m")), .txt(legend)),
                hintText(hint, id: name),
                errorMessage(error, id: name),
                .el("div", .cls("c-checkboxes" + (small ? " c-checkboxes--small" : "")), .group(options.enumerated().map { index, option in
                    let id = index == 0 ? name : "\(name)-\(index + 1)"
                    return HTMLNode.el("div", .cls("c-checkboxes__item"),
                        .void("input", .cls("c-checkboxes__input"), .attr("id", id), .attr("name", name + "[]"), .attr("type", "checkbox"),
                              .attr("value", option.value), .flag("checked", selected.contains(option.value))),
                        .el("label", .cls("c-checkboxes__label"), .attr("for", id), .txt(option.label)))
                }))))
    }

    /// A select with its label.
    static func select(name: String, label: String, options: [(value: String, label: String)], selected: String?,
                       hint: String? = nil, error: String? = nil) -> HTMLNode {
        .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("label", .cls("c-label"), .attr("for", name), .txt(label)),
            hintText(hint, id: name),
            errorMessage(error, id: name),
            .el("select", .cls("c-select"), .attr("id", name), .attr("name", name),
                .attr("aria-describedby", describedBy(name, hint: hint, error: error)),
                .group(options.map { option in
                    HTMLNode.el("option", .attr("value", option.value), .flag("selected", option.value == selected), .txt(option.label))
                })))
    }

    /// A select whose options are grouped under headings (`optgroup`), e.g. ethnicity by major group.
    static func groupedSelect(name: String, label: String, first: (value: String, label: String)?, groups: [(label: String, options: [(value: String, label: String)])],
                              selected: String?, error: String? = nil) -> HTMLNode {
        func option(_ option: (value: String, label: String)) -> HTMLNode {
            .el("option", .attr("value", option.value), .flag("selected", option.value == selected), .txt(option.label))
        }
        return .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("label", .cls("c-label"), .attr("for", name), .txt(label)),
            errorMessage(error, id: name),
            .el("select", .cls("c-select"), .attr("id", name), .attr("name", name), .attr("aria-describedby", error.map { _ in name + "-error" }),
                first.map(option) ?? .empty,
                .group(groups.map { group in HTMLNode.el("optgroup", .attr("label", group.label), .group(group.options.map(option))) })))
    }

    /// Radios in a fieldset, one question.
    static func radios(name: String, legend: String, options: [(value: String, label: String, hint: String?)], selected: String?,
                       hint: String? = nil, error: String? = nil) -> HTMLNode {
        .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("fieldset", .cls("c-fieldset"), .attr("aria-describedby", describedBy(name, hint: hint, error: error)),
                .el("legend", .cls("c-fieldset__legend c-fieldset__legend--m"), .txt(legend)),
                hintText(hint, id: name),
                errorMessage(error, id: name),
                .el("div", .cls("c-radios"), .group(options.enumerated().map { index, option in
                    let id = index == 0 ? name : "\(name)-\(index + 1)"
                    return HTMLNode.el("div", .cls("c-radios__item"),
                        .void("input", .cls("c-radios__input"), .attr("id", id), .attr("name", name), .attr("type", "radio"),
                              .attr("value", option.value), .flag("checked", option.value == selected),
                              .attr("aria-describedby", option.hint.map { _ in id + "-item-hint" })),
                        .el("label", .cls("c-radios__label"), .attr("for", id), .txt(option.label)),
                        option.hint.map { HTMLNode.el("div", .cls("c-hint"), .attr("id", id + "-item-hint"), .txt($0)) } ?? .empty)
                }))))
    }

    /// A day / month / year date input (GOV.UK pattern); the day box carries the field's id.
    static func date(name: String, legend: String, field: DateField, hint: String? = "For example, 27 3 2025", error: String? = nil) -> HTMLNode {
        let boxes = field.boxes
        return date(name: name, legend: legend, day: boxes.day, month: boxes.month, year: boxes.year, hint: hint, error: error)
    }

    static func date(name: String, legend: String, day: String, month: String, year: String,
                     hint: String? = "For example, 27 3 2025", error: String? = nil) -> HTMLNode {
        func item(_ part: String, _ label: String, _ value: String, width: String) -> HTMLNode {
            let id = part == "day" ? name : "\(name)-\(part)"
            return .el("div", .cls("c-date-input__item"),
                .el("label", .cls("c-label c-date-input__label"), .attr("for", id), .txt(label)),
                .void("input", .cls("c-input c-date-input__input c-input--width-\(width)" + (error == nil ? "" : " c-input--error")),
                      .attr("id", id), .attr("name", "\(name)-\(part)"), .attr("type", "text"),
                      .attr("inputmode", "numeric"), .attr("value", value)))
        }
        return .el("div", .cls("c-form-group" + (error == nil ? "" : " c-form-group--error")),
            .el("fieldset", .cls("c-fieldset"), .attr("role", "group"), .attr("aria-describedby", describedBy(name, hint: hint, error: error)),
                .el("legend", .cls("c-fieldset__legend"), .txt(legend)),
                hintText(hint, id: name),
                errorMessage(error, id: name),
                .el("div", .cls("c-date-input"),
                    item("day", "Day", day, width: "2"), item("month", "Month", month, width: "2"), item("year", "Year", year, width: "4"))))
    }

    static func button(_ text: String, classes: String = "c-button", name: String? = nil, value: String? = nil) -> HTMLNode {
        .el("button", .cls(classes), .attr("type", "submit"), .attr("name", name), .attr("value", value), .txt(text))
    }
}
