import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Concerns")
struct ConcernTests {
    /// The details form's fields as the page sends them.
    static func details(partnership: UUID, receivedAt: Date, summary: String = "A girl of nine said she is being taken abroad for a ceremony in the summer.",
                        raisedBy: ConcernRaisedBy = .communityMember, identity: String = "", names: String = "",
                        positionOfTrust: Bool = false, trustGroup: UUID? = nil, consent: ConsentDecision = .given, reason: String = "") -> [(String, String)] {
        let day = CalendarDate.today(in: Formats.ukTimeZone, now: receivedAt)
        return DirectoryForms.date("receivedOn", day) + [
            ("receivedTime", Formats.time(receivedAt)), ("receipt", ConcernReceipt.atGroup.rawValue), ("raisedBy", raisedBy.rawValue),
            ("raiserIdentity", identity), ("childrenCount", "1"), ("ageBands[]", ReturnAgeBand.from5To9.rawValue), ("sexes[]", ReturnSex.female.rawValue),
            ("residence", partnership.uuidString), ("childrenNames", names),
            ("categories[]", AbuseCategory.femaleGenitalMutilation.rawValue), ("summary", summary),
            ("positionOfTrust", positionOfTrust ? "yes" : "no"), ("trustGroupID", trustGroup?.uuidString ?? ""),
            ("consent", consent.rawValue), ("consentReason", reason), ("partnershipID", partnership.uuidString),
        ]
    }

    /// Records a concern through the danger question, the details and check answers; returns its id.
    static func record(_ browser: Browser, conduit: TestConduit, urgent: Bool = false, fields: [(String, String)]) async throws -> UUID {
        try await browser.get(SiteURL.concernNew.path)
        let answer = try await browser.post(SiteURL.concernNew.path, [("dangerNow", urgent ? "yes" : "no")])
        let details: TestingHTTPResponse
        if urgent {
            let location = try #require(answer.headers.first(name: .location))
            try await browser.get(location)
            details = try await browser.post(String(location.split(separator: "?")[0]), fields + [("version", browser.formVersion ?? "1")])
        } else {
            try await browser.get(SiteURL.concernNewDetails.path)
            details = try await browser.post(SiteURL.concerns.path, fields)
        }
        #expect(details.status == .seeOther, "details: \(details.status) \(details.body.string.prefix(300))")
        let check = try #require(details.headers.first(name: .location))
        let id = try #require(check.firstMatch(of: /\/concerns\/([0-9a-f-]{36})\/check/).flatMap { UUID(uuidString: String($0.1)) })
        try await browser.get(check)
        let recorded = try await browser.post(check)
        #expect(recorded.status == .seeOther)
        return id
    }

