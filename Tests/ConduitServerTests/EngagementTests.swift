import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Engagement")
struct EngagementTests {
    @Test("a group's page counts the attempts and days to the first meeting; a later engagement closes the earlier follow-up")
    func groupFigures() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(adviser, name: "Agar Grove Tamil Parents", owner: camden)
            let today = conduit.today
            // act
            let first = try await conduit.logEngagement(adviser, on: today.adding(days: -20), channel: .phone, outcome: .noAnswer,
                                                        groups: [groupID], partnership: camden, followUp: today.adding(days: -10))
            let firstFollowUpBefore = try await conduit.engagements(with: groupID).first?.followUpDone
            let second = try await conduit.logEngagement(adviser, on: today.adding(days: -15), channel: .letter, outcome: .noReply,
                                                         groups: [groupID], partnership: camden)
            let firstFollowUpAfter = try await conduit.engagements(with: groupID).first?.followUpDone
            let third = try await conduit.logEngagement(adviser, on: today.adding(days: -5), channel: .meeting, outcome: .met,
                                                        groups: [groupID], partnership: camden, followUp: today.adding(days: 7))
            let page = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            let meeting = try #require(try await conduit.engagements(with: groupID).last)
            try await adviser.get(SiteURL.followUps.path)
            let markDone = try await adviser.post(SiteURL.engagementFollowUpDone(.value(meeting.requireID())).path)
            // check
            #expect([first.status, second.status, third.status] == [.seeOther, .seeOther, .seeOther])
            #expect(page.body.string.contains("<strong>3</strong>Engagements"))
            #expect(page.body.string.contains("<strong>3</strong>Attempts to first meeting"))
            #expect(page.body.string.contains("<strong>15</strong>Days to first meeting"))
            #expect(firstFollowUpBefore == false)
            #expect(firstFollowUpAfter == true, "the letter 15 days ago was the follow-up of the call 20 days ago")
            #expect(meeting.outcome == EngagementOutcome.met.rawValue)
            #expect(meeting.followUpDone == false, "the meeting's own follow-up is still open until marked done")
            #expect(markDone.status == .seeOther)
            let stored = try #require(try await Engagement.find(meeting.requireID(), on: conduit.db))
            #expect(stored.followUpDone == true)
            #expect(try await conduit.auditRows(action: "engagement.follow_up_done").count == 1)
            #expect(try await conduit.engagements(with: groupID).allSatisfy { $0.followUpDone || $0.followUpOn == nil })
        }
    }

    @Test("an engagement closes the follow-ups of its own partnership only, on a group shared by two")
    func followUpOfAnotherPartnership() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: Islington's adviser plans a follow-up with the group Islington keeps and Camden shares
            let camdenAdviser = try await conduit.signedIn(as: .adviser)
            let islingtonAdviser = try await conduit.signedInWithPassword("adviser.islington@conduit.example")
            let camden = try await conduit.partnership("camden").requireID()
            let islington = try await conduit.partnership("islington").requireID()
            let shared = try await conduit.group(named: "Eritrean Community in London").requireID()
            let today = conduit.today
            let before = Set(try await conduit.engagements(with: shared).map { try $0.requireID() })
            let planned = try await conduit.logEngagement(islingtonAdviser, on: today.adding(days: -10), channel: .visit, outcome: .agreedNextStep,
                                                          groups: [shared], partnership: islington, followUp: today.adding(days: 5))
            let islingtonEngagement = try #require(try await conduit.engagements(with: shared).first { !before.contains(try $0.requireID()) })
            let islingtonID = try islingtonEngagement.requireID()
            // act
            let camdenCall = try await conduit.logEngagement(camdenAdviser, on: today.adding(days: -2), channel: .phone, outcome: .met,
                                                             groups: [shared], partnership: camden)
            let afterCamden = try #require(try await Engagement.find(islingtonID, on: conduit.db))
            let islingtonFollowUps = try await islingtonAdviser.get(SiteURL.followUps.path)
            let islingtonVisit = try await conduit.logEngagement(islingtonAdviser, on: today.adding(days: -1), channel: .meeting, outcome: .met,
                                                                 groups: [shared], partnership: islington)
            let afterIslington = try #require(try await Engagement.find(islingtonID, on: conduit.db))
            // check
            #expect([planned.status, camdenCall.status, islingtonVisit.status] == [.seeOther, .seeOther, .seeOther])
            #expect(afterCamden.followUpDone == false, "Camden's call is not Islington's follow-up")
            #expect(islingtonFollowUps.section(from: "Due in the next 14 days</caption>", to: "</table>")
                .contains(SiteURL.engagement(.value(islingtonID)).path))
            #expect(afterIslington.followUpDone == true)
        }
    }

    @Test("the follow-ups page puts a follow-up due 10 days ago under Overdue and future ones under their own headings")
    func followUpsPage() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let late = try await conduit.addGroup(adviser, name: "Gospel Oak Pentecostal Mission", type: .placeOfWorship, owner: camden)
            let soon = try await conduit.addGroup(adviser, name: "Belsize Kurdish Women", owner: camden)
            let later = try await conduit.addGroup(adviser, name: "Chalk Farm Ghanaian Fellowship", type: .faithGroup, owner: camden)
            let today = conduit.today
            try await conduit.logEngagement(adviser, on: today.adding(days: -20), outcome: .noAnswer, groups: [late], partnership: camden,
                                            followUp: today.adding(days: -10))
            try await conduit.logEngagement(adviser, on: today.adding(days: -3), outcome: .met, groups: [soon], partnership: camden,
                                            followUp: today.adding(days: 5))
            try await conduit.logEngagement(adviser, on: today, outcome: .agreedNextStep, groups: [later], partnership: camden,
                                            followUp: today.adding(days: 40))
            // act
            let page = try await adviser.get(SiteURL.followUps.path)
            // check
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<strong>1</strong>Overdue"))
            #expect(page.body.string.contains("<strong>1</strong>Due in the next 14 days"))
            #expect(page.body.string.contains("<strong>1</strong>Later"))
            let overdue = page.section(from: "Overdue</caption>", to: "</table>")
            let dueSoon = page.section(from: "Due in the next 14 days</caption>", to: "</table>")
            let afterwards = page.section(from: "Later</caption>", to: "</table>")
            #expect(overdue.contains("Gospel Oak Pentecostal Mission"))
            #expect(overdue.contains(Formats.date(today.adding(days: -10))))
            #expect(!overdue.contains("Belsize Kurdish Women") && !overdue.contains("Chalk Farm Ghanaian Fellowship"))
            #expect(dueSoon.contains("Belsize Kurdish Women"))
            #expect(!dueSoon.contains("Gospel Oak Pentecostal Mission"))
            #expect(afterwards.contains("Chalk Farm Ghanaian Fellowship"))
            #expect(!afterwards.contains("Gospel Oak Pentecostal Mission"))
        }
    }

    @Test("the overview's figures are exact, and another partnership's adviser cannot open them")
    func overview() async throws {
        try await TestConduit.run { conduit in
            // setup: group A met at the 2nd attempt after 10 days, group B at the 4th after 40 days
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await conduit.addUser(email: "adviser@brent.example", role: .adviser, partnership: "brent")
            let brentAdviser = try await conduit.signedInWithPassword("adviser@brent.example")
            let islington = try await conduit.partnership("islington").requireID()
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let groupA = try await conduit.addGroup(adviser, name: "Primrose Hill Sikh Youth", type: .youthGroup, owner: camden, served: [islington])
            let groupB = try await conduit.addGroup(adviser, name: "Euston Bangladeshi Elders", status: .dormant, owner: camden)
            let today = conduit.today
            let logged: [(days: Int, outcome: EngagementOutcome, group: UUID)] = [
                (-40, .noAnswer, groupA), (-30, .met, groupA),
                (-60, .noAnswer, groupB), (-50, .noReply, groupB), (-45, .didNotAttend, groupB), (-20, .met, groupB),
            ]
            for entry in logged {
                let response = try await conduit.logEngagement(adviser, on: today.adding(days: entry.days), outcome: entry.outcome,
                                                               groups: [entry.group], partnership: camden)
                #expect(response.status == .seeOther)
            }
            var perMonth: [String: Int] = [:]
            for entry in logged { perMonth[String(today.adding(days: entry.days).description.prefix(7)), default: 0] += 1 }
            // act
            let page = try await adviser.get(SiteURL.engagementOverview.path(query: [("partnership", camden.uuidString.lowercased())]))
            let region = try await coordinator.get(SiteURL.engagementOverview.path)
            let islingtonPage = try await coordinator.get(SiteURL.engagementOverview.path(query: [("partnership", islington.uuidString.lowercased())]))
            let brentPage = try await brentAdviser.get(SiteURL.engagementOverview.path(query: [("partnership", camden.uuidString.lowercased())]))
            // check
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<strong>2</strong>Groups served"))
            #expect(html.contains("<strong>2</strong>Groups met at least once"))
            #expect(html.contains("<strong>3</strong>Median attempts to first meeting"))
            #expect(html.contains("<strong>25</strong>Median days to first meeting"))
            let byStatus = page.section(from: "Groups by status</caption>", to: "</table>")
            #expect(byStatus.contains(#"<td class="c-table__cell">Active</td><td class="c-table__cell c-table__cell--numeric">1</td>"#))
            #expect(byStatus.contains(#"<td class="c-table__cell">Dormant</td><td class="c-table__cell c-table__cell--numeric">1</td>"#))
            let months = page.section(from: "Engagements per month</caption>", to: "</table>")
            let first = CalendarDate(year: today.year, month: today.month, day: 1)!
            for offset in -11...0 {
                let month = first.adding(months: offset)
                let count = perMonth[String(month.description.prefix(7))] ?? 0
                let row = #"<td class="c-table__cell">\#(Formats.month(month))</td><td class="c-table__cell c-table__cell--numeric">\#(count)</td>"#
                #expect(months.contains(row), "\(Formats.month(month)): \(count)")
            }
            // The hub's region overview counts the group shared by Camden and Islington once.
            #expect(region.body.string.contains("Overview: London"))
            #expect(region.body.string.contains("<strong>2</strong>Groups served"))
            #expect(region.body.string.contains("<strong>3</strong>Median attempts to first meeting"))
            // Islington serves group A but has logged nothing: Camden's engagements are not Islington's figures.
            #expect(islingtonPage.body.string.contains("Overview: Islington"))
            #expect(islingtonPage.body.string.contains("<strong>1</strong>Groups served"))
            #expect(islingtonPage.body.string.contains("<strong>0</strong>Groups met at least once"))
            #expect(islingtonPage.body.string.contains("<strong>—</strong>Median attempts to first meeting"))
            // Brent's adviser asking for Camden is refused, and gets none of Camden's figures (issue 14).
            #expect(brentPage.status == .unprocessableEntity)
            #expect(brentPage.body.string.contains("Select a partnership from the list"))
            #expect(!brentPage.body.string.contains("Camden"))
            #expect(region.body.string.contains("data-publication=\"exact\""), "the overview counts only what its reader may open")
            #expect(!brentPage.body.string.contains("<strong>3</strong>Median attempts to first meeting"))
        }
    }

    @Test("an engagement in the future, without a group, or with a group the person cannot read is refused and not written")
    func validation() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let camdenGroup = try await conduit.group(named: "Masjid Al-Noor").requireID()
            let brentGroup = try await conduit.group(named: "Brent Somali Community Centre").requireID()
            let today = conduit.today
            try await adviser.get(SiteURL.engagementNew.path)
            let before = try await conduit.engagementCount()
            // act
            let future = try await adviser.post(SiteURL.engagements.path, DirectoryForms.engagement(
                on: today.adding(days: 1), channel: .visit, outcome: .met, groups: [camdenGroup], partnership: camden))
            let noGroup = try await adviser.post(SiteURL.engagements.path, DirectoryForms.engagement(
                on: today, channel: .phone, outcome: .noAnswer, groups: [], partnership: camden))
            let otherPartnership = try await adviser.post(SiteURL.engagements.path, DirectoryForms.engagement(
                on: today, channel: .phone, outcome: .met, groups: [brentGroup], partnership: camden))
            let forBrent = try await adviser.post(SiteURL.engagements.path, DirectoryForms.engagement(
                on: today, channel: .phone, outcome: .met, groups: [camdenGroup], partnership: conduit.partnership("brent").requireID()))
            // check
            #expect(forBrent.status == .unprocessableEntity)
            #expect(forBrent.shows("Select the partnership you are logging this for"))
            #expect(future.status == .unprocessableEntity)
            #expect(future.shows("Date of the engagement must be today or in the past: use the follow-up date for what is planned"))
            #expect(noGroup.status == .unprocessableEntity)
            #expect(noGroup.shows("Select at least one group"))
            #expect(otherPartnership.status == .unprocessableEntity)
            #expect(otherPartnership.shows("Select groups from the directory of your partnership"))
            #expect(!otherPartnership.shows("Brent Somali Community Centre"), "the refused form does not reveal the other partnership's group")
            #expect(try await conduit.engagementCount() == before)
            #expect(try await conduit.engagements(with: brentGroup).allSatisfy { $0.$partnership.id != camden })
            #expect(try await conduit.auditRows(action: "engagement.create").isEmpty)
        }
    }
}
