import ConduitCore
import Foundation

/// A place a person's work takes them, from one list for both the header menu and the home
/// page's cards, so the two cannot drift apart (issue 15).
struct Destination: Sendable {
    /// Its name on the home page.
    var title: String
    /// Its shorter name in the header menu; nil where the menu leaves it out.
    var menuTitle: String?
    var path: String
    /// What its home page card says; nil for the home page itself.
    var summary: String?

    /// Where this person may go, in the order both lists show.
    static func all(for visitor: Visitor) -> [Destination] {
        var list = [Destination(title: "Home", menuTitle: "Home", path: SiteURL.home.path, summary: nil)]
        func add(_ title: String, menu: String?, _ url: SiteURL, _ summary: String) {
            list.append(.init(title: title, menuTitle: menu, path: url.path, summary: summary))
        }
        if visitor.allows(.readDirectory) {
            add("Directory", menu: "Directory", .directory, "Find community and faith groups, their contacts and safeguarding readiness; add new ones.")
        }
        if visitor.allows(.editEngagement) {
            add("Your follow-ups", menu: "Follow-ups", .followUps, "Follow-ups due and overdue, and groups nobody has contacted for a while.")
        }
        if visitor.allows(.readEngagement) {
            add("Overview", menu: "Overview", .engagementOverview, "Groups by status and type, engagement per month, attempts to first meeting, readiness gaps.")
        }
        if visitor.allows(.readConcerns) {
            add("Concerns", menu: "Concerns", .concerns, "Concerns about children passed on through advisers: record, refer, follow up; what is late first.")
        }
        if visitor.allows(.readStatistics) {
            add("Figures on concerns", menu: nil, .concernFigures, "Concerns by category, service, consent, outcome and timeliness over any dates.")
        }
        if visitor.allows(.readResources) {
            add("Resources", menu: "Resources", .resources, "Leaflets, letters, policy templates and translations: share them, publish them, record who received them.")
        }
        if visitor.allows(.readTraining) {
            add("Training", menu: "Training", .training, "Sessions and rounds, registers taken at the door.")
        }
        if visitor.allows(.readStatistics) {
            // Those who read training reach the statistics from the training page.
            add("Attendance statistics", menu: visitor.allows(.readTraining) ? nil : "Statistics", .trainingStatistics,
                "Participants by referring organisation, ethnicity, gender and more, over any dates.")
        }
        if visitor.allows(.readFileAudits) {
            add("File audits", menu: "File audits", .audits, "Case files audited with the File Audit Tool, and the findings across them.")
        }
        let entersOrApproves = visitor.allows(.enterReturns) || visitor.allows(.approveReturns)
        if entersOrApproves {
            add("Returns", menu: "Returns", .returns, "Quarterly figures on harmful practices: enter, submit, approve, and see who has sent theirs.")
        }
        if visitor.allows(.readStatistics) {
            // The returns pages link to the figures; the menu names them for those who only read.
            add("Figures from returns", menu: entersOrApproves ? nil : "Figures", .returnsDashboard,
                "Approved figures by category, quarter and partnership, and local authority against police.")
        }
        if visitor.allows(.manageAccounts) {
            add("Users", menu: "Users", .adminUsers, "Add people, grant memberships, disable accounts and reset second factors.")
            add("Partnerships", menu: "Partnerships", .adminPartnerships, "The partnerships and regions of Conduit.")
        }
        if visitor.allows(.readAuditTrail) {
            add("Audit trail", menu: "Audit trail", .adminAudit, "Who did what, when and from where.")
        }
        if visitor.allows(.subjectAccess) {
            add("Subject access requests", menu: nil, .adminSubjectAccess, "Find everything held about a named person, and export it for their request.")
        }
        add("Your account", menu: "Your account", .account, "Your memberships, password, second factor and API tokens.")
        return list
    }
}