    @Test("an urgent concern shows 'Call 999 now' first, is stored at once, then is recorded, referred, given an outcome and feedback, and closed; each step in the audit trail")
    func urgentJourney() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            // act: the first answer
            try await adviser.get(SiteURL.concernNew.path)
            let answer = try await adviser.post(SiteURL.concernNew.path, [("dangerNow", "yes")])
            let location = try #require(answer.headers.first(name: .location))
            let detailsPage = try await adviser.get(location)
            let stored = try #require(try await Concern.query(on: conduit.db).first())
            // check
            #expect(answer.status == .seeOther)
            #expect(detailsPage.body.string.contains("Call 999 now"))
            #expect(detailsPage.body.string.contains("href=\"tel:999\""))
            #expect(stored.urgent && stored.state == ConcernState.incomplete.rawValue)
            // act: the details, check answers, a referral, its outcome, feedback, closing
            let id = try stored.requireID()
            let details = try await adviser.post(SiteURL.concernDetails(.value(id)).path,
                                                 Self.details(partnership: camden, receivedAt: stored.receivedAt, identity: "Aunt, 07700 900123") + [("version", adviser.formVersion ?? "")])
            let check = try await adviser.get(SiteURL.concernCheck(.value(id)).path)
            let recorded = try await adviser.post(SiteURL.concernCheck(.value(id)).path)
            let referralForm = try await adviser.get(SiteURL.concernReferralNew(.value(id)).path)
            let referredAt = conduit.app.clock.now
            let referral = try await adviser.post(SiteURL.concernReferrals(.value(id)).path,
                                                  DirectoryForms.date("referredOn", conduit.today) + [("route", ConcernRoute.frontDoor.rawValue),
                                                  ("referredTime", Formats.time(referredAt)), ("reference", "MASH-1")])
            let referralID = try #require(try await ConcernReferral.query(on: conduit.db).first()).requireID()
            try await adviser.get(SiteURL.concernReferralOutcome(.value(id), .value(referralID)).path)
            let outcome = try await adviser.post(SiteURL.concernReferralOutcome(.value(id), .value(referralID)).path,
                                                 DirectoryForms.date("outcomeOn", conduit.today) + [("outcome", ConcernOutcome.childProtectionEnquiry.rawValue)])
            try await adviser.get(SiteURL.concernFeedback(.value(id)).path)
            let feedback = try await adviser.post(SiteURL.concernFeedback(.value(id)).path,
                                                  DirectoryForms.date("feedbackOn", conduit.today) + [("method", ConcernFeedbackMethod.phone.rawValue), ("version", adviser.formVersion ?? "")])
            let page = try await adviser.get(SiteURL.concern(.value(id)).path)
            let close = try await adviser.post(SiteURL.concernClose(.value(id)).path)
            // check
            #expect(details.headers.first(name: .location) == SiteURL.concernCheck(.value(id)).path, "\(details.status) \(details.body.string.prefix(400))")
            #expect(check.shows("Check the concern before you record it") && check.shows("Female genital mutilation"))
            #expect(!check.body.string.contains("07700 900123"), "the restricted field is not shown on check answers")
            #expect(recorded.status == .seeOther)
            #expect(referralForm.status == .ok && referralForm.shows("Camden children's services front door (MASH)") == false, "no services loaded without the demo directory")
            #expect(referral.status == .seeOther && outcome.status == .seeOther && feedback.status == .seeOther, "\(feedback.status) \(feedback.body.string.prefix(300))")
            #expect(page.shows("Child protection enquiry (section 47)") && page.shows("MASH-1"))
            #expect(page.shows("Told what happened on"))
            #expect(close.status == .seeOther)
            let closed = try #require(try await Concern.find(id, on: conduit.db))
            #expect(closed.state == ConcernState.closed.rawValue)
            let actions = try await conduit.auditActions()
            for action in ["concern.create", "concern.update", "concern.record", "concern.refer", "concern.outcome", "concern.feedback", "concern.close", "concern.read"] {
                #expect(actions.contains(action), "\(action) is in the audit trail")
            }
        }
    }

    @Test("the details form reports every problem in one pass, names each field, and keeps what was typed")
    func detailsProblems() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            try await adviser.get(SiteURL.concernNewDetails.path)
            // act
            let response = try await adviser.post(SiteURL.concerns.path, [("summary", "He was hit with a stick at the evening class."), ("raisedBy", "anonymous"),
                                                                          ("raiserIdentity", "Mrs A"), ("childrenCount", "0"), ("consent", "refused")])
            // check
            #expect(response.status == .unprocessableEntity)
            for message in ["Select how you received the concern", "Leave the name empty for someone who did not give it, or select a community member",
                            "Number of children must be a whole number from 1 to 30", "Select each child&#39;s age band, or Not known",
                            "Select what the concern is about: at least one category", "Select whether the concern is about someone in a position of trust in a group",
                            "Enter why the concern is passed on although consent was refused", "Select the partnership where the children live, or Not known"] {
                #expect(response.body.string.contains(message) || response.shows(message), "\(message)")
            }
            #expect(response.shows("He was hit with a stick at the evening class."), "the summary typed is kept")
            #expect(try await Concern.query(on: conduit.db).count() == 0)
        }
    }

    @Test("restricted fields are sealed at rest, hidden on the page, and shown only for a reason the audit trail keeps")
    func restrictedFields() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let id = try await Self.record(adviser, conduit: conduit, fields: Self.details(partnership: camden, receivedAt: conduit.app.clock.now.addingTimeInterval(-600),
                                                                                          identity: "Mrs Begum, 07700 900456", names: "Amina"))
            let raw = try await conduit.sql.select().columns("raiser_identity", "children_names").from(Concern.schema).first()
            // act
            let page = try await adviser.get(SiteURL.concern(.value(id)).path)
            let noReason = try await adviser.post(SiteURL.concernRestricted(.value(id)).path, [("reason", "need")])
            let revealed = try await adviser.post(SiteURL.concernRestricted(.value(id)).path, [("reason", "The front door asked for the child's name to find the family.")])
            // check
            let identity = try #require(try raw?.decode(column: "raiser_identity", as: String?.self))
            #expect(identity.hasPrefix(DataKeys.sealedPrefix) && !identity.contains("Begum"))
            #expect(try raw?.decode(column: "children_names", as: String?.self)?.contains("Amina") == false)
            #expect(!page.body.string.contains("Begum") && !page.body.string.contains("Amina"))
            #expect(noReason.status == .unprocessableEntity)
            #expect(!noReason.body.string.contains("Begum"))
            #expect(revealed.status == .ok && revealed.body.string.contains("Mrs Begum, 07700 900456") && revealed.body.string.contains("Amina"))
            let entries = try await conduit.auditRows(action: "concern.restricted_read")
            #expect(entries.count == 1 && entries.first?.detail == "The front door asked for the child's name to find the family.")
        }
    }

    @Test("concerns are opened by the partnership's advisers and coordinators only: viewers, analysts and administrators are refused, another partnership's adviser gets 404")
    func access() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: a Camden demo concern
            let concern = try #require(try await Concern.query(on: conduit.db).filter(\.$positionOfTrust == true).first())
            let path = SiteURL.concern(.value(try concern.requireID())).path
            let islington = try await conduit.signedInWithPassword("adviser.islington@conduit.example")
            let coordinator = try await conduit.signedIn(as: .coordinator)
            // act
            var statuses: [Role: HTTPStatus] = [:]
            for role in [Role.viewer, .analyst, .administrator, .auditor, .submitter, .adviser, .coordinator] {
                statuses[role] = try await conduit.signedIn(as: role).get(path).status
            }
            let otherPartnership = try await islington.get(path)
            let otherList = try await islington.get(SiteURL.concerns.path)
            let coordinatorChange = try await coordinator.get(SiteURL.concernDetails(.value(try concern.requireID())).path)
            // check
            #expect(statuses[.viewer] == .forbidden && statuses[.analyst] == .forbidden && statuses[.administrator] == .forbidden)
            #expect(statuses[.auditor] == .forbidden && statuses[.submitter] == .forbidden)
            #expect(statuses[.adviser] == .ok && statuses[.coordinator] == .ok)
            #expect(otherPartnership.status == .notFound)
            #expect(!otherList.body.string.contains(path), "another partnership's list does not show it")
            #expect(coordinatorChange.status == .forbidden)
            let reads = try await conduit.auditRows(action: "concern.read")
            #expect(reads.count == 2, "the adviser's and the coordinator's reads are recorded")
            #expect(try await conduit.auditRows(action: "access.refused").contains { $0.detail?.hasPrefix("404") == true })
        }
    }

    @Test("what is late shows on the adviser's home page and first on the list; a concern about a person in a position of trust marks its group and offers the LADO first")
    func timelinessAndTrust() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let viewer = try await conduit.signedIn(as: .viewer)
            let trust = try #require(try await Concern.query(on: conduit.db).filter(\.$positionOfTrust == true).first())
            let group = try #require(trust.trustGroupID)
            // act
            let home = try await adviser.get(SiteURL.home.path)
            let list = try await adviser.get(SiteURL.concerns.path)
            let groupPage = try await adviser.get(SiteURL.directoryGroup(.value(group)).path)
            let viewerGroupPage = try await viewer.get(SiteURL.directoryGroup(.value(group)).path)
            try await adviser.get(SiteURL.concern(.value(try trust.requireID())).path)
            let referral = try await adviser.get(SiteURL.concernReferralNew(.value(try trust.requireID())).path)
            // check
            #expect(home.body.string.contains("data-needing-action=\"2\""), "the forced-marriage concern not referred, the LADO one without an outcome")
            #expect(home.shows("Not referred in time") && home.shows("No outcome after 10 working days"))
            #expect(list.body.string.contains("data-needing-action=\"2\""))
            #expect(groupPage.body.string.contains("data-open-concern"))
            #expect(!viewerGroupPage.body.string.contains("data-open-concern"), "a viewer may not open concerns, so is not told of one")
            let lado = try #require(referral.body.string.range(of: "value=\"lado\""))
            let frontDoor = try #require(referral.body.string.range(of: "value=\"front_door\""))
            #expect(lado.lowerBound < frontDoor.lowerBound)
            #expect(referral.shows("Camden LADO"))
        }
    }
}

