import ConduitCore
import Foundation
import Plot

/// The settings of a partnership's services and its public page's words.
enum ServicesView {
    struct ServiceInput: Sendable {
        var route = ""
        var name = ""
        var phone = ""
        var email = ""
    }

    struct TextInput: Sendable {
        var language = ""
        var text = ""
    }

    struct Model: Sendable {
        var page: SafeguardingContacts.Page
        var partnerships: [DirectoryLookups.PartnershipOption]
        var service: ServiceInput
        var text: TextInput
        var problems: [FieldProblem]
        var notice: Notice?
    }

    enum Notice: String, PageNotice {
        case added, removed, textSaved = "text"

        var message: String {
            switch self {
            case .added: "The service has been added."
            case .removed: "It has been removed."
            case .textSaved: "The words have been saved; the public page shows them now."
            }
        }
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        let page = model.page
        return Layout(title: "Services and the public page", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.notice.map { NotificationBanner.render($0.message) } ?? .empty,
            .el("span", .cls("c-caption-l"), .txt(page.partnershipName)),
            .heading(1, "Services and the public page", classes: "c-heading-l"),
            model.partnerships.count > 1 ? switcher(model) : .empty,
            .el("p", .cls("c-body"), .txt("The referral form offers these services; the public page "),
                .link("Worried about a child in \(page.partnershipName)?", to: SiteURL.worried(page.code).path), .txt(" shows them.")),
            services(model, context: context),
            texts(model, context: context),
        ])
    }

    private static func switcher(_ model: Model) -> HTMLNode {
        .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.concernServices.path),
            Form.select(name: "partnership", label: "Partnership", options: model.partnerships.map { ($0.id.uuidString, $0.name) },
                        selected: model.page.partnershipID.uuidString),
            Form.button("Show", classes: "c-button c-button--secondary"))
    }

    private static func services(_ model: Model, context: PageContext) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let rows: [[HTMLNode]] = model.page.services.map { service in
            [.txt(service.route?.title ?? ""), .txt(service.name), .txt([service.phone, service.email].filter { !$0.isEmpty }.joined(separator: ", ")),
             service.id.map { id in Form.post(action: SiteURL.concernServiceRemove(.value(id)).path, csrfToken: context.csrfToken,
                                              Form.button("Remove", classes: "c-button c-button--secondary c-button--small")) } ?? .empty]
        }
        return .group([
            .heading(2, "Services", classes: "c-heading-m"),
            rows.isEmpty ? .paragraph("No services yet.")
                : Table.render(caption: "Services", columns: [.init(title: "Kind"), .init(title: "Name"), .init(title: "Contact"), .init(title: "")], rows: rows, captionVisible: false, stacked: true),
            .heading(3, "Add a service", classes: "c-heading-s"),
            Form.post(action: SiteURL.concernServices.path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "partnershipID"), .attr("value", model.page.partnershipID.uuidString)),
                Form.select(name: "route", label: "Kind of service", options: [("", "Select")] + ConcernRoute.allCases.map { ($0.rawValue, $0.title) },
                            selected: model.service.route, error: error("route")),
                Form.input(name: "name", label: "Name", value: model.service.name, hint: "As people know it, for example Camden Children and Families Contact Service", error: error("name")),
                Form.input(name: "phone", label: "Phone", value: model.service.phone, error: error("phone"), type: "tel", width: "20"),
                Form.input(name: "email", label: "Email (optional)", value: model.service.email, error: error("email"), type: "email"),
                Form.button("Add the service", classes: "c-button c-button--secondary")),
        ])
    }

    private static func texts(_ model: Model, context: PageContext) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let items: [HTMLNode] = model.page.texts.map { text in
            .el("div", .cls("c-inset"),
                .heading(3, "\(text.language.english) (\(text.language.endonym))", classes: "c-heading-s"),
                .el("p", .cls("c-body"), .attr("lang", text.language.code), .attr("dir", text.language.direction), .txt(text.text)),
                text.id.map { id in Form.post(action: SiteURL.concernPageTextRemove(.value(id)).path, csrfToken: context.csrfToken,
                                              Form.button("Remove", classes: "c-button c-button--secondary")) } ?? .empty)
        }
        return .group([
            .heading(2, "The public page in other languages", classes: "c-heading-m"),
            .paragraph("What the page says, in your partnership's words, in the languages your communities read. Have it translated by someone you trust: it is safety information."),
            .group(items),
            Form.post(action: SiteURL.concernPageTexts.path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "partnershipID"), .attr("value", model.page.partnershipID.uuidString)),
                Form.select(name: "language", label: "Language", options: [("", "Select")] + PageLanguage.all.filter { $0 != .english }.map { ($0.code, "\($0.english) (\($0.endonym))") },
                            selected: model.text.language, error: error("language")),
                Form.textarea(name: "text", label: "What the page says", value: model.text.text,
                              hint: "Leave a blank line between paragraphs. Saving a language again replaces its words.", error: error("text"), rows: 6),
                Form.button("Save the words", classes: "c-button c-button--secondary")),
        ])
    }
}
