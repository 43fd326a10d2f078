import ConduitCore
import Foundation
import Testing
@testable import ConduitServer

/// The key pages rendered from plain models, without a server or a database, and compared
/// with the HTML recorded in `__Snapshots__/PageSnapshotTests/` (issue 15). A change to a page
/// shows here line by line; record it again with `SNAPSHOT_RECORD=1` when it is meant.
@Suite("Page snapshots")
struct PageSnapshotTests {
    @Test("the directory's search page")
    func directory() {
        expectSnapshot(page(DirectoryView.index(.mock, context: .mock)), named: "directory")
    }

    @Test("a group's page, with its contacts and engagement")
    func group() {
        expectSnapshot(page(GroupShowView.render(.mock, context: .mock)), named: "group")
    }

    @Test("a training session with its register")
    func register() {
        expectSnapshot(page(TrainingView.show(.mock, context: .mock)), named: "register")
    }

    @Test("the attendance statistics report (seed 003)")
    func statistics() {
        expectSnapshot(page(StatisticsView.page(.mock, context: .mock)), named: "statistics")
    }

    @Test("a section of the File Audit Tool")
    func auditSection() throws {
        expectSnapshot(page(FormResponseView.section(try .mock(), context: .mock)), named: "audit-section")
    }

    @Test("a return's grid, as its submitter sees it")
    func returnGrid() {
        expectSnapshot(page(ReturnView.show(.mock, context: .mock)), named: "return")
    }

    @Test("the returns dashboard")
    func dashboard() {
        expectSnapshot(page(ReturnsReportView.dashboard(.mock, context: .mock)), named: "dashboard")
    }

    @Test("a concern, as its adviser sees it: late, referred to the LADO, restricted fields held back")
    func concern() {
        expectSnapshot(page(ConcernView.show(.mock, notice: nil, context: .mock)), named: "concern")
    }

    @Test("the first question of a new concern")
    func concernDanger() {
        expectSnapshot(page(ConcernView.danger(problem: nil, context: .mock)), named: "concern-danger")
    }

    @Test("a resource's page: the newest version, translations (one out of date), an earlier version, who received it")
    func resource() {
        expectSnapshot(page(ResourceView.page(.mock, context: .mock)), named: "resource")
    }

    @Test("the public library's page of a leaflet in Arabic: lang and dir set, the English around it marked so, Leave this page first")
    func publicResourceInArabic() {
        expectSnapshot(page(PublicLibraryView.show(.mockArabic, context: .signedOut)), named: "library-resource-ar")
    }

    /// Indented, so a diff reads line by line; the stylesheet's content hash is left out, so
    /// a change of style does not touch every snapshot.
    private func page(_ layout: Layout) -> String {
        layout.render(indentedBy: .spaces(2)).replacingOccurrences(of: SiteURL.stylesheet.path, with: "/assets/conduit.css")
    }
}

// MARK: The mocks: plain data, as the controllers would map it from the database

private enum Mock {
    static let camden = DirectoryLookups.PartnershipOption(id: UUID(uuidString: "00000000-0000-4000-8000-00000000ca3d")!, name: "Camden")
    static let islington = DirectoryLookups.PartnershipOption(id: UUID(uuidString: "00000000-0000-4000-8000-0000000015a1")!, name: "Islington")
    static let groupID = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let sessionID = UUID(uuidString: "00000000-0000-4000-8000-000000000002")!
    static let today = CalendarDate(year: 2026, month: 6, day: 15)!
}

extension PageContext {
    static let mock = PageContext(displayName: "Amina Warsame", partnershipName: "Camden",
                                  navigation: [.init(title: "Home", href: "/"), .init(title: "Directory", href: "/directory"), .init(title: "Training", href: "/training")],
                                  csrfToken: "csrf-token-for-snapshots", isSignedIn: true)
}

extension DirectoryView.IndexModel {
    static var mock: Self {
        var filters = DirectorySearch.Filters()
        filters.text = "somali"
        filters.partnershipID = Mock.camden.id
        let rows = [
            DirectorySearch.Row(id: Mock.groupID, name: "Regent's Park Somali Parents", type: GroupType.communityGroup.rawValue, status: GroupStatus.active.rawValue,
                                postcode: "NW1 3AX", ownerName: "Camden", readinessMet: 6, lastContactOn: "2026-05-28"),
            DirectorySearch.Row(id: UUID(uuidString: "00000000-0000-4000-8000-000000000003")!, name: "Somali Women's Association", type: GroupType.communityGroup.rawValue,
                                status: GroupStatus.dormant.rawValue, postcode: nil, ownerName: "Islington", readinessMet: 0, lastContactOn: nil),
        ]
        return .init(filters: filters, rows: rows, pagination: Pagination(page: 1, total: 2), partnerships: [Mock.camden, Mock.islington], canAdd: true)
    }
}

