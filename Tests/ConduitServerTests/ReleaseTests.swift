import ConduitCore
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Releases of figures for the public")
struct ReleaseTests {
    static func total(_ category: AbuseCategory) -> ReturnCellKey { ReturnCellKey(category: category, breakdown: .total) }

    /// The publish form's fields for a new release of one quarter.
    static func fields(_ period: ReportingPeriod, revises: UUID? = nil, reason: String = "", note: String = "") -> [(String, String)] {
        [("period", period.key), ("revises", revises?.uuidString ?? ""), ("reason", reason), ("note", note),
         ("next-day", ""), ("next-month", ""), ("next-year", "")]
    }

    /// Publishes through the check step, as a coordinator does; answers the release's id.
    static func publish(_ coordinator: Browser, _ fields: [(String, String)]) async throws -> UUID {
        try await coordinator.get(SiteURL.releasesPublish.path)
        let check = try await coordinator.post(SiteURL.releasesCheck.path, fields)
        #expect(check.status == .ok && check.body.string.contains("Check the release before publishing"))
        let published = try await coordinator.post(SiteURL.releasesPublish.path, fields)
        #expect(published.status == .seeOther)
        return try #require(published.headers.first(name: .location)?.firstMatch(of: /releases\/([0-9A-Fa-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
    }

    /// A page's figures without what changes from one request to the next.
    static func figuresOnly(_ page: String) -> String {
        page.replacing(/nonce="[^"]*"/, with: "").replacing(/name="csrf" value="[^"]*"/, with: "")
    }