@Suite("Concerns: figures and retention")
struct ConcernRetentionTests {
    @Test("figures on concerns are exact for the partnership's adviser and adjusted for an analyst, who still opens none")
    func figures() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let analyst = try await conduit.signedIn(as: .analyst)
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            // act
            let exact = try await adviser.get(SiteURL.concernFigures.path(query: [("partnership", camden)]))
            let adjusted = try await analyst.get(SiteURL.concernFigures.path)
            let list = try await analyst.get(SiteURL.concerns.path)
            // check
            #expect(exact.status == .ok && exact.body.string.contains("data-publication=\"exact\""))
            let categories = exact.section(from: "Concerns by category</caption>", to: "</table>")
            #expect(categories.contains("Female genital mutilation</td><td class=\"c-table__cell c-table__cell--numeric\">1<"), "\(categories.prefix(600))")
            #expect(exact.section(from: "Concerns by time to referral</caption>", to: "</table>").contains("Not referred, and overdue</td><td class=\"c-table__cell c-table__cell--numeric\">1<"))
            #expect(adjusted.status == .ok && adjusted.body.string.contains("data-publication=\"adjusted\""))
            #expect(list.status == .forbidden)
        }
    }

    @Test("retention anonymises what has passed each partnership's period, the dry run changes nothing, and the counts are the same after")
    func retention() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: Camden keeps closed concerns one year; its closed demo concern was closed a day ago
            let camden = try await conduit.partnership("camden").requireID()
            try await RetentionPeriod(partnershipID: camden, recordType: RetentionRecord.concerns.rawValue, years: 1).create(on: conduit.db)
            let closed = try #require(try await Concern.query(on: conduit.db).filter(\.$state == ConcernState.closed.rawValue).first())
            closed.closedAt = conduit.app.clock.now.addingTimeInterval(-400 * 86_400)
            closed.raiserIdentity = conduit.app.dataKeys.sealRestricted("A neighbour")
            try await closed.save(on: conduit.db)
            let adviser = try await conduit.signedIn(as: .adviser)
            let figuresPath = SiteURL.concernFigures.path(query: [("partnership", camden.uuidString.lowercased()), ("from-day", "1"), ("from-month", "1"), ("from-year", "2020")])
            let before = try await adviser.get(figuresPath)
            let statisticsBefore = try await adviser.get(SiteURL.trainingStatistics.path(query: [("from", "2000-01-01")]))
            // act
            let today = conduit.today
            let dryRun = try await Retention.due(today: today, on: conduit.db)
            let unchanged = try #require(try await Concern.find(closed.id, on: conduit.db))
            let changed = try await Retention.apply(dryRun, now: conduit.app.clock.now, on: conduit.db)
            let after = try await adviser.get(figuresPath)
            let statisticsAfter = try await adviser.get(SiteURL.trainingStatistics.path(query: [("from", "2000-01-01")]))
            let anonymised = try #require(try await Concern.find(closed.id, on: conduit.db))
            let again = try await Retention.due(today: today, on: conduit.db)
            // check
            let camdenConcerns = try #require(dryRun.first { $0.partnershipID == camden && $0.record == .concerns })
            #expect(camdenConcerns.count == 1 && camdenConcerns.years == 1)
            #expect(unchanged.summary.isEmpty == false && unchanged.anonymisedAt == nil, "the dry run changes nothing")
            #expect(changed >= 1)
            #expect(anonymised.summary.isEmpty && anonymised.raiserIdentity == nil && anonymised.anonymisedAt != nil)
            #expect(anonymised.consent == closed.consent && anonymised.state == ConcernState.closed.rawValue)
            #expect(try await ConcernStore.categories(of: closed.requireID(), on: conduit.sql) == [.neglect])
            #expect(again.allSatisfy { $0.count == 0 }, "nothing is due twice")
            func tables(_ page: TestingHTTPResponse) -> String { page.section(from: "<caption", to: "</main>") }
            #expect(tables(before) == tables(after) && !tables(before).isEmpty, "the figures are the same after")
            #expect(tables(statisticsBefore) == tables(statisticsAfter))
            let entries = try await conduit.auditRows(action: "retention.anonymise")
            #expect(entries.contains { $0.partnership_id == camden && $0.record_type == "concerns" })
            let page = try await adviser.get(SiteURL.concern(.value(try closed.requireID())).path)
            #expect(page.shows("This concern passed its retention period"))
        }
    }
}

