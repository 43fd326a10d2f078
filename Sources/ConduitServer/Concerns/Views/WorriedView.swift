import ConduitCore
import Foundation
import Plot

/// The public pages of how to raise a concern about a child.
enum WorriedView {
    static func index(_ partnerships: [(code: String, name: String)], context: PageContext) -> Layout {
        Layout(title: "Worried about a child?", context: context, main: [
            .heading(1, "Worried about a child?", classes: "c-heading-xl"),
            dangerNow(),
            .paragraph("Choose the area where the child lives to see who to contact there."),
            .el("ul", .cls("c-list"), .group(partnerships.map { partnership in
                HTMLNode.el("li", .link(partnership.name, to: SiteURL.worried(partnership.code).path))
            })),
            nspcc(),
            PublicPages.links(),
        ], exitThisPage: true)
    }

    static func show(_ page: SafeguardingContacts.Page, language: PageLanguage?, context: PageContext) -> Layout {
        let frontDoor = page.services.filter { $0.route == .frontDoor }
        return Layout(title: "Worried about a child in \(page.partnershipName)?", context: context, main: [
            .el("span", .cls("c-caption-l"), .txt(page.partnershipName)),
            .heading(1, "Worried about a child?", classes: "c-heading-xl"),
            languages(page, current: language),
            translated(page, language),
            dangerNow(),
            .heading(2, "If you are worried, but a child is not in danger now", classes: "c-heading-l"),
            .paragraph("Tell the council's children's services. You do not need to be sure, and you can ask for your name not to be shared with the family."),
            frontDoor.isEmpty
                ? .paragraph("Contact the children's services of the council where the child lives.")
                : .group(frontDoor.map(card)),
            .heading(2, "Other people you can talk to", classes: "c-heading-m"),
            .group(page.services.filter { $0.route != .frontDoor && $0.route != .nspcc }.map(card)),
            .el("div", .cls("c-contact-card"),
                .heading(3, "The police, when it is not an emergency", classes: "c-heading-s"),
                .el("p", .cls("c-contact-card__phone"), .link("101", to: "tel:101"))),
            nspcc(),
            .paragraph("Faith and community groups can also talk to the community partnership adviser of \(page.partnershipName)'s safeguarding children partnership, who can pass a concern on with you."),
            PublicPages.links(),
        ], exitThisPage: true)
    }

    /// The partnership's own words in the language chosen, marked as that language so a
    /// screen reader speaks it so and right-to-left scripts run right to left.
    private static func translated(_ page: SafeguardingContacts.Page, _ language: PageLanguage?) -> HTMLNode {
        guard let language, let text = page.texts.first(where: { $0.language == language }) else { return .empty }
        let paragraphs: [HTMLNode] = text.text.components(separatedBy: "\n\n").map { HTMLNode.paragraph($0, classes: "c-body-l") }
        return .el("div", .cls("c-inset"), .attr("lang", language.code), .attr("dir", language.direction), .group(paragraphs))
    }

    private static func dangerNow() -> HTMLNode {
        .el("div", .cls("c-call-now"),
            .heading(2, "If a child is in danger now, call 999", classes: "c-heading-l"),
            .paragraph("For example a child who is being hurt, is about to be taken abroad to be cut or married, or cannot go home safely.", classes: "c-body"),
            .el("p", .cls("c-body"), .link("Call 999", to: "tel:999", classes: "c-button c-button--warning")))
    }

    private static func nspcc() -> HTMLNode {
        .el("div", .cls("c-contact-card"),
            .heading(3, "NSPCC helpline: free, 24 hours, you need not give your name", classes: "c-heading-s"),
            .el("p", .cls("c-contact-card__phone"), .link("0808 800 5000", to: "tel:08088005000")),
            .paragraph("Children and young people can call Childline on 0800 1111."))
    }

    private static func card(_ service: ConcernView.Service) -> HTMLNode {
        .el("div", .cls("c-contact-card"),
            .heading(3, service.name, classes: "c-heading-s"),
            service.phone.isEmpty ? .empty : .el("p", .cls("c-contact-card__phone"), phone(service.phone)),
            service.email.isEmpty ? .empty : .el("p", .cls("c-body"), .link(service.email, to: "mailto:" + service.email)))
    }

    /// A number a phone can dial is a link; words ("999 in an emergency, otherwise 101") stay text.
    private static func phone(_ text: String) -> HTMLNode {
        let digits = text.filter(\.isNumber)
        let dialable = digits.count >= 3 && text.allSatisfy { $0.isNumber || $0 == " " || $0 == "+" }
        return dialable ? .link(text, to: "tel:" + digits) : .txt(text)
    }

    private static func languages(_ page: SafeguardingContacts.Page, current: PageLanguage?) -> HTMLNode {
        guard !page.texts.isEmpty else { return .empty }
        return .el("nav", .cls("c-body"), .attr("aria-label", "Languages"),
            .el("ul", .cls("c-list c-list--inline"),
                .el("li", current == nil ? .el("strong", .txt("English")) : .el("a", .cls("c-link"), .attr("href", SiteURL.worried(page.code).path), .attr("lang", "en"), .txt("English"))),
                .group(page.texts.map { text in
                    HTMLNode.el("li", current == text.language
                        ? .el("strong", .attr("lang", text.language.code), .txt(text.language.endonym))
                        : .el("a", .cls("c-link"), .attr("href", SiteURL.worried(page.code).path(query: [("lang", text.language.code)])),
                              .attr("lang", text.language.code), .attr("hreflang", text.language.code), .txt(text.language.endonym)))
                })))
    }
}
