import ConduitCore
import Vapor

/// Every route of Conduit, by part. Each declares what it needs (`Requirement`).
func routes(_ app: Application) {
    let r = app.routes

    // Start page, assets, health
    r.page(.GET, .home, .everyone, use: HomeController.show)
    r.page(.GET, .stylesheet, .everyone, use: HomeController.stylesheet)
    r.page(.GET, .health, .everyone, use: HomeController.health)

    // Signing in and out
    r.page(.GET, .signIn, .everyone, use: SignInController.show)
    r.page(.POST, .signIn, .everyone, use: SignInController.submit)
    r.page(.GET, .signInCode, .signingIn, use: SignInController.showCode)
    r.page(.POST, .signInCode, .signingIn, use: SignInController.submitCode)
    r.page(.POST, .signOut, .signingIn, use: SignInController.signOut)
    r.page(.POST, .signOutEverywhere, .signedIn, use: SignInController.signOutEverywhere)

    // The person's own account
    r.page(.GET, .account, .signedIn, use: AccountController.show)
    r.page(.POST, .accountPartnership, .signedIn, use: AccountController.choosePartnership)
    r.page(.GET, .accountPassword, .signedIn, use: AccountController.showPassword)
    r.page(.POST, .accountPassword, .signedIn, use: AccountController.changePassword)
    r.page(.GET, .accountSecondFactor, .signingIn, use: AccountController.showSecondFactor)
    r.page(.POST, .accountSecondFactor, .signingIn, use: AccountController.enrolSecondFactor)
    r.page(.GET, .accountTokens, .signedIn, use: TokenController.index)
    r.page(.POST, .accountTokens, .signedIn, use: TokenController.create)
    r.page(.POST, .accountTokenRevoke(.key), .signedIn, use: TokenController.revoke)

    // Administration: partnerships
    r.page(.GET, .adminPartnerships, .allowed(.managePartnerships), use: PartnershipAdminController.index)
    r.page(.POST, .adminPartnerships, .allowed(.managePartnerships), use: PartnershipAdminController.create)
    r.page(.GET, .adminPartnershipNew, .allowed(.managePartnerships), use: PartnershipAdminController.new)
    r.page(.GET, .adminPartnership(.key), .allowed(.managePartnerships), use: PartnershipAdminController.edit)
    r.page(.POST, .adminPartnership(.key), .allowed(.managePartnerships), use: PartnershipAdminController.update)

    // Administration: users and memberships
    r.page(.GET, .adminUsers, .allowed(.manageAccounts), use: UserAdminController.index)
    r.page(.POST, .adminUsers, .allowed(.manageAccounts), use: UserAdminController.create)
    r.page(.GET, .adminUserNew, .allowed(.manageAccounts), use: UserAdminController.new)
    r.page(.GET, .adminUser(.key), .allowed(.manageAccounts), use: UserAdminController.show)
    r.page(.POST, .adminUser(.key), .allowed(.manageAccounts), use: UserAdminController.update)
    r.page(.POST, .adminUserDisable(.key), .allowed(.manageAccounts), use: UserAdminController.disable)
    r.page(.POST, .adminUserEnable(.key), .allowed(.manageAccounts), use: UserAdminController.enable)
    r.page(.POST, .adminUserResetSecondFactor(.key), .allowed(.manageAccounts), use: UserAdminController.resetSecondFactor)
    r.page(.POST, .adminUserMemberships(.key), .allowed(.manageAccounts), use: UserAdminController.addMembership)
    r.page(.POST, .adminUserMembershipRemove(.key, .key), .allowed(.manageAccounts), use: UserAdminController.removeMembership)

    // Administration: audit trail
    r.page(.GET, .adminAudit, .allowed(.readAuditTrail), use: AuditAdminController.index)

    // Directory: groups, readiness, contacts
    r.page(.GET, .directory, .allowed(.readDirectory), use: GroupController.index)
    r.page(.GET, .directoryGroupNew, .allowed(.editDirectory), use: GroupController.new)
    r.page(.POST, .directoryGroups, .allowed(.editDirectory), use: GroupController.create)
    r.page(.GET, .directoryGroup(.key), .allowed(.readDirectory), use: GroupShowController.show)
    r.page(.GET, .directoryGroupEdit(.key), .allowed(.editDirectory), use: GroupController.edit)
    r.page(.POST, .directoryGroupEdit(.key), .allowed(.editDirectory), use: GroupController.update)
    r.page(.GET, .directoryGroupReadiness(.key), .allowed(.editDirectory), use: ReadinessController.edit)
    r.page(.POST, .directoryGroupReadiness(.key), .allowed(.editDirectory), use: ReadinessController.update)
    r.page(.GET, .directoryReadinessDue, .allowed(.readDirectory), use: ReadinessController.due)
    r.page(.GET, .directoryGroupContactNew(.key), .allowed(.editDirectory), use: ContactController.new)
    r.page(.POST, .directoryGroupContacts(.key), .allowed(.editDirectory), use: ContactController.create)
    r.page(.GET, .directoryContact(.key), .allowed(.readContacts), use: ContactController.show)
    r.page(.GET, .directoryContactEdit(.key), .allowed(.editDirectory), use: ContactController.edit)
    r.page(.POST, .directoryContactEdit(.key), .allowed(.editDirectory), use: ContactController.update)

    r.page(.GET, .directoryGroupMerge(.key), .allowed(.mergeDirectory), use: MergeController.show)
    r.page(.POST, .directoryGroupMerge(.key), .allowed(.mergeDirectory), use: MergeController.merge)
    r.page(.GET, .directoryExport, .allowed(.readDirectory), use: DirectoryImportController.exportGroups)
    r.page(.GET, .directoryContactsExport, .allowed(.readContacts), use: DirectoryImportController.exportContacts)
    r.page(.GET, .directoryImport, .allowed(.editDirectory), use: DirectoryImportController.show)
    r.page(.POST, .directoryImport, .allowed(.editDirectory), maxBody: DirectoryImportController.maxUpload, use: DirectoryImportController.upload)
    r.page(.POST, .directoryImportConfirm(.key), .allowed(.editDirectory), use: DirectoryImportController.importValid)
    r.page(.GET, .directoryImportRejects(.key), .allowed(.editDirectory), use: DirectoryImportController.rejects)

    // Engagement
    r.page(.GET, .engagementNew, .allowed(.editEngagement), use: EngagementController.new)
    r.page(.POST, .engagements, .allowed(.editEngagement), use: EngagementController.create)
    r.page(.GET, .engagement(.key), .allowed(.readEngagement), use: EngagementController.show)
    r.page(.GET, .engagementEdit(.key), .allowed(.editEngagement), use: EngagementController.edit)
    r.page(.POST, .engagementEdit(.key), .allowed(.editEngagement), use: EngagementController.update)
    r.page(.POST, .engagementFollowUpDone(.key), .allowed(.editEngagement), use: EngagementController.closeFollowUp)
    r.page(.GET, .followUps, .allowed(.editEngagement), use: FollowUpController.index)
    r.page(.GET, .engagementOverview, .allowed(.readEngagement), use: FollowUpController.overview)

    // Training
    r.page(.GET, .training, .allowed(.readTraining), use: TrainingController.index)
    r.page(.GET, .trainingSessionNew, .allowed(.editTraining), use: TrainingController.new)
    r.page(.POST, .trainingSessions, .allowed(.editTraining), use: TrainingController.create)
    r.page(.GET, .trainingSession(.key), .allowed(.readTraining), use: TrainingController.show)
    r.page(.GET, .trainingSessionEdit(.key), .allowed(.editTraining), use: TrainingController.edit)
    r.page(.POST, .trainingSessionEdit(.key), .allowed(.editTraining), use: TrainingController.update)
    r.page(.POST, .trainingRegister(.key), .allowed(.editTraining), use: RegisterController.add)
    r.page(.POST, .trainingAttendanceRemove(.key, .key), .allowed(.editTraining), use: RegisterController.remove)
    r.page(.GET, .trainingRegisterExport(.key), .allowed(.readTraining), use: RegisterController.export)
    r.page(.POST, .trainingRegisterImport(.key), .allowed(.editTraining), maxBody: DirectoryImportController.maxUpload, use: RegisterController.importFile)
    r.page(.GET, .trainingRounds, .allowed(.readTraining), use: TrainingController.rounds)
    r.page(.POST, .trainingRounds, .allowed(.editTraining), use: TrainingController.createRound)
    r.page(.GET, .trainingStatistics, .allowed(.readStatistics), use: StatisticsController.show)
    r.page(.GET, .trainingStatisticsExport, .allowed(.readStatistics), use: StatisticsController.export)

    // File audits, and the pages every filled-in form shares (training evaluations, community surveys)
    r.page(.GET, .audits, .allowed(.readFileAudits), use: AuditController.index)
    r.page(.GET, .auditNew, .allowed(.editFileAudits), use: AuditController.new)
    r.page(.POST, .auditNew, .allowed(.editFileAudits), use: AuditController.create)
    r.page(.GET, .audit(.key), .allowedAny(FormPurpose.readActions), use: AuditController.show)
    r.page(.GET, .auditSection(.key, nil), .allowedAny(FormPurpose.editActions), use: AuditController.showSection)
    r.page(.POST, .auditSection(.key, nil), .allowedAny(FormPurpose.editActions), use: AuditController.saveSection)
    r.page(.GET, .auditCheck(.key), .allowedAny(FormPurpose.readActions), use: AuditController.check)
    r.page(.POST, .auditCheck(.key), .allowedAny(FormPurpose.editActions), use: AuditController.submit)
    r.page(.POST, .auditReopen(.key), .allowedAny(FormPurpose.reopenActions), use: AuditController.reopen)
    r.page(.GET, .auditFindings, .allowedAny(FormPurpose.readActions), use: FindingsController.show)
    r.page(.GET, .auditFindingsExport, .allowedAny(FormPurpose.readActions), use: FindingsController.export)
    r.page(.GET, .auditAnswersExport, .allowedAny(FormPurpose.readActions), use: FindingsController.exportAnswers)
    r.page(.POST, .trainingEvaluations(.key), .allowed(.editTraining), use: FormResponseController.startEvaluation)
    r.page(.POST, .directoryGroupSurveys(.key), .allowed(.editEngagement), use: FormResponseController.startSurvey)

    // JSON API
    r.api(.GET, .openAPI, .everyone, use: APIController.openAPI)
    r.api(.GET, .me, .signedIn, use: APIController.me)
    r.api(.GET, .partnerships, .allowed(.readPartnerships), use: APIController.partnerships)
    r.api(.GET, .groups, .allowed(.readDirectory), use: DirectoryAPIController.list)
    r.api(.POST, .groups, .allowed(.editDirectory), use: DirectoryAPIController.create)
    r.api(.GET, .group(.key), .allowed(.readDirectory), use: DirectoryAPIController.show)
    r.api(.PUT, .group(.key), .allowed(.editDirectory), use: DirectoryAPIController.update)
    r.api(.GET, .groupContacts(.key), .allowed(.readContacts), use: DirectoryAPIController.contacts)
    r.api(.POST, .groupContacts(.key), .allowed(.editDirectory), use: DirectoryAPIController.createContact)
    r.api(.GET, .contact(.key), .allowed(.readContacts), use: DirectoryAPIController.contact)
    r.api(.PUT, .contact(.key), .allowed(.editDirectory), use: DirectoryAPIController.updateContact)
    r.api(.GET, .groupReadiness(.key), .allowed(.readDirectory), use: DirectoryAPIController.readiness)
    r.api(.PUT, .groupReadiness(.key), .allowed(.editDirectory), use: DirectoryAPIController.updateReadiness)
    r.api(.GET, .engagements, .allowed(.readEngagement), use: EngagementAPIController.list)
    r.api(.POST, .engagements, .allowed(.editEngagement), use: EngagementAPIController.create)
    r.api(.GET, .engagement(.key), .allowed(.readEngagement), use: EngagementAPIController.show)
    r.api(.PUT, .engagement(.key), .allowed(.editEngagement), use: EngagementAPIController.update)
    r.api(.GET, .trainingSessions, .allowed(.readTraining), use: TrainingAPIController.list)
    r.api(.POST, .trainingSessions, .allowed(.editTraining), use: TrainingAPIController.create)
    r.api(.GET, .trainingSession(.key), .allowed(.readTraining), use: TrainingAPIController.show)
    r.api(.PUT, .trainingSession(.key), .allowed(.editTraining), use: TrainingAPIController.update)
    r.api(.GET, .trainingAttendances(.key), .allowed(.readTraining), use: TrainingAPIController.attendances)
    r.api(.POST, .trainingAttendances(.key), .allowed(.editTraining), use: TrainingAPIController.addAttendance)
    r.api(.GET, .trainingStatistics, .allowed(.readStatistics), use: TrainingAPIController.statistics)
}
