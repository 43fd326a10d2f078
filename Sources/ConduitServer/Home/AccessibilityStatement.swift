import Foundation
import Plot
import Vapor

/// The accessibility statement (Public Sector Bodies Accessibility Regulations 2018), in the
/// GOV.UK model's order: what works, what does not yet, and whom to tell.
enum AccessibilityStatement {
    @Sendable
    static func show(req: Request) async throws -> Layout {
        Layout(title: "Accessibility statement", context: PageContext(req), main: [
            .heading(1, "Accessibility statement for Conduit", classes: "c-heading-l"),
            .paragraph("Conduit is used by partnership staff and advisers, often on older laptops and phones at community venues in the evening, and by people who use screen readers, magnifiers or only a keyboard. We want as many of them as possible to be able to use it."),
            .heading(2, "How Conduit is built for this", classes: "c-heading-m"),
            .el("ul", .cls("c-list c-list--bullet"),
                .el("li", .txt("Every page is made on the server and works without JavaScript.")),
                .el("li", .txt("Pages follow the GOV.UK Design System's patterns: one heading per page, labelled fields, an error summary linking to each field with a problem, visible focus.")),
                .el("li", .txt("Every chart has a table with the same figures beside it, and the chart itself is hidden from screen readers.")),
                .el("li", .txt("Each cell of a return's grid has a label naming its category and breakdown in full.")),
                .el("li", .txt("Text can be enlarged to 200% and pages reflow; colour is never the only way information is given."))),
            .heading(2, "How accessible Conduit is", classes: "c-heading-m"),
            .paragraph("Conduit aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. It is partially compliant while its automated and manual accessibility testing is being built. Known issues:"),
            .el("ul", .cls("c-list c-list--bullet"),
                .el("li", .txt("The grids of a return and some wide statistics tables scroll sideways on narrow screens.")),
                .el("li", .txt("Pages have not yet been checked with an automated accessibility tool on every journey, nor with every major screen reader."))),
            .heading(2, "Reporting problems", classes: "c-heading-m"),
            .paragraph("If you find something in Conduit hard to use, tell your partnership's administrator, who passes it to the team that runs Conduit. Say which page and what you were trying to do. We aim to reply within 5 working days."),
            .heading(2, "Enforcement procedure", classes: "c-heading-m"),
            .paragraph("The Equality and Human Rights Commission enforces the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)."),
            .heading(2, "Preparation of this statement", classes: "c-heading-m"),
            .paragraph("This statement was prepared on 23 November 2026."),
        ])
    }
}