@Suite("Concerns API")
struct ConcernAPITests {
    @Test("through the API an adviser records a concern, refers it and records the outcome; analysts are refused, another partnership gets 404, restricted fields are never returned")
    func journey() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.apiClient(as: .adviser)
            let analyst = try await conduit.apiClient(as: .analyst)
            let camden = try await conduit.partnership("camden").requireID()
            let receivedAt = ISO8601DateFormatter().string(from: conduit.app.clock.now.addingTimeInterval(-1800))
            let body = """
                {"urgent": true, "receivedAt": "\(receivedAt)", "receipt": "phone", "raisedBy": "community_member", "raiserIdentity": "Mr K, 07700 900789",
                 "childrenCount": 2, "ageBands": ["10_15"], "sexes": ["female"], "residencePartnershipId": "\(camden.uuidString)",
                 "categories": ["honour_based_abuse"], "summary": "Two sisters were told they will be punished for talking to boys.",
                 "positionOfTrust": false, "consent": "not_sought", "consentReason": "Asking the family would put the girls at risk."}
                """
            // act
            let created = try await adviser.send(.POST, SiteURL.api(.concerns).path, body: body, contentType: "application/json")
            let id = try #require(created.body.string.firstMatch(of: /"id":"([0-9A-F-]{36})"/).flatMap { UUID(uuidString: String($0.1)) })
            let referred = try await adviser.send(.POST, SiteURL.api(.concernReferrals(.value(id))).path,
                                                  body: "{\"route\": \"police\", \"referredAt\": \"\(ISO8601DateFormatter().string(from: conduit.app.clock.now))\", \"reference\": \"CAD 1234\"}",
                                                  contentType: "application/json")
            let referralID = try #require(try await ConcernReferral.query(on: conduit.db).filter(\.$concern.$id == id).first()).requireID()
            let outcome = try await adviser.send(.POST, SiteURL.api(.concernReferralOutcome(.value(id), .value(referralID))).path,
                                                 body: "{\"outcome\": \"police_investigation\", \"heardOn\": \"\(conduit.today)\"}", contentType: "application/json")
            let list = try await adviser.get(SiteURL.api(.concerns).path)
            let invalid = try await adviser.send(.POST, SiteURL.api(.concerns).path, body: "{\"summary\": \"\"}", contentType: "application/json")
            let refused = try await analyst.get(SiteURL.api(.concern(.value(id))).path)
            let islingtonUser = try #require(try await User.query(on: conduit.db).filter(\.$email == "adviser.islington@conduit.example").first())
            let secret = "cdt_test_islington"
            try await APIToken(userID: try islingtonUser.requireID(), name: "test", tokenDigest: Sessions.digest(secret), prefix: "cdt_test",
                               expiresAt: Date().addingTimeInterval(APIToken.defaultLifetime)).save(on: conduit.db)
            let islington = conduit.browser()
            islington.headers.bearerAuthorization = .init(token: secret)
            let hidden = try await islington.get(SiteURL.api(.concern(.value(id))).path)
            // check
            #expect(created.status == .created, "\(created.body.string.prefix(400))")
            #expect(created.body.string.contains("\"hasRaiserIdentity\":true") && !created.body.string.contains("07700 900789"))
            #expect(created.body.string.contains("\"state\":\"open\""))
            #expect(referred.status == .created && referred.body.string.contains("CAD 1234"))
            #expect(outcome.status == .ok && outcome.body.string.contains("police_investigation"), "\(outcome.body.string.prefix(300))")
            #expect(list.status == .ok && list.body.string.contains(id.uuidString))
            #expect(invalid.status == .unprocessableEntity && invalid.body.string.contains("receivedAt") && invalid.body.string.contains("categories"))
            #expect(refused.status == .forbidden)
            #expect(hidden.status == .notFound)
            #expect(try await conduit.auditActions().contains("concern.refer"))
        }
    }
}