    @Test("a coordinator checks and publishes a release; the public reads it with small counts hidden, and no hidden value leaves the server")
    func publishAndRead() async throws {
        try await TestConduit.run { conduit in
            // setup: Camden 21 and Hackney 4, so London's 25 would give Hackney away
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await ReturnsTests.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.total(.femaleGenitalMutilation): 21])
            try await ReturnsTests.addReturn(conduit, "hackney", period, .localAuthority, cells: [Self.total(.femaleGenitalMutilation): 4])
            // act
            let id = try await Self.publish(coordinator, Self.fields(period, note: "First figures."))
            let public_ = conduit.browser()
            let page = try await public_.get(SiteURL.publishedFigures.path(query: [("category", "22A")]))
            let json = try await public_.get(SiteURL.releaseJSON(.value(id)).path)
            let csv = try await public_.get(SiteURL.releaseCSV(.value(id)).path)
            // check
            #expect(page.status == .ok, "no sign-in needed")
            let table = try #require(page.body.string.components(separatedBy: "by partnership: ").last)
            #expect(table.contains("Hackney</td><td class=\"c-table__cell c-table__cell--numeric\">c<"), "Hackney's 4 is hidden")
            #expect(!(table.contains(">21<") && table.contains(">25<")), "and so is Camden's 21 or London's 25, which would give it away")
            #expect(!table.contains(">4<"))
            #expect(page.body.string.contains("First figures."))
            let document = try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as! [String: Any]
            let figures = document["figures"] as! [[String: Any]]
            let fgm = figures.filter { $0["category"] as? String == "22A" && $0["source"] as? String == "local_authority" }
            #expect(fgm.filter { $0["symbol"] as? String == "c" }.count >= 2)
            #expect(!fgm.contains { $0["value"] as? Int == 4 }, "the hidden 4 is nowhere in the file")
            #expect(fgm.allSatisfy { ($0["value"] is NSNull) == ($0["symbol"] is String) }, "a figure has a value or a symbol, never both")
            #expect(csv.status == .ok && csv.body.string.contains(",c,") && csv.body.string.contains(",x,"))
            #expect(try await conduit.auditRows(action: "release.publish").count == 1)
        }
    }

    @Test("approving a return after a release changes nothing public until the next release")
    func frozen() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await ReturnsTests.addReturn(conduit, "camden", period, .police, cells: [Self.total(.honourBasedAbuse): 30])
            let late = try await ReturnsTests.addReturn(conduit, "hackney", period, .police, status: .submitted, cells: [Self.total(.honourBasedAbuse): 3])
            _ = try await Self.publish(coordinator, Self.fields(period))
            let reader = conduit.browser()
            let path = SiteURL.publishedFigures.path(query: [("source", "police"), ("category", "honour_based_abuse")])
            let before = Self.figuresOnly(try await reader.get(path).body.string)
            // act: the coordinator approves Hackney's return
            late.status = ReturnStatus.approved.rawValue
            try await late.save(on: conduit.db)
            let after = Self.figuresOnly(try await reader.get(path).body.string)
            // check
            #expect(before == after)
            #expect(before.contains(">30<"), "Camden's 30 alone is London's figure, and shown")
        }
    }

    @Test("a signed-out reader cannot ask for ranges of quarters any more: every range gives the same release")
    func noRanges() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await ReturnsTests.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.total(.trafficking): 9])
            _ = try await Self.publish(coordinator, Self.fields(period))
            let reader = conduit.browser()
            // act
            let one = try await reader.get(SiteURL.publishedFigures.path(query: [("from", period.previous.key), ("to", period.key)]))
            let other = try await reader.get(SiteURL.publishedFigures.path(query: [("from", period.key), ("to", period.key)]))
            // check
            #expect(Self.figuresOnly(one.body.string) == Self.figuresOnly(other.body.string))
        }
    }

    @Test("a revision says what was revised and why; the earlier release stays readable and says it was revised")
    func revision() async throws {
        try await TestConduit.run { conduit in
            // setup: one release, then Hackney's return approved late
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await ReturnsTests.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.total(.forcedMarriage): 12])
            let first = try await Self.publish(coordinator, Self.fields(period))
            try await ReturnsTests.addReturn(conduit, "hackney", period, .localAuthority, cells: [Self.total(.forcedMarriage): 8])
            // act
            let refused = try await coordinator.post(SiteURL.releasesCheck.path, Self.fields(period))
            let second = try await Self.publish(coordinator, Self.fields(period, revises: first, reason: "Hackney's return, approved late, is now included."))
            let reader = conduit.browser()
            let earlier = try await reader.get(SiteURL.release(.value(first)).path).body.string
            let latest = try await reader.get(SiteURL.publishedFigures.path).body.string
            let list = try await reader.get(SiteURL.releases.path).body.string
            // check
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("publish a revision"), "a second release of the same period must be a revision")
            #expect(earlier.contains("These figures have been revised by the release of"))
            #expect(latest.contains("This release revises the release of"))
            #expect(latest.contains("approved late, is now included."))
            #expect(latest.contains(SiteURL.release(.value(first)).path))
            #expect(list.contains(SiteURL.release(.value(first)).path) && list.contains(SiteURL.release(.value(second)).path))
        }
    }

    @Test("the publish form reports every problem at once, each on its field")
    func problems() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            try await coordinator.get(SiteURL.releasesPublish.path)
            // act
            let response = try await coordinator.post(SiteURL.releasesCheck.path, [
                ("period", "1999Q9"), ("revises", "not-a-release"), ("reason", ""), ("note", ""),
                ("next-day", "31"), ("next-month", "2"), ("next-year", "2027"),
            ])
            // check
            let page = response.body.string
            #expect(response.status == .unprocessableEntity)
            #expect(page.contains("Select the period the release is for"))
            #expect(page.contains("Select a published release, or nothing"))
            #expect(page.contains("href=\"#next\""), "the impossible 31 February, linked from the summary")
        }
    }

    @Test("only a coordinator who approves every partnership's returns publishes: one partnership's coordinator is refused")
    func whoPublishes() async throws {
        try await TestConduit.run { conduit in
            // setup
            try await conduit.addUser(email: "camden.coordinator@conduit.example", role: .coordinator, partnership: "camden", secret: Demo.secret(for: .coordinator))
            let camdenOnly = conduit.browser()
            try await camdenOnly.signIn(email: "camden.coordinator@conduit.example", secret: Demo.secret(for: .coordinator))
            let analyst = try await conduit.signedIn(as: .analyst)
            // act
            let camden = try await camdenOnly.get(SiteURL.releasesPublish.path)
            let analystPage = try await analyst.get(SiteURL.releasesPublish.path)
            // check
            #expect(camden.status == .forbidden)
            #expect(analystPage.status == .forbidden || analystPage.status == .notFound)
        }
    }

    @Test("two releases of the same period published at once: one is published, the other refused, so no two suppression patterns of one table exist")
    func oneAtATime() async throws {
        try await TestConduit.run { conduit in
            // setup
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await ReturnsTests.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.total(.trafficking): 3])
            try await ReturnsTests.addReturn(conduit, "hackney", period, .localAuthority, cells: [Self.total(.trafficking): 14])
            let coordinator = try await conduit.user(.coordinator).requireID()
            let db = conduit.db, now = conduit.app.clock.now
            // act
            async let first = ReleaseStore.publish(quarters: [period], note: "", nextReleaseOn: nil, revises: nil, reason: "", by: coordinator, at: now, on: db)
            async let second = ReleaseStore.publish(quarters: [period], note: "", nextReleaseOn: nil, revises: nil, reason: "", by: coordinator, at: now, on: db)
            let outcomes = try await [first, second]
            // check
            let published = outcomes.filter { if case .published = $0 { true } else { false } }
            let refused = outcomes.filter { if case .conflict = $0 { true } else { false } }
            #expect(published.count == 1 && refused.count == 1)
            #expect(try await Release.query(on: db).count() == 1)
        }
    }

    @Test("changing the details from the check step goes back to the form with what was entered, posted, not in the URL")
    func changeDetails() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await coordinator.get(SiteURL.releasesPublish.path)
            // act
            let back = try await coordinator.post(SiteURL.releasesCheck.path, Self.fields(period, note: "Late returns follow.") + [("action", "change")])
            // check
            #expect(back.status == .ok)
            #expect(back.body.string.contains(">Publish figures<") && back.body.string.contains("Continue"))
            #expect(back.body.string.contains("Late returns follow."))
        }
    }
}