extension GroupShowView.Model {
    static var mock: Self {
        let contact = GroupStore.ContactRow(id: UUID(uuidString: "00000000-0000-4000-8000-000000000004")!, name: "Amina Warsame", role: ContactRole.safeguardingLead.rawValue,
                                            roleDetail: "", phone: "07700 900123", email: "amina@example.org", preferredLanguage: "Somali")
        let visit = GroupTimeline.Item(id: UUID(uuidString: "00000000-0000-4000-8000-000000000005")!, occurredOn: "2026-05-28", occurredAtTime: "19:00",
                                       channel: EngagementChannel.meeting.rawValue, outcome: EngagementOutcome.met.rawValue, peopleMet: "Chair and two parents",
                                       notes: "Agreed a session on FGM and the law in September.", followUpOn: "2026-07-01", followUpDone: false,
                                       adviserName: "Amina Warsame", partnershipName: "Camden", topics: [EngagementTopic.femaleGenitalMutilation.rawValue])
        var figures = GroupTimeline.Figures(engagements: 3)
        figures.firstAttemptOn = "2026-03-02"
        figures.firstMeetingOn = "2026-05-28"
        figures.lastContactOn = "2026-05-28"
        figures.attemptsToFirstMeeting = 3
        return .init(id: Mock.groupID, name: "Regent's Park Somali Parents", type: GroupType.communityGroup.rawValue, faith: Faith.muslim.rawValue, denomination: "",
                     address: "Community Hall, Robert Street", postcode: "NW1 3AX", phone: nil, email: "", meetingTimes: "Saturdays 10:00 to 12:00",
                     status: GroupStatus.active.rawValue, statusConfirmedOn: "2026-05-28", howFound: "Introduced by the school's safeguarding lead", notes: "",
                     ownerName: "Camden", mergedInto: nil, served: ["Camden", "Islington"], languages: ["Somali", "English"], communities: ["Somali"],
                     readiness: Readiness.summary(of: [ReadinessEntry(item: .childProtectionPolicy, status: .met, evidence: "Policy seen", lastReviewed: Mock.today.adding(days: -60),
                                                                      reviewDue: Mock.today.adding(days: 300), checkedCount: nil, totalCount: nil)], on: Mock.today),
                     contacts: [contact], timeline: [visit], figures: figures, canEdit: true, canLogEngagement: true, canMerge: false, canReadEngagement: true,
                     notice: "The engagement has been logged.")
    }
}

extension TrainingView.ShowModel {
    static var mock: Self {
        var details = SessionInput()
        details.title = "Faith leaders' safeguarding"
        details.audience = TrainingAudience.faithLeaders.rawValue
        details.date = .iso("2026-06-20")
        details.startsAt = "18:30"
        details.endsAt = "20:30"
        details.venue = "Camden Centre"
        details.languages = "English, Somali"
        details.interpreter = true
        details.capacity = "30"
        details.learningOutcomes = "Recognise the signs of abuse linked to faith or belief\nKnow whom to call"
        details.topics = [EngagementTopic.abuseLinkedToFaithOrBelief.rawValue]
        details.partnershipID = Mock.camden.id
        let register = [
            SessionList.RegisterRow(id: UUID(uuidString: "00000000-0000-4000-8000-000000000006")!, number: 1, name: "", referrer: "Regent's Park Somali Parents",
                                    ethnicityCode: "BAFR", ethnicityDetail: "Somali", gender: Gender.female.rawValue, ageBand: "25-44", residence: "Camden",
                                    role: ParticipantRole.parentOrCarer.rawValue, status: AttendanceStatus.attended.rawValue),
            SessionList.RegisterRow(id: UUID(uuidString: "00000000-0000-4000-8000-000000000007")!, number: 2, name: "", referrer: nil,
                                    ethnicityCode: nil, ethnicityDetail: "", gender: Gender.male.rawValue, ageBand: "45-64", residence: nil,
                                    role: ParticipantRole.faithLeader.rawValue, status: AttendanceStatus.didNotAttend.rawValue),
        ]
        return .init(session: .init(id: Mock.sessionID, title: details.title, sessionOn: "2026-06-20", startsAt: "18:30", endsAt: "20:30", costPence: 12_000),
                     details: details, partnershipName: "Camden", organiserName: "Amina Warsame", roundName: "Round 3", register: register, canEdit: true,
                     entry: RegisterChoices(groups: [.init(id: Mock.groupID, name: "Regent's Park Somali Parents")], partnerships: [Mock.camden, Mock.islington]),
                     entryInput: AttendanceInput(), problems: [], notice: "Participant #2 has been added.", evaluations: nil)
    }
}