@Suite("Worried about a child? (public pages)")
struct WorriedPageTests {
    @Test("each partnership's public page, signed out, gives who to contact, in its languages with their direction, and 'Leave this page' as a link and a script")
    func publicPage() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let visitor = conduit.browser()
            // act
            let index = try await visitor.get(SiteURL.worriedIndex.path)
            let camden = try await visitor.get(SiteURL.worried("camden").path)
            let arabic = try await visitor.get(SiteURL.worried("camden").path(query: [("lang", "ar")]))
            let unknownLanguage = try await visitor.get(SiteURL.worried("camden").path(query: [("lang", "xx")]))
            let missing = try await visitor.get(SiteURL.worried("atlantis").path)
            let home = try await visitor.get(SiteURL.home.path)
            let script = try await visitor.get(SiteURL.exitScript.path)
            // check
            #expect(index.status == .ok && index.body.string.contains(SiteURL.worried("camden").path))
            #expect(camden.status == .ok)
            #expect(camden.body.string.contains("data-exit-this-page=\"true\"") && camden.body.string.contains("href=\"\(Layout.neutralSite)\""))
            #expect(camden.body.string.contains("<script src=\"\(SiteURL.exitScript.path)\""))
            #expect(camden.shows("Camden children's services front door (MASH)") && camden.body.string.contains("href=\"tel:999\""))
            #expect(camden.body.string.contains("hreflang=\"so\"") && camden.body.string.contains("Soomaali"))
            #expect(arabic.body.string.contains("lang=\"ar\" dir=\"rtl\""))
            #expect(!unknownLanguage.body.string.contains("dir=\"rtl\""))
            #expect(missing.status == .notFound)
            #expect(home.body.string.contains(SiteURL.worriedIndex.path), "linked from every page's footer")
            #expect(!home.body.string.contains("data-exit-this-page"), "only the pages about harm have it")
            #expect(script.status == .ok && script.body.string.contains("location.replace"))
        }
    }

    @Test("an adviser sets the partnership's services and its words in a language; the public page shows them; a viewer may not")
    func settings() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let viewer = try await conduit.signedIn(as: .viewer)
            try await adviser.get(SiteURL.concernServices.path)
            // act
            let invalid = try await adviser.post(SiteURL.concernServices.path, [("route", "health"), ("name", ""), ("phone", "")])
            let added = try await adviser.post(SiteURL.concernServices.path, [("route", "health"), ("name", "Camden school nursing"), ("phone", "020 7946 0999")])
            let text = try await adviser.post(SiteURL.concernPageTexts.path, [("language", "ur"), ("text", "اگر کوئی بچہ ابھی خطرے میں ہے تو 999 پر کال کریں۔")])
            let page = try await conduit.browser().get(SiteURL.worried("camden").path(query: [("lang", "ur")]))
            let refused = try await viewer.get(SiteURL.concernServices.path)
            // check
            #expect(invalid.status == .unprocessableEntity && invalid.shows("Enter the service's name") && invalid.shows("Enter a phone number or an email address"))
            #expect(added.status == .seeOther && text.status == .seeOther)
            #expect(page.shows("Camden school nursing") && page.body.string.contains("href=\"tel:02079460999\""))
            #expect(page.body.string.contains("lang=\"ur\" dir=\"rtl\""))
            #expect(refused.status == .forbidden)
            #expect(try await conduit.auditActions().contains("safeguarding_service.create"))
        }
    }
}

