import Foundation

/// What a form is filled in for, which decides where it is offered and who may see the answers.
public enum FormPurpose: String, Codable, Sendable, CaseIterable {
    /// A case file audited with a form such as the File Audit Tool (seed 004 Appendix 1).
    case fileAudit = "file_audit"
    /// A participant's evaluation of a training session.
    case trainingEvaluation = "training_evaluation"
    /// A group's answers to a partnership's questionnaire, like Merton's to its faith groups (seed 004).
    case communitySurvey = "community_survey"

    public var title: String {
        switch self {
        case .fileAudit: "File audit"
        case .trainingEvaluation: "Training evaluation"
        case .communitySurvey: "Community survey"
        }
    }
}

extension FormPurpose {
    /// Who may read the answers. File audits are about children's case files, so only the
    /// audit roles see them; evaluations and surveys belong with training and engagement work.
    public var readAction: Action {
        switch self {
        case .fileAudit: .readFileAudits
        case .trainingEvaluation: .readTraining
        case .communitySurvey: .readEngagement
        }
    }

    /// Who may fill the form in.
    public var editAction: Action {
        switch self {
        case .fileAudit: .editFileAudits
        case .trainingEvaluation: .editTraining
        case .communitySurvey: .editEngagement
        }
    }

    /// Who may reopen a submitted one: for file audits the hub's decision (seed 004's
    /// co-ordinator checked every audit); for the others whoever records them.
    public var reopenAction: Action {
        self == .fileAudit ? .reopenFileAudits : editAction
    }
}

extension FormPurpose {
    /// Pages shared by every kind of filled-in form admit anyone allowed one of these; the
    /// record's own purpose then decides.
    public static var readActions: [Action] { allCases.map(\.readAction) }
    public static var editActions: [Action] { allCases.map(\.editAction) }
    public static var reopenActions: [Action] { allCases.map(\.reopenAction) }
}