extension StatisticsView.Model {
    static var mock: Self {
        let asked = StatisticsReport.Asked(from: .iso("2008-04-01"), to: .iso("2009-03-31"), partnershipID: nil, topic: nil, audience: nil,
                                           grouping: .referrer, crossGrouping: nil)
        // Part of seed 003's table by referring organisation.
        let report = GroupedCounts.report([("a", "Hindu Women's Group", 34), ("b", "Bangladeshi Women's Association", 26), ("c", "Refugee Council", 3)], suppress: false)
        let filters = AttendanceStatistics.Filters(from: CalendarDate(year: 2008, month: 4, day: 1)!, to: CalendarDate(year: 2009, month: 3, day: 31)!,
                                                   partnershipIDs: [Mock.camden.id], topic: nil, audience: nil)
        return .init(asked: asked, partnerships: [Mock.camden], result: .init(filters: filters, publication: .exact, report: report, cross: nil),
                     problems: [], query: "by=referrer")
    }
}

extension FormResponseView.SectionModel {
    static func mock() throws -> Self {
        let definition = try #require(FormDefinition.builtIn.first { $0.usedFor == .fileAudit })
        let section = definition.sections[0]
        return .init(audit: .init(id: UUID(uuidString: "00000000-0000-4000-8000-000000000008")!, version: 3, fileReference: "CSC/2026/0142",
                                  auditedOn: "2026-06-10", isSubmitted: false),
                     definition: definition, section: section, answers: [:], rating: nil)
    }
}

extension ReturnView.ShowModel {
    static var mock: Self {
        let period = ReportingPeriod(key: "2026Q1")!
        let keys = Array(ReturnCellKey.all.prefix(3))
        let stored = Dictionary(uniqueKeysWithValues: zip(keys, [4, 0, 12]))
        return .init(ret: .init(id: UUID(uuidString: "00000000-0000-4000-8000-000000000009")!, version: 2, sourceTitle: ReturnSource.police.title, status: .draft,
                                firstSubmittedOn: nil, comment: ""),
                     partnershipName: "Camden", period: period, deadline: period.defaultDeadline, entries: stored.mapValues(String.init), stored: stored,
                     note: "Figures from the police safeguarding hub.", lastYear: [:], canEnter: true, canApprove: false, problems: [], notice: "The return has been saved as a draft.")
    }
}

extension ReturnsReportView.DashboardModel {
    static var mock: Self {
        let from = ReportingPeriod(key: "2025Q3")!, to = ReportingPeriod(key: "2026Q1")!
        let periods = ReportingPeriod.quarters(from: from, through: to)
        let partnerships = [Mock.camden, Mock.islington]
        let categories = AbuseCategory.allCases.enumerated().map { index, category in
            DashboardReport.CategoryFigures(category: category, table: .exact(partnerships.indices.map { row in periods.indices.map { (row + 1) * ($0 + index) } }))
        }
        let approved = Set(partnerships.flatMap { partnership in
            periods.map { ReturnFigures.Approved(partnershipId: partnership.id, periodKey: $0.key, source: ReturnSource.localAuthority.rawValue) }
        })
        let figures = DashboardReport.Figures(periods: periods, partnerships: partnerships, categories: categories, publication: .exact, approved: approved,
                                              source: .localAuthority, populations: [:])
        return .init(asked: .init(source: .localAuthority, category: .femaleGenitalMutilation, from: from, to: to, partnershipID: nil),
                     partnerships: partnerships, figures: figures, problems: [], query: "")
    }
}

extension ConcernView.Summary {
    static var mock: Self {
        // 2026-06-01 19:30 UK time (BST), referred the next morning, no outcome 15 days on.
        let received = Date(timeIntervalSince1970: 1_780_338_600)
        let referred = received.addingTimeInterval(13 * 3600)
        let concern = ConcernView.StoredConcern(
            id: UUID(uuidString: "00000000-0000-4000-8000-000000000006")!, version: 3, state: .open, urgent: false, receivedAt: received,
            receipt: .inPerson, raisedBy: .communityMember, hasRaiserIdentity: true, childrenCount: 1, ageBands: [.from10To15], sexes: [.male],
            hasChildrenNames: false, summary: "During a deliverance prayer the pastor called a boy of about twelve a witch in front of the congregation.",
            positionOfTrust: true, consent: .given, consentReason: "", feedbackOn: nil, feedbackMethod: nil, anonymised: false)
        let referral = ConcernView.Referral(id: UUID(uuidString: "00000000-0000-4000-8000-000000000007")!, route: .lado, serviceName: "Camden LADO",
                                            referredAt: referred, reference: "LADO-118", outcome: .acknowledged, outcomeOn: CalendarDate(year: 2026, month: 6, day: 3))
        return .init(concern: concern, categories: [.harmfulPractice(.abuseLinkedToFaithOrBelief), .emotionalAbuse],
                     raisedByGroup: nil, trustGroup: (Mock.groupID, "Congolese Christian Fellowship"), partnershipName: "Camden", residenceName: "Camden",
                     adviserName: "Amina Warsame", referrals: [referral],
                     timeliness: ConcernTimeliness(receivedAt: received, urgent: false, referredAt: referred, decidedOn: nil,
                                                   now: received.addingTimeInterval(20 * 86_400), timeZone: Formats.ukTimeZone),
                     canEdit: true)
    }
}

