import ConduitCore
import Foundation
import Plot

/// A partnership's retention periods, a number of years for each kind of record.
enum RetentionSettingsView {
    struct Model: Sendable {
        var partnershipID: UUID
        var partnershipName: String
        var years: [RetentionRecord: String]
        var problems: [FieldProblem]
        var saved: Bool
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Retention periods", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            model.saved ? NotificationBanner.render("The retention periods have been saved. They apply the next time conduit retention runs.") : .empty,
            .el("span", .cls("c-caption-l"), .txt(model.partnershipName)),
            .heading(1, "Retention periods", classes: "c-heading-l"),
            .paragraph("How long the personal details in these records are kept. When a record passes its period, its names, free text and contact details are removed; its counts and categories stay, so every report gives the same figures."),
            Form.post(action: SiteURL.adminPartnershipRetention(.value(model.partnershipID)).path, csrfToken: context.csrfToken,
                .group(RetentionRecord.allCases.map { record in
                    Form.input(name: record.rawValue, label: "\(record.title): years", value: model.years[record],
                               hint: "Default \(record.defaultYears). Removes \(record.removes).",
                               error: model.problems.first { $0.field == record.rawValue }?.message, width: "3", inputmode: "numeric")
                }),
                Form.button("Save the periods")),
        ])
    }
}
