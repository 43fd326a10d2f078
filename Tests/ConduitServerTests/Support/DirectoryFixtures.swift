import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

/// What the directory and engagement tests share: "today" as the app sees it, the
/// forms as a browser would send them, and lookups of what was written.
extension TestConduit {
    /// The UK date of the application's clock: what the pages call today.
    var today: CalendarDate { CalendarDate.today(in: Formats.ukTimeZone, now: app.clock.now) }

    func group(named name: String) async throws -> CommunityGroup {
        try #require(try await CommunityGroup.query(on: db).filter(\.$name == name).first(), "no group named \(name)")
    }

    func organisationCount() async throws -> Int {
        try await CommunityGroup.query(on: db).count()
    }

    func engagementCount() async throws -> Int {
        try await Engagement.query(on: db).count()
    }

    /// The engagements logged with a group, earliest first.
    func engagements(with groupID: UUID) async throws -> [Engagement] {
        let ids = try await sql.select().column("engagement_id").from(EngagementTables.groups)
            .where("organisation_id", .equal, groupID).all().map { try $0.decode(column: "engagement_id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await Engagement.query(on: db).filter(\.$id ~~ ids).sort(\.$occurredOn).all()
    }

    /// A browser signed in with the password only, for accounts without a second factor
    /// (the demo's per-partnership advisers, or users added by a test without a secret).
    func signedInWithPassword(_ email: String) async throws -> Browser {
        let browser = browser()
        try await browser.signIn(email: email, secret: nil)
        return browser
    }

    /// Adds a group through the form as the browser's person, and returns its id.
    func addGroup(_ browser: Browser, name: String, type: GroupType = .communityGroup, status: GroupStatus = .active,
                  owner: UUID, served: [UUID] = [], postcode: String = "") async throws -> UUID {
        try await browser.get(SiteURL.directoryGroupNew.path)
        let response = try await browser.post(SiteURL.directoryGroups.path,
                                              DirectoryForms.group(name: name, type: type, status: status, postcode: postcode, owner: owner, served: served))
        #expect(response.status == .seeOther, "adding \(name): \(response.status)")
        let location = try #require(response.headers.first(name: .location), "adding \(name) did not redirect")
        let id = try #require(location.firstMatch(of: /\/directory\/groups\/([0-9a-f-]{36})/).map { UUID(uuidString: String($0.1)) } ?? nil,
                              "no group id in \(location)")
        return id
    }

    /// Logs an engagement through the form as the browser's person.
    @discardableResult
    func logEngagement(_ browser: Browser, on date: CalendarDate, channel: EngagementChannel = .phone, outcome: EngagementOutcome,
                       groups: [UUID], partnership: UUID, followUp: CalendarDate? = nil) async throws -> TestingHTTPResponse {
        try await browser.get(SiteURL.engagementNew.path)
        return try await browser.post(SiteURL.engagements.path,
                                      DirectoryForms.engagement(on: date, channel: channel, outcome: outcome, groups: groups,
                                                                partnership: partnership, followUp: followUp))
    }
}

/// Form fields as the pages' forms send them.
enum DirectoryForms {
    static func date(_ name: String, _ date: CalendarDate?) -> [(String, String)] {
        [("\(name)-day", date.map { String($0.day) } ?? ""), ("\(name)-month", date.map { String($0.month) } ?? ""),
         ("\(name)-year", date.map { String($0.year) } ?? "")]
    }

    static func group(name: String, type: GroupType = .communityGroup, status: GroupStatus = .active, postcode: String = "",
                      phone: String = "", notes: String = "", confirmedOn: (day: String, month: String, year: String) = ("", "", ""),
                      owner: UUID, served: [UUID] = []) -> [(String, String)] {
        [("name", name), ("type", type.rawValue), ("faith", ""), ("denomination", ""), ("communities", ""), ("languages", ""),
         ("address", ""), ("postcode", postcode), ("phone", phone), ("email", ""), ("meetingTimes", ""), ("status", status.rawValue),
         ("statusConfirmedOn-day", confirmedOn.day), ("statusConfirmedOn-month", confirmedOn.month), ("statusConfirmedOn-year", confirmedOn.year),
         ("howFound", ""), ("notes", notes), ("ownerID", owner.uuidString)]
            + ([owner] + served).map { ("servedIDs[]", $0.uuidString) }
    }

    /// The edit form as the page fills it from the stored group, with the version it was read at.
    static func group(_ input: GroupInput, version: Int) -> [(String, String)] {
        let confirmed = input.statusConfirmedOn.boxes
        return [("name", input.name), ("type", input.type), ("faith", input.faith), ("denomination", input.denomination),
                ("communities", input.communities), ("languages", input.languages), ("address", input.address),
                ("postcode", input.postcode), ("phone", input.phone), ("email", input.email), ("meetingTimes", input.meetingTimes),
                ("status", input.status), ("statusConfirmedOn-day", confirmed.day), ("statusConfirmedOn-month", confirmed.month),
                ("statusConfirmedOn-year", confirmed.year), ("howFound", input.howFound), ("notes", input.notes),
                ("ownerID", input.ownerID?.uuidString ?? ""), ("version", String(version))]
            + input.servedIDs.map { ("servedIDs[]", $0.uuidString) }
    }

    static func engagement(on date: CalendarDate, channel: EngagementChannel, outcome: EngagementOutcome, groups: [UUID],
                           partnership: UUID, followUp: CalendarDate? = nil, topics: [EngagementTopic] = []) -> [(String, String)] {
        self.date("occurredOn", date) + [("time", ""), ("channel", channel.rawValue), ("outcome", outcome.rawValue)]
            + groups.map { ("groupIDs[]", $0.uuidString) }
            + [("peopleMet", ""), ("notes", "")] + topics.map { ("topics[]", $0.rawValue) }
            + self.date("followUpOn", followUp) + [("partnershipID", partnership.uuidString)]
    }

    /// One readiness item's fields; the form sends every item.
    static func readinessItem(_ item: ReadinessItem, status: ReadinessStatus = .unknown, lastReviewed: CalendarDate? = nil,
                              reviewDue: CalendarDate? = nil, checked: String = "", total: String = "") -> [(String, String)] {
        let key = item.rawValue
        return [("\(key)-status", status.rawValue), ("\(key)-evidence", ""), ("\(key)-checked", checked), ("\(key)-total", total)]
            + date("\(key)-lastReviewed", lastReviewed) + date("\(key)-reviewDue", reviewDue)
    }

    /// The whole readiness form: the given items as stated, every other one "not known".
    static func readiness(_ items: [ReadinessItem: [(String, String)]]) -> [(String, String)] {
        ReadinessItem.allCases.flatMap { items[$0] ?? readinessItem($0) }
    }
}

extension TestingHTTPResponse {
    /// Whether the page shows the text, as the page escapes it.
    func shows(_ text: String) -> Bool {
        body.string.contains(escapeHTML(text))
    }

    /// The page's markup from the first `start` to the next `end` after it (empty if absent),
    /// to check that something is shown in one section of a page and not another.
    func section(from start: String, to end: String) -> String {
        let html = body.string
        guard let from = html.range(of: start) else { return "" }
        let rest = html[from.lowerBound...]
        guard let to = rest.range(of: end, range: from.upperBound..<rest.endIndex) else { return String(rest) }
        return String(rest[..<to.lowerBound])
    }
}