@Suite("Subject access requests")
struct SubjectAccessTests {
    @Test("a coordinator finds everything held about a named person, in concerns' restricted fields, contacts and the audit trail, exports it, and both are logged; others may not")
    func subjectAccess() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: a concern raised by Mrs Hawa Begum, and her as a contact at a Camden group
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            _ = try await ConcernTests.record(adviser, conduit: conduit, fields: ConcernTests.details(partnership: camden, receivedAt: conduit.app.clock.now.addingTimeInterval(-600),
                                                                                                     identity: "Mrs Hawa Begum, 07700 900321"))
            let group = try await conduit.group(named: "Bengali Women's Forum")
            let contact = Contact()
            contact.version = 1
            contact.name = "Hawa Bégum"
            contact.role = ContactRole.chair.rawValue
            contact.roleDetail = ""
            contact.phone = "07700 900322"
            contact.email = ""
            contact.preferredLanguage = "Bengali"
            contact.notes = ""
            contact.$organisation.id = try group.requireID()
            try await contact.create(on: conduit.db)
            let coordinator = try await conduit.signedIn(as: .coordinator)
            try await coordinator.get(SiteURL.adminSubjectAccess.path)
            // act
            let short = try await coordinator.post(SiteURL.adminSubjectAccess.path, [("name", "Ha")])
            let found = try await coordinator.post(SiteURL.adminSubjectAccess.path, [("name", "hawa begum")])
            let export = try await coordinator.post(SiteURL.adminSubjectAccessExport.path, [("name", "hawa begum")])
            let refused = try await adviser.get(SiteURL.adminSubjectAccess.path)
            // check
            #expect(short.status == .unprocessableEntity)
            #expect(found.status == .ok && found.shows("Mrs Hawa Begum, 07700 900321") && found.shows("Hawa Bégum"))
            #expect(found.body.string.contains("Contact at a group") && found.body.string.contains("Concern"))
            #expect(export.status == .ok && export.headers.first(name: .contentDisposition)?.contains("subject-access-") == true)
            #expect(export.body.string.contains("Mrs Hawa Begum, 07700 900321") && export.body.string.contains("07700 900322"))
            #expect(refused.status == .forbidden)
            #expect(try await conduit.auditRows(action: "subject_access.search").first?.detail == "hawa begum: 2 records")
            #expect(try await conduit.auditRows(action: "subject_access.export").count == 1)
        }
    }
}

@Suite("No lost words")
struct KeptFormTests {
    @Test("a concern sent after the session timed out is kept: signing in again leads to it, with what was typed, to send once more")
    func keptAcrossExpiry() async throws {
        try await TestConduit.run { conduit in
            // setup: the adviser types a concern for longer than the idle timeout
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.concernNewDetails.path)
            let fields = ConcernTests.details(partnership: camden, receivedAt: conduit.app.clock.now,
                                              summary: "The girl said her aunt will take her to a cutter during the summer holiday.")
            conduit.app.clock.advance(by: conduit.app.settings.sessionIdleTimeout + 60)
            // act
            let sent = try await adviser.post(SiteURL.concerns.path, fields)
            let location = try #require(sent.headers.first(name: .location))
            let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value)
            try await adviser.get(location)
            let password = try await adviser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password), ("next", next)])
            conduit.app.clock.advance(by: 31)
            try await adviser.get(try #require(password.headers.first(name: .location)))
            let code = TOTP(secret: Base32.decode(Demo.secret(for: .adviser))!).code(at: conduit.app.clock.now)
            let signedIn = try await adviser.post(SiteURL.signInCode.path, [("code", code), ("next", next)])
            let keptPage = try await adviser.get(try #require(signedIn.headers.first(name: .location)))
            // The kept page's form, sent as the browser would send it.
            let hidden = keptPage.body.string.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/)
                .map { (String($0.1), String($0.2).removingHTMLEntities) }.filter { $0.0 != CSRF.field }
            let again = try await adviser.post(SiteURL.concerns.path, hidden)
            let secondLook = try await adviser.get(try #require(signedIn.headers.first(name: .location)))
            // check
            #expect(sent.status == .seeOther && next.hasPrefix("/sign-in/kept/"), "\(location)")
            #expect(hidden.count == fields.count, "every field kept")
            #expect(keptPage.status == .ok && keptPage.shows("The girl said her aunt will take her to a cutter during the summer holiday."))
            #expect(again.status == .seeOther && again.headers.first(name: .location)?.hasSuffix("/check") == true, "\(again.status) \(again.body.string.prefix(300))")
            #expect(try await Concern.query(on: conduit.db).first()?.summary == "The girl said her aunt will take her to a cutter during the summer holiday.")
            #expect(secondLook.status == .notFound, "shown once")
            let stored = try await conduit.sql.select().column("fields").from(KeptForm.schema).all()
            #expect(stored.isEmpty)
        }
    }
}

