import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value` when building a link.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every URL of Conduit: used both to register routes and to build links,
/// so a link cannot point at a route that does not exist.
public enum SiteURL: Sendable {
    case home
    case stylesheet
    case exitScript
    /// The public pages of how to raise a concern: the index, and a partnership's (by its code;
    /// nil stands for the route's parameter).
    case worriedIndex
    case worried(String?)
    case health
    case accessibility

    // Sign-in and the person's own account
    case signIn
    case signInCode
    case signInKept(Parameter<UUID>)
    case signOut
    case signOutEverywhere
    case account
    case accountPassword
    case accountSecondFactor
    case accountTokens
    case accountTokenRevoke(Parameter<UUID>)
    case accountPartnership

    // Administration
    case adminPartnerships
    case adminPartnershipNew
    case adminPartnership(Parameter<UUID>)
    case adminPartnershipRetention(Parameter<UUID>)
    case adminUsers
    case adminUserNew
    case adminUser(Parameter<UUID>)
    case adminUserDisable(Parameter<UUID>)
    case adminUserEnable(Parameter<UUID>)
    case adminUserResetSecondFactor(Parameter<UUID>)
    case adminUserMemberships(Parameter<UUID>)
    case adminUserMembershipRemove(Parameter<UUID>, Parameter<UUID>)
    case adminAudit
    case adminSubjectAccess
    case adminSubjectAccessExport

    // Directory
    case directory
    case directoryGroups
    case directoryGroupNew
    case directoryGroup(Parameter<UUID>)
    case directoryGroupEdit(Parameter<UUID>)
    case directoryGroupReadiness(Parameter<UUID>)
    case directoryGroupContacts(Parameter<UUID>)
    case directoryGroupContactNew(Parameter<UUID>)
    case directoryGroupMerge(Parameter<UUID>)
    case directoryContact(Parameter<UUID>)
    case directoryContactEdit(Parameter<UUID>)
    case directoryReadinessDue
    case directoryExport
    case directoryContactsExport
    case directoryImport
    case directoryImportConfirm(Parameter<UUID>)
    case directoryImportRejects(Parameter<UUID>)
    case directoryGroupSurveys(Parameter<UUID>)

    // Engagement
    case engagements
    case engagementNew
    case engagement(Parameter<UUID>)
    case engagementEdit(Parameter<UUID>)
    case engagementFollowUpDone(Parameter<UUID>)
    case followUps
    case engagementOverview

    // Training
    case training
    case trainingSessions
    case trainingSessionNew
    case trainingSession(Parameter<UUID>)
    case trainingSessionEdit(Parameter<UUID>)
    case trainingRegister(Parameter<UUID>)
    case trainingRegisterImport(Parameter<UUID>)
    case trainingRegisterExport(Parameter<UUID>)
    case trainingAttendanceRemove(Parameter<UUID>, Parameter<UUID>)
    case trainingRounds
    case trainingStatistics
    case trainingStatisticsExport
    case trainingEvaluations(Parameter<UUID>)

    // File audits
    case audits
    case auditNew
    case audit(Parameter<UUID>)
    case auditSection(Parameter<UUID>, String?)
    case auditCheck(Parameter<UUID>)
    case auditReopen(Parameter<UUID>)
    case auditFindings
    case auditFindingsExport
    case auditAnswersExport

    // Returns
    case returns
    case returnShow(Parameter<UUID>)
    case returnApprove(Parameter<UUID>)
    case returnSendBack(Parameter<UUID>)
    case returnReopen(Parameter<UUID>)
    case returnsCompleteness
    case returnsDeadline
    case returnsDashboard
    case returnsComparison
    case returnsComparisonNote
    case returnsExport
    case returnsImport
    case returnsPopulations
    case publishedFigures
    case releases
    case releasesIndexJSON
    case release(Parameter<UUID>)
    case releaseCSV(Parameter<UUID>)
    case releaseJSON(Parameter<UUID>)
    case releasesPublish
    case releasesCheck

    // JSON API
    // Concerns
    case concerns
    case concernNew
    case concernNewDetails
    case concern(Parameter<UUID>)
    case concernDetails(Parameter<UUID>)
    case concernCheck(Parameter<UUID>)
    case concernRestricted(Parameter<UUID>)
    case concernReferrals(Parameter<UUID>)
    case concernReferralNew(Parameter<UUID>)
    case concernReferralOutcome(Parameter<UUID>, Parameter<UUID>)
    case concernFeedback(Parameter<UUID>)
    case concernClose(Parameter<UUID>)
    case concernServices
    case concernServiceRemove(Parameter<UUID>)
    case concernPageTexts
    case concernPageTextRemove(Parameter<UUID>)
    case concernFigures

    // Resource library, and the public library
    case resources
    case resourceNew
    case resourcesReviewDue
    case resource(Parameter<UUID>)
    case resourceEdit(Parameter<UUID>)
    case resourcePublish(Parameter<UUID>)
    case resourceVersions(Parameter<UUID>)
    case resourceVersionNew(Parameter<UUID>)
    case resourceTranslations(Parameter<UUID>)
    case resourceTranslationNew(Parameter<UUID>)
    case resourceFile(Parameter<UUID>, Parameter<UUID>)
    case resourceDistributions(Parameter<UUID>)
    case directoryGroupResources(Parameter<UUID>)
    case engagementResources(Parameter<UUID>)
    case library
    case libraryResource(Parameter<UUID>)
    case libraryFile(Parameter<UUID>, Parameter<UUID>)

    case api(APIURL)

    /// One piece of a path.
    enum Segment {
        case constant(String)
        case parameter(PathParameter, String?)

        init(_ name: PathParameter, _ parameter: Parameter<UUID>) {
            switch parameter {
            case .key: self = .parameter(name, nil)
            case .value(let id): self = .parameter(name, id.uuidString.lowercased())
            }
        }
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .stylesheet: [.constant("assets"), .constant("conduit-\(Stylesheet.hash).css")]
        case .exitScript: [.constant("assets"), .constant("exit-this-page-\(ExitScript.hash).js")]
        case .worriedIndex: [.constant("worried-about-a-child")]
        case .worried(let code): [.constant("worried-about-a-child"), code.map { .constant($0) } ?? .parameter(.partnershipCode, nil)]
        case .health: [.constant("health")]
        case .accessibility: [.constant("accessibility")]
        case .signIn: [.constant("sign-in")]
        case .signInCode: [.constant("sign-in"), .constant("code")]
        case .signInKept(let id): [.constant("sign-in"), .constant("kept"), Segment(.keptFormID, id)]
        case .signOut: [.constant("sign-out")]
        case .signOutEverywhere: [.constant("sign-out-everywhere")]
        case .account: [.constant("account")]
        case .accountPassword: [.constant("account"), .constant("password")]
        case .accountSecondFactor: [.constant("account"), .constant("second-factor")]
        case .accountTokens: [.constant("account"), .constant("tokens")]
        case .accountTokenRevoke(let id): [.constant("account"), .constant("tokens"), Segment(.tokenID, id), .constant("revoke")]
        case .accountPartnership: [.constant("account"), .constant("partnership")]
        case .adminPartnerships: [.constant("admin"), .constant("partnerships")]
        case .adminPartnershipNew: [.constant("admin"), .constant("partnerships"), .constant("new")]
        case .adminPartnership(let id): [.constant("admin"), .constant("partnerships"), Segment(.partnershipID, id)]
        case .adminPartnershipRetention(let id): [.constant("admin"), .constant("partnerships"), Segment(.partnershipID, id), .constant("retention")]
        case .adminUsers: [.constant("admin"), .constant("users")]
        case .adminUserNew: [.constant("admin"), .constant("users"), .constant("new")]
        case .adminUser(let id): [.constant("admin"), .constant("users"), Segment(.userID, id)]
        case .adminUserDisable(let id): [.constant("admin"), .constant("users"), Segment(.userID, id), .constant("disable")]
        case .adminUserEnable(let id): [.constant("admin"), .constant("users"), Segment(.userID, id), .constant("enable")]
        case .adminUserResetSecondFactor(let id): [.constant("admin"), .constant("users"), Segment(.userID, id), .constant("reset-second-factor")]
        case .adminUserMemberships(let id): [.constant("admin"), .constant("users"), Segment(.userID, id), .constant("memberships")]
        case .adminUserMembershipRemove(let id, let membership):
            [.constant("admin"), .constant("users"), Segment(.userID, id), .constant("memberships"), Segment(.membershipID, membership), .constant("remove")]
        case .adminAudit: [.constant("admin"), .constant("audit")]
        case .adminSubjectAccess: [.constant("admin"), .constant("subject-access")]
        case .adminSubjectAccessExport: [.constant("admin"), .constant("subject-access"), .constant("export.json")]
        case .directory: [.constant("directory")]
        case .directoryGroups: [.constant("directory"), .constant("groups")]
        case .directoryGroupNew: [.constant("directory"), .constant("groups"), .constant("new")]
        case .directoryGroup(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id)]
        case .directoryGroupEdit(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("edit")]
        case .directoryGroupReadiness(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("readiness")]
        case .directoryGroupContacts(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("contacts")]
        case .directoryGroupContactNew(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("contacts"), .constant("new")]
        case .directoryGroupMerge(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("merge")]
        case .directoryContact(let id): [.constant("directory"), .constant("contacts"), Segment(.contactID, id)]
        case .directoryContactEdit(let id): [.constant("directory"), .constant("contacts"), Segment(.contactID, id), .constant("edit")]
        case .directoryReadinessDue: [.constant("directory"), .constant("readiness-due")]
        case .directoryExport: [.constant("directory"), .constant("groups.csv")]
        case .directoryContactsExport: [.constant("directory"), .constant("contacts.csv")]
        case .directoryImport: [.constant("directory"), .constant("import")]
        case .directoryImportConfirm(let id): [.constant("directory"), .constant("import"), Segment(.importID, id)]
        case .directoryImportRejects(let id): [.constant("directory"), .constant("import"), Segment(.importID, id), .constant("rejects.csv")]
        case .directoryGroupSurveys(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("surveys")]
        case .engagements: [.constant("engagement")]
        case .engagementNew: [.constant("engagement"), .constant("new")]
        case .engagement(let id): [.constant("engagement"), Segment(.engagementID, id)]
        case .engagementEdit(let id): [.constant("engagement"), Segment(.engagementID, id), .constant("edit")]
        case .engagementFollowUpDone(let id): [.constant("engagement"), Segment(.engagementID, id), .constant("follow-up-done")]
        case .followUps: [.constant("engagement"), .constant("follow-ups")]
        case .engagementOverview: [.constant("engagement"), .constant("overview")]
        case .training: [.constant("training")]
        case .trainingSessions: [.constant("training"), .constant("sessions")]
        case .trainingSessionNew: [.constant("training"), .constant("sessions"), .constant("new")]
        case .trainingSession(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id)]
        case .trainingSessionEdit(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("edit")]
        case .trainingRegister(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("register")]
        case .trainingRegisterImport(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("register"), .constant("import")]
        case .trainingRegisterExport(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("register.csv")]
        case .trainingAttendanceRemove(let id, let attendance):
            [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("register"), Segment(.attendanceID, attendance), .constant("remove")]
        case .trainingRounds: [.constant("training"), .constant("rounds")]
        case .trainingStatistics: [.constant("training"), .constant("statistics")]
        case .trainingStatisticsExport: [.constant("training"), .constant("statistics.csv")]
        case .trainingEvaluations(let id): [.constant("training"), .constant("sessions"), Segment(.sessionID, id), .constant("evaluations")]
        case .audits: [.constant("audits")]
        case .auditNew: [.constant("audits"), .constant("new")]
        case .audit(let id): [.constant("audits"), Segment(.auditID, id)]
        case .auditSection(let id, let section):
            [.constant("audits"), Segment(.auditID, id), .constant("sections"), section.map { .constant($0) } ?? .parameter(.sectionKey, nil)]
        case .auditCheck(let id): [.constant("audits"), Segment(.auditID, id), .constant("check")]
        case .auditReopen(let id): [.constant("audits"), Segment(.auditID, id), .constant("reopen")]
        case .auditFindings: [.constant("audits"), .constant("findings")]
        case .auditFindingsExport: [.constant("audits"), .constant("findings.csv")]
        case .auditAnswersExport: [.constant("audits"), .constant("answers.csv")]
        case .returns: [.constant("returns")]
        case .returnShow(let id): [.constant("returns"), Segment(.returnID, id)]
        case .returnApprove(let id): [.constant("returns"), Segment(.returnID, id), .constant("approve")]
        case .returnSendBack(let id): [.constant("returns"), Segment(.returnID, id), .constant("send-back")]
        case .returnReopen(let id): [.constant("returns"), Segment(.returnID, id), .constant("reopen")]
        case .returnsCompleteness: [.constant("returns"), .constant("completeness")]
        case .returnsDeadline: [.constant("returns"), .constant("deadline")]
        case .returnsDashboard: [.constant("returns"), .constant("dashboard")]
        case .returnsComparison: [.constant("returns"), .constant("comparison")]
        case .returnsComparisonNote: [.constant("returns"), .constant("comparison"), .constant("notes")]
        case .returnsExport: [.constant("returns"), .constant("figures.csv")]
        case .returnsImport: [.constant("returns"), .constant("import")]
        case .returnsPopulations: [.constant("returns"), .constant("populations")]
        case .publishedFigures: [.constant("figures")]
        case .releases: [.constant("figures"), .constant("releases")]
        case .releasesIndexJSON: [.constant("figures"), .constant("releases.json")]
        case .release(let id): [.constant("figures"), .constant("releases"), Segment(.releaseID, id)]
        case .releaseCSV(let id): [.constant("figures"), .constant("releases"), Segment(.releaseID, id), .constant("figures.csv")]
        case .releaseJSON(let id): [.constant("figures"), .constant("releases"), Segment(.releaseID, id), .constant("figures.json")]
        case .releasesPublish: [.constant("returns"), .constant("releases")]
        case .releasesCheck: [.constant("returns"), .constant("releases"), .constant("check")]
        case .concerns: [.constant("concerns")]
        case .concernNew: [.constant("concerns"), .constant("new")]
        case .concernNewDetails: [.constant("concerns"), .constant("new"), .constant("details")]
        case .concern(let id): [.constant("concerns"), Segment(.concernID, id)]
        case .concernDetails(let id): [.constant("concerns"), Segment(.concernID, id), .constant("details")]
        case .concernCheck(let id): [.constant("concerns"), Segment(.concernID, id), .constant("check")]
        case .concernRestricted(let id): [.constant("concerns"), Segment(.concernID, id), .constant("restricted")]
        case .concernReferrals(let id): [.constant("concerns"), Segment(.concernID, id), .constant("referrals")]
        case .concernReferralNew(let id): [.constant("concerns"), Segment(.concernID, id), .constant("referrals"), .constant("new")]
        case .concernReferralOutcome(let id, let referral):
            [.constant("concerns"), Segment(.concernID, id), .constant("referrals"), Segment(.referralID, referral), .constant("outcome")]
        case .concernFeedback(let id): [.constant("concerns"), Segment(.concernID, id), .constant("feedback")]
        case .concernClose(let id): [.constant("concerns"), Segment(.concernID, id), .constant("close")]
        case .concernServices: [.constant("concerns"), .constant("services")]
        case .concernServiceRemove(let id): [.constant("concerns"), .constant("services"), Segment(.serviceID, id), .constant("remove")]
        case .concernPageTexts: [.constant("concerns"), .constant("services"), .constant("texts")]
        case .concernPageTextRemove(let id): [.constant("concerns"), .constant("services"), .constant("texts"), Segment(.serviceID, id), .constant("remove")]
        case .concernFigures: [.constant("concerns"), .constant("figures")]
        case .resources: [.constant("resources")]
        case .resourceNew: [.constant("resources"), .constant("new")]
        case .resourcesReviewDue: [.constant("resources"), .constant("review-due")]
        case .resource(let id): [.constant("resources"), Segment(.resourceID, id)]
        case .resourceEdit(let id): [.constant("resources"), Segment(.resourceID, id), .constant("edit")]
        case .resourcePublish(let id): [.constant("resources"), Segment(.resourceID, id), .constant("publish")]
        case .resourceVersions(let id): [.constant("resources"), Segment(.resourceID, id), .constant("versions")]
        case .resourceVersionNew(let id): [.constant("resources"), Segment(.resourceID, id), .constant("versions"), .constant("new")]
        case .resourceTranslations(let id): [.constant("resources"), Segment(.resourceID, id), .constant("translations")]
        case .resourceTranslationNew(let id): [.constant("resources"), Segment(.resourceID, id), .constant("translations"), .constant("new")]
        case .resourceFile(let id, let version): [.constant("resources"), Segment(.resourceID, id), .constant("versions"), Segment(.versionID, version), .constant("file")]
        case .resourceDistributions(let id): [.constant("resources"), Segment(.resourceID, id), .constant("distributions")]
        case .directoryGroupResources(let id): [.constant("directory"), .constant("groups"), Segment(.groupID, id), .constant("resources")]
        case .engagementResources(let id): [.constant("engagement"), Segment(.engagementID, id), .constant("resources")]
        case .library: [.constant("library")]
        case .libraryResource(let id): [.constant("library"), Segment(.resourceID, id)]
        case .libraryFile(let id, let version): [.constant("library"), Segment(.resourceID, id), .constant("files"), Segment(.versionID, version)]
        case .api(let api): [.constant("api")] + api.segments
        }
    }

    /// The path to link to.
    public var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, let value): value ?? ":\(name.rawValue)"
            }
        }.joined(separator: "/")
    }

    /// The path with a query string, for links to filtered or paged lists.
    public func path(query: [(String, String)]) -> String {
        let items = query.filter { !$0.1.isEmpty }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        // "+" is a space in form-encoded queries; encode it so it survives the round trip.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return path + "?" + query
    }

    /// The route pattern to register.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name.rawValue)
            }
        }
    }
}

/// The URLs of the JSON API, under /api.
public enum APIURL: Sendable {
    case openAPI
    case me
    case partnerships
    case groups
    case group(Parameter<UUID>)
    case groupContacts(Parameter<UUID>)
    case groupReadiness(Parameter<UUID>)
    case contact(Parameter<UUID>)
    case engagements
    case engagement(Parameter<UUID>)
    case trainingSessions
    case trainingSession(Parameter<UUID>)
    case trainingAttendances(Parameter<UUID>)
    case trainingStatistics
    case forms
    /// One stored version of a form; nil parts stand for the route's parameters.
    case form(key: String?, version: Int?)
    case audits
    case audit(Parameter<UUID>)
    case auditSubmit(Parameter<UUID>)
    case auditFindings
    case returnCodes
    case returnPeriods
    case returns
    case returnDocument(Parameter<UUID>)
    case returnStep(Parameter<UUID>, String)
    case returnsDashboard
    case concerns
    case concern(Parameter<UUID>)
    case concernReferrals(Parameter<UUID>)
    case concernReferralOutcome(Parameter<UUID>, Parameter<UUID>)
    case resources
    case resource(Parameter<UUID>)
    case resourceVersions(Parameter<UUID>)
    case resourceTranslations(Parameter<UUID>)
    case resourceDistributions(Parameter<UUID>)
    case resourceFile(Parameter<UUID>, Parameter<UUID>)

    var segments: [SiteURL.Segment] {
        switch self {
        case .openAPI: [.constant("openapi.json")]
        case .me: [.constant("v1"), .constant("me")]
        case .partnerships: [.constant("v1"), .constant("partnerships")]
        case .groups: [.constant("v1"), .constant("groups")]
        case .group(let id): [.constant("v1"), .constant("groups"), .init(.groupID, id)]
        case .groupContacts(let id): [.constant("v1"), .constant("groups"), .init(.groupID, id), .constant("contacts")]
        case .groupReadiness(let id): [.constant("v1"), .constant("groups"), .init(.groupID, id), .constant("readiness")]
        case .contact(let id): [.constant("v1"), .constant("contacts"), .init(.contactID, id)]
        case .engagements: [.constant("v1"), .constant("engagements")]
        case .engagement(let id): [.constant("v1"), .constant("engagements"), .init(.engagementID, id)]
        case .trainingSessions: [.constant("v1"), .constant("training"), .constant("sessions")]
        case .trainingSession(let id): [.constant("v1"), .constant("training"), .constant("sessions"), .init(.sessionID, id)]
        case .trainingAttendances(let id): [.constant("v1"), .constant("training"), .constant("sessions"), .init(.sessionID, id), .constant("attendances")]
        case .trainingStatistics: [.constant("v1"), .constant("training"), .constant("statistics")]
        case .forms: [.constant("v1"), .constant("forms")]
        case .form(let key, let version):
            [.constant("v1"), .constant("forms"), key.map { .constant($0) } ?? .parameter(.formKey, nil),
             version.map { .constant(String($0)) } ?? .parameter(.formVersion, nil)]
        case .audits: [.constant("v1"), .constant("audits")]
        case .audit(let id): [.constant("v1"), .constant("audits"), .init(.auditID, id)]
        case .auditSubmit(let id): [.constant("v1"), .constant("audits"), .init(.auditID, id), .constant("submit")]
        case .auditFindings: [.constant("v1"), .constant("audit-findings")]
        case .returnCodes: [.constant("v1"), .constant("returns"), .constant("codes")]
        case .returnPeriods: [.constant("v1"), .constant("returns"), .constant("periods")]
        case .returns: [.constant("v1"), .constant("returns")]
        case .returnDocument(let id): [.constant("v1"), .constant("returns"), .init(.returnID, id)]
        case .returnStep(let id, let step): [.constant("v1"), .constant("returns"), .init(.returnID, id), .constant(step)]
        case .returnsDashboard: [.constant("v1"), .constant("returns"), .constant("dashboard")]
        case .concerns: [.constant("v1"), .constant("concerns")]
        case .concern(let id): [.constant("v1"), .constant("concerns"), .init(.concernID, id)]
        case .concernReferrals(let id): [.constant("v1"), .constant("concerns"), .init(.concernID, id), .constant("referrals")]
        case .concernReferralOutcome(let id, let referral):
            [.constant("v1"), .constant("concerns"), .init(.concernID, id), .constant("referrals"), .init(.referralID, referral), .constant("outcome")]
        case .resources: [.constant("v1"), .constant("resources")]
        case .resource(let id): [.constant("v1"), .constant("resources"), .init(.resourceID, id)]
        case .resourceVersions(let id): [.constant("v1"), .constant("resources"), .init(.resourceID, id), .constant("versions")]
        case .resourceTranslations(let id): [.constant("v1"), .constant("resources"), .init(.resourceID, id), .constant("translations")]
        case .resourceDistributions(let id): [.constant("v1"), .constant("resources"), .init(.resourceID, id), .constant("distributions")]
        case .resourceFile(let id, let version): [.constant("v1"), .constant("resources"), .init(.resourceID, id), .constant("versions"), .init(.versionID, version), .constant("file")]
        }
    }
}

/// The names of path parameters, one list for routes, links and handlers: a name typed
/// wrongly in one of them does not compile, where a string would answer 404 unnoticed.
enum PathParameter: String, Sendable {
    case userID, membershipID, partnershipID, tokenID
    case groupID, contactID, importID
    case engagementID
    case sessionID, attendanceID
    case auditID, sectionKey, formKey, formVersion
    case returnID, releaseID
    case concernID, referralID, partnershipCode, serviceID, keptFormID
    case resourceID, versionID
}

extension Request {
    /// A UUID path parameter; a malformed one is answered 404 like a missing record.
    func uuid(_ name: PathParameter) throws -> UUID {
        guard let text = parameters.get(name.rawValue), let id = UUID(uuidString: text) else { throw Abort(.notFound) }
        return id
    }

    /// A text path parameter (a form's key, a section's key).
    func pathText(_ name: PathParameter) -> String? {
        parameters.get(name.rawValue)
    }
}
