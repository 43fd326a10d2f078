import ConduitCore
import Foundation
import Plot

/// The card on a training session's or a group's page for the form filled in about it:
/// how many responses, a button to record one, and a link to their findings.
enum ResponsesPanel {
    struct Model: Sendable {
        var purpose: FormPurpose
        var counts: FormStore.ResponseCounts
        /// Where a new response is started; nil when the person may not record one.
        var startPath: String?
        /// The findings page for just these responses.
        var findingsPath: String
    }

    static func render(_ model: Model, csrfToken: String) -> HTMLNode {
        let (heading, button) = switch model.purpose {
        case .trainingEvaluation: ("Evaluations", "Record an evaluation")
        case .communitySurvey: ("Safeguarding questionnaire", "Record the group's answers")
        case .fileAudit: ("File audits", "Start an audit")
        }
        let drafts = model.counts.total - model.counts.submitted
        return .el("div", .cls("c-card"),
            .heading(2, heading, classes: "c-heading-m"),
            .el("ul", .cls("c-key-figures"),
                .el("li", .el("strong", .txt(String(model.counts.submitted))), .txt(model.counts.submitted == 1 ? "response submitted" : "responses submitted")),
                drafts > 0 ? .el("li", .el("strong", .txt(String(drafts))), .txt("being filled in")) : .empty),
            model.startPath.map { Form.post(action: $0, csrfToken: csrfToken, Form.button(button, classes: "c-button c-button--secondary")) } ?? .empty,
            model.counts.submitted > 0 ? .link("See the results", to: model.findingsPath) : .empty)
    }
}