extension PageContext {
    static let signedOut = PageContext(displayName: nil, partnershipName: nil, navigation: [], csrfToken: "0123456789abcdef", isSignedIn: false)
}

extension ResourceView.Version {
    static func mock(_ language: PageLanguage, number: Int, translates: Int, title: String, file: String, outOfDate: Bool = false, changes: String = "") -> Self {
        .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000\(10 + number)\(language.code.count)")!, language: language, number: number, translatesVersion: translates,
              title: title, summary: "", changes: changes, fileName: file, fileType: .text, fileSize: 3_600, link: nil,
              addedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(number) * 86_400), addedByName: "Amina Warsame", outOfDate: outOfDate)
    }
}

extension ResourceView.Model {
    static var mock: Self {
        let id = UUID(uuidString: "6f1c2a8e-0000-4000-8000-000000000017")!
        return .init(
            id: id, title: "Female genital mutilation: it is illegal and it is child abuse",
            summary: "A leaflet for community members and parents: FGM is against the law in the UK; the signs a girl may be at risk; where to get help.",
            kind: ResourceKind.leaflet.rawValue, topics: [ResourceTopic.femaleGenitalMutilation.rawValue], audiences: [ResourceAudience.parents.rawValue],
            ownerName: "Camden", visibility: .public, reviewOn: CalendarDate(iso: "2027-09-30"), reviewDue: false,
            current: .mock(.english, number: 2, translates: 2, title: "Female genital mutilation", file: "fgm-leaflet-v2.txt", changes: "Adds FGM Protection Orders."),
            translations: [.mock(PageLanguage(code: "ar")!, number: 1, translates: 1, title: "تشويه الأعضاء التناسلية للإناث", file: "fgm-leaflet.ar.txt", outOfDate: true),
                           .mock(PageLanguage(code: "so")!, number: 1, translates: 2, title: "Gudniinka fircooniga", file: "fgm-leaflet.so.txt")],
            older: [.mock(.english, number: 1, translates: 1, title: "Female genital mutilation", file: "fgm-leaflet.txt")],
            distributions: [.init(id: UUID(uuidString: "6f1c2a8e-0000-4000-8000-000000000018")!, resourceId: id, resourceTitle: "Female genital mutilation",
                                  groupId: UUID(uuidString: "6f1c2a8e-0000-4000-8000-000000000019")!, groupName: "Camden Somali Women's Group", language: "so",
                                  receivedOn: "2026-10-01", copies: 25, engagementId: nil, partnershipName: "Camden")],
            canEdit: true, groups: [.init(id: UUID(uuidString: "6f1c2a8e-0000-4000-8000-000000000019")!, title: "Camden Somali Women's Group")],
            distribution: .init(language: "en", receivedOn: .iso("2026-12-01")), problems: [], notice: nil)
    }
}

extension PublicLibraryView.Page {
    static var mockArabic: Self {
        let arabic = PageLanguage(code: "ar")!
        return .init(id: UUID(uuidString: "6f1c2a8e-0000-4000-8000-000000000017")!, language: arabic,
                     shown: .mock(arabic, number: 1, translates: 1, title: "تشويه الأعضاء التناسلية للإناث: جريمة وإساءة للأطفال", file: "fgm-leaflet.ar.txt", outOfDate: true),
                     kind: ResourceKind.leaflet.rawValue, topics: [ResourceTopic.femaleGenitalMutilation.rawValue],
                     audiences: [ResourceAudience.communityMembers.rawValue, ResourceAudience.parents.rawValue], ownerName: "Camden",
                     languages: [.init(language: .english, outOfDate: false), .init(language: arabic, outOfDate: true), .init(language: PageLanguage(code: "so")!, outOfDate: false)],
                     older: [])
    }
}