private extension String {
    var removingHTMLEntities: String {
        replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite("Concerns: what an attacker would try")
struct ConcernAttackTests {
    @Test("another concern's referral, another partnership's concern, records for a partnership one is not in, a shared group's marker and someone else's kept form are all refused")
    func attacks() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: two Camden concerns with referrals, an Islington adviser, a shared group
            let camdenAdviser = try await conduit.signedIn(as: .adviser)
            let islington = try await conduit.signedInWithPassword("adviser.islington@conduit.example")
            let islingtonID = try await conduit.partnership("islington").requireID()
            let referred = try await Concern.query(on: conduit.db).filter(\.$state == ConcernState.open.rawValue).all()
            var withReferral: [(Concern, ConcernReferral)] = []
            for concern in referred {
                if let referral = try await ConcernReferral.query(on: conduit.db).filter(\.$concern.$id == concern.requireID()).first() { withReferral.append((concern, referral)) }
            }
            let (first, _) = try #require(withReferral.first)
            let (_, otherReferral) = try #require(withReferral.last { $0.0.id != first.id })
            let trustConcern = try #require(referred.first { $0.positionOfTrust })
            // act
            try await camdenAdviser.get(SiteURL.concern(.value(try first.requireID())).path)
            let swapped = try await camdenAdviser.post(SiteURL.concernReferralOutcome(.value(try first.requireID()), .value(try otherReferral.requireID())).path,
                                                       DirectoryForms.date("outcomeOn", conduit.today) + [("outcome", "no_further_action")])
            try await islington.get(SiteURL.concerns.path)
            let foreignOutcome = try await islington.post(SiteURL.concernReferralOutcome(.value(try first.requireID()), .value(try otherReferral.requireID())).path,
                                                          DirectoryForms.date("outcomeOn", conduit.today) + [("outcome", "no_further_action")])
            let foreignReveal = try await islington.post(SiteURL.concernRestricted(.value(try first.requireID())).path, [("reason", "I would like to see who it was, please.")])
            let islingtonHome = try await islington.get(SiteURL.home.path)
            try await camdenAdviser.get(SiteURL.concernNewDetails.path)
            let forOtherPartnership = try await camdenAdviser.post(SiteURL.concerns.path,
                                                                   ConcernTests.details(partnership: islingtonID, receivedAt: conduit.app.clock.now).filter { $0.0 != "partnershipID" }
                                                                   + [("partnershipID", islingtonID.uuidString)])
            let sharedGroupPage = try await islington.get(SiteURL.directoryGroup(.value(try #require(trustConcern.trustGroupID))).path)
            // someone else's kept form
            let kept = KeptForm()
            kept.path = SiteURL.concerns.path
            kept.fields = conduit.app.dataKeys.sealRestricted("[[\"summary\",\"private words\"]]")
            kept.$user.id = try await conduit.user(.adviser).requireID()
            try await kept.create(on: conduit.db)
            let othersKept = try await islington.get(SiteURL.signInKept(.value(try kept.requireID())).path)
            // check
            #expect(swapped.status == .notFound, "a referral is reached only through its own concern")
            #expect(foreignOutcome.status == .notFound && foreignReveal.status == .notFound)
            #expect(!foreignReveal.body.string.contains("Begum") && !islingtonHome.body.string.contains("data-needing-action"))
            #expect(forOtherPartnership.status == .unprocessableEntity && forOtherPartnership.shows("Select the partnership you are recording this for"))
            #expect(sharedGroupPage.status == .ok, "the fellowship serves Islington too")
            #expect(!sharedGroupPage.body.string.contains("data-open-concern"), "Islington may read the group, not Camden's concern about it")
            #expect(othersKept.status == .notFound)
            #expect(try await ConcernReferral.find(otherReferral.id, on: conduit.db)?.outcome == otherReferral.outcome, "nothing changed")
        }
    }
}

@Suite("Retention settings")
struct RetentionSettingsTests {
    @Test("a partnership's administrator sets its retention periods, every one checked; retention then uses them")
    func settings() async throws {
        try await TestConduit.run { conduit in
            // setup
            let administrator = try await conduit.signedIn(as: .administrator)
            let camden = try await conduit.partnership("camden").requireID()
            let path = SiteURL.adminPartnershipRetention(.value(camden)).path
            try await administrator.get(path)
            // act
            let invalid = try await administrator.post(path, [("concerns", "0"), ("contacts", "three"), ("participants", "2")])
            let saved = try await administrator.post(path, [("concerns", "8"), ("contacts", "3"), ("participants", "1")])
            let due = try await Retention.due(today: conduit.today, on: conduit.db)
            let adviser = try await conduit.signedIn(as: .adviser)
            let refused = try await adviser.get(path)
            // check
            #expect(invalid.status == .unprocessableEntity && invalid.shows("Closed concerns: enter a whole number of years from 1 to 25")
                    && invalid.shows("Contacts at groups: enter a whole number of years from 1 to 25"))
            #expect(saved.status == .seeOther)
            #expect(due.first { $0.partnershipID == camden && $0.record == .concerns }?.years == 8)
            #expect(due.first { $0.partnershipID == camden && $0.record == .participants }?.years == 1)
            #expect(try await RetentionPeriod.query(on: conduit.db).count() == 2, "the default for contacts is not stored")
            #expect(refused.status == .forbidden)
        }
    }
}

@Suite("Concerns in the community return")
struct ConcernReturnTests {
    @Test("the community source of a return offers the children of the partnership's concerns as totals, to those who may open them, filled only where empty and saved only when the submitter saves")
    func suggestion() async throws {
        try await TestConduit.run { conduit in
            // setup: a recorded FGM concern this quarter, and a submitter of every source in Camden
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            _ = try await ConcernTests.record(adviser, conduit: conduit, fields: ConcernTests.details(partnership: camden, receivedAt: conduit.app.clock.now.addingTimeInterval(-600)))
            // The community source is entered by the adviser, who may open the concerns it counts.
            let lead = try await conduit.addUser(email: "community.lead@conduit.example", role: .submitter, partnership: "camden")
            try await MembershipRecord(userID: try lead.requireID(), partnershipID: camden, role: .adviser).save(on: conduit.db)
            try await conduit.addUser(email: "community.clerk@conduit.example", role: .submitter, partnership: "camden")
            let submitter = try await conduit.signedInWithPassword("community.lead@conduit.example")
            try await submitter.get(SiteURL.returns.path)
            let started = try await submitter.post(SiteURL.returns.path, [("partnershipID", camden.uuidString), ("source", ReturnSource.community.rawValue),
                                                                        ("period", ReportingPeriod.quarter(containing: conduit.today).key)])
            let returnPath = try #require(started.headers.first(name: .location))
            let page = try await submitter.get(returnPath)
            let fgm = ReturnCellKey(category: .femaleGenitalMutilation, breakdown: .total).fieldName
            let hba = ReturnCellKey(category: .honourBasedAbuse, breakdown: .total).fieldName
            // act
            let suggested = try await submitter.post(returnPath, [("version", submitter.formVersion ?? "1"), ("action", "suggest"), (hba, "4")])
            let cellsAfter = try await conduit.sql.select().column("*").from(ReturnTables.cells).all().count
            // A submitter who may not open concerns is offered none of their figures.
            let clerk = try await conduit.signedInWithPassword("community.clerk@conduit.example")
            let clerkPage = try await clerk.get(returnPath)
            let clerkSuggest = try await clerk.post(returnPath, [("version", clerk.formVersion ?? "1"), ("action", "suggest")])
            // check
            #expect(page.body.string.contains("Children in concerns (suggested)"))
            #expect(suggested.status == .ok && suggested.shows("Check them: nothing is saved until you save or submit."))
            #expect(suggested.body.string.contains("name=\"\(fgm)\" value=\"1\""), "the concern's one child")
            #expect(suggested.body.string.contains("name=\"\(hba)\" value=\"4\""), "what the submitter typed stays")
            #expect(cellsAfter == 0, "nothing saved yet")
            #expect(clerkPage.status == .ok && !clerkPage.body.string.contains("Children in concerns (suggested)"))
            #expect(clerkSuggest.status == .forbidden)
        }
    }
}
