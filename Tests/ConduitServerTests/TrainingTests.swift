import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Training")
struct TrainingTests {
    static func sessionForm(title: String, on date: CalendarDate, partnership: UUID) -> [(String, String)] {
        [("title", title), ("audience", "community_members"), ("date-day", String(date.day)), ("date-month", String(date.month)),
         ("date-year", String(date.year)), ("startsAt", "6.30pm"), ("endsAt", "20:30"), ("venue", "Somers Town Community Centre"),
         ("languages", "Somali, English"), ("capacity", "15"), ("cost", "£250"), ("topics[]", "female_genital_mutilation"),
         ("learningOutcomes", "Explain the role of social care\nKnow who to call"), ("partnershipID", partnership.uuidString)]
    }

    /// Adds a session through the form and returns its id.
    static func addSession(_ browser: Browser, title: String, on date: CalendarDate, partnership: UUID) async throws -> UUID {
        try await browser.get(SiteURL.trainingSessionNew.path)
        let created = try await browser.post(SiteURL.trainingSessions.path, sessionForm(title: title, on: date, partnership: partnership))
        #expect(created.status == .seeOther, "adding a session: \(created.status) \(created.body.string.prefix(300))")
        return try #require(created.headers.first(name: .location)?.firstMatch(of: /sessions\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
    }

    @Test("the report reproduces seed 003: by referring organisation, by community of origin and by gender, 178 in all")
    func seed003() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            func report(_ by: String) async throws -> String {
                try await adviser.get(SiteURL.trainingStatistics.path(query: [("from", "2009-11-02"), ("to", "2010-04-29"), ("partnership", camden), ("by", by)])).body.string
            }
            // act
            let byReferrer = try await report("referring_organisation")
            let byCommunity = try await report("community")
            let byGender = try await report("gender")
            // check: the figures of seed 003, line by line
            func line(_ label: String, _ count: Int, _ share: String) -> String {
                "<td class=\"c-table__cell\">\(escapeHTML(label))</td><td class=\"c-table__cell c-table__cell--numeric\">\(count)</td><td class=\"c-table__cell c-table__cell--numeric\">\(share)</td>"
            }
            for (label, count, share) in [("Ar-Rahman Mosque", 8, "4.49%"), ("Bengali Women's Forum", 27, "15.17%"), ("British Somali Community", 1, "0.56%"),
                                          ("Camden BME Alliance", 2, "1.12%"), ("East African Society", 15, "8.43%"), ("Eritrean Cultural Support Group", 24, "13.48%"),
                                          ("Islington Islamic Centre", 18, "10.11%"), ("Ivorian & French Speaking African Women Action Gro", 12, "6.74%"),
                                          ("Kosovo Islamic Centre", 14, "7.87%"), ("Kurdish Community Association", 10, "5.62%"),
                                          ("North West Islamic Cultural Centre", 18, "10.11%"), ("Somali Elderly & Disable People", 1, "0.56%"),
                                          ("Soohan community group", 3, "1.69%"), ("Sudan Womens' Association", 11, "6.18%"), ("Victory Chapel", 14, "7.87%")] {
                #expect(byReferrer.contains(line(label, count, share)), "\(label)")
            }
            for (label, count, share) in [("Bangladeshi", 34, "19.10%"), ("Congolese", 14, "7.87%"), ("Eritrean", 25, "14.04%"), ("Ivory Coast", 12, "6.74%"),
                                          ("Kenyan", 1, "0.56%"), ("Kosova", 7, "3.93%"), ("Kurdish", 10, "5.62%"), ("Morrocan", 5, "2.81%"),
                                          ("Pakistani", 3, "1.69%"), ("Somali", 56, "31.46%"), ("Sudanese", 11, "6.18%")] {
                #expect(byCommunity.contains(line(label, count, share)), "\(label)")
            }
            #expect(byGender.contains(line("Female", 100, "56.18%")))
            #expect(byGender.contains(line("Male", 78, "43.82%")))
            for page in [byReferrer, byCommunity, byGender] {
                #expect(page.contains("<strong>Total</strong></td><td class=\"c-table__cell c-table__cell--numeric\"><strong>178</strong>"))
                #expect(page.contains("<svg"), "a chart beside the table")
                #expect(!page.contains("c-inset\"><p class=\"c-body-s\">These figures cover more"), "a Camden adviser sees Camden's own figures unsuppressed")
            }
        }
    }

    @Test("an analyst's London-wide report is adjusted, small counts shown as c, the same records always giving the same figure; the coordinator, who may open every register, reads it exactly")
    func londonAdjusted() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let analyst = try await conduit.signedIn(as: .analyst)
            let client = try await conduit.apiClient(as: .analyst)
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let range = [("from", "2009-11-02"), ("to", "2010-04-29")]
            // act
            let page = try await analyst.get(SiteURL.trainingStatistics.path(query: range + [("by", "referring_organisation")]))
            let cross = try await analyst.get(SiteURL.trainingStatistics.path(query: range + [("by", "community"), ("then", "gender")]))
            let api = try await client.get(SiteURL.api(.trainingStatistics).path(query: range + [("by", "referring_organisation")]))
            let byGender = try await client.get(SiteURL.api(.trainingStatistics).path(query: range + [("by", "gender")]))
            let again = try await client.get(SiteURL.api(.trainingStatistics).path(query: range + [("by", "referring_organisation")]))
            let exact = try await coordinator.get(SiteURL.trainingStatistics.path(query: range + [("by", "referring_organisation")])).body.string
            // check
            func cell(_ name: String, _ value: String) -> String {
                "<td class=\"c-table__cell\">\(name)</td><td class=\"c-table__cell c-table__cell--numeric\">\(value)</td>"
            }
            let body = page.body.string
            #expect(body.contains("data-publication=\"adjusted\"") && body.contains("adjusted slightly"))
            #expect(body.contains(cell("British Somali Community", "c")), "1 stays within 1 to 5: c")
            #expect((25...29).contains { body.contains(cell("Bengali Women&#39;s Forum", String($0))) }, "27 moves by at most 2")
            #expect(cross.status == .ok && cross.body.string.contains("c-table__cell c-table__cell--numeric\">c</td>"))
            let figures = try api.content.decode(TrainingAPIController.StatisticsDTO.self)
            #expect(figures.publication == "adjusted" && figures.suppressed)
            #expect(figures.lines.first { $0.label == "Soohan community group" }?.count == "c")
            #expect(figures.lines.first { $0.label == "Soohan community group" }?.percentage == nil)
            #expect(Int(figures.total).map { (176...180).contains($0) } == true, "178 moves by at most 2")
            #expect(try byGender.content.decode(TrainingAPIController.StatisticsDTO.self).total == figures.total, "the same participants, grouped otherwise: the same total")
            #expect(try again.content.decode(TrainingAPIController.StatisticsDTO.self).lines.map(\.count) == figures.lines.map(\.count), "asked again: the same figures")
            #expect(exact.contains("data-publication=\"exact\"") && exact.contains(cell("British Somali Community", "1")) && exact.contains(cell("Bengali Women&#39;s Forum", "27")))
        }
    }

    @Test("a register at the door: rows numbered in turn, the referrer kept for the next, bad rows refused, a row removed")
    func registerAtTheDoor() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(adviser, name: "Somers Town Mothers", owner: camden)
            // Read once: a run across midnight would otherwise compare two different days.
            let today = conduit.today
            let sessionID = try await Self.addSession(adviser, title: "FGM: the law and support", on: today, partnership: camden)
            let register = SiteURL.trainingRegister(.value(sessionID)).path
            // act
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let first = try await adviser.post(register, [("referringOrganisationID", groupID.uuidString), ("ethnicity", "BAFR"), ("ethnicityDetail", "Somali"),
                                                         ("gender", "female"), ("ageBand", "25_34"), ("role", "parent_or_carer"), ("status", "attended")])
            let next = try await adviser.get(try #require(first.headers.first(name: .location)))
            let second = try await adviser.post(register, [("referringText", "Walk-in"), ("gender", "male"), ("status", "attended")])
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let bad = try await adviser.post(register, [("ethnicity", "XXXX"), ("gender", "robot"), ("status", "attended")])
            let rows = try await Attendance.query(on: conduit.db).filter(\.$session.$id == sessionID).sort(\.$number).all()
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let removed = try await adviser.post(SiteURL.trainingAttendanceRemove(.value(sessionID), .value(rows[1].requireID())).path)
            // check
            #expect(first.status == .seeOther)
            #expect(next.body.string.contains("Participant #1 has been added"))
            #expect(next.body.string.contains("<option value=\"\(groupID.uuidString)\" selected>Somers Town Mothers</option>"), "the referrer stays chosen")
            #expect(second.status == .seeOther)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Select an ethnicity from the list"))
            #expect(bad.body.string.contains("Select a gender from the list"))
            #expect(rows.map(\.number) == [1, 2], "the refused row wrote nothing")
            #expect(rows[0].ethnicityMajor == "black")
            #expect(removed.status == .seeOther)
            #expect(try await Attendance.query(on: conduit.db).filter(\.$session.$id == sessionID).count() == 1)
            // attending records the referring group's training in its readiness
            let training = try await ReadinessStore.entries(of: groupID, on: conduit.db).first { $0.item == .training }
            #expect(training?.status == .met)
            #expect(training?.reviewDue == today.adding(months: TrainingStore.trainingValidMonths))
        }
    }

    @Test("a register file with a bad row adds nobody and names the lines; a good one adds everyone")
    func registerImport() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let sessionID = try await Self.addSession(adviser, title: "Spirit possession", on: conduit.today, partnership: camden)
            let path = SiteURL.trainingRegisterImport(.value(sessionID)).path
            let bad = "name,referring_organisation,ethnicity,ethnicity_detail,gender,age_band,partnership_of_residence,role,attended\n"
                + ",Victory Chapel,BAFR,Congolese,female,35 to 44,camden,parent or carer,yes\n"
                + ",Victory Chapel,Martian,,female,,narnia,,maybe\n"
            let good = "referring_organisation,ethnicity,ethnicity_detail,gender,attended\nVictory Chapel,Black African,Congolese,female,yes\nVictory Chapel,BAFR,Congolese,male,no\n"
            // act
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let refused = try await adviser.upload(path, fields: [], file: bad, named: "register.csv")
            let afterRefused = try await Attendance.query(on: conduit.db).count()
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let accepted = try await adviser.upload(path, fields: [], file: good, named: "register.csv")
            // check
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Nobody has been added"))
            #expect(refused.body.string.contains("<td class=\"c-table__cell c-table__cell--numeric\">3</td><td class=\"c-table__cell\">ethnicity</td>"))
            #expect(refused.body.string.contains("<td class=\"c-table__cell c-table__cell--numeric\">3</td><td class=\"c-table__cell\">partnership_of_residence</td>"))
            #expect(refused.body.string.contains("<td class=\"c-table__cell c-table__cell--numeric\">3</td><td class=\"c-table__cell\">attended</td>"))
            #expect(afterRefused == 0)
            #expect(accepted.status == .seeOther)
            let rows = try await Attendance.query(on: conduit.db).sort(\.$number).all()
            #expect(rows.map(\.status) == ["attended", "did_not_attend"])
            #expect(rows.map(\.referringText) == ["Victory Chapel", "Victory Chapel"])
        }
    }

    @Test("sessions and registers of another partnership answer 404; the API lists only the owner's sessions")
    func scoped() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let sessionID = try await Self.addSession(adviser, title: "Private fostering", on: conduit.today, partnership: camden)
            try await conduit.addUser(email: "adviser@brent.example", role: .adviser, partnership: "brent")
            let brent = try await conduit.signedInWithPassword("adviser@brent.example")
            let client = try await conduit.apiClient(as: .adviser)
            // act
            let page = try await brent.get(SiteURL.trainingSession(.value(sessionID)).path)
            let csv = try await brent.get(SiteURL.trainingRegisterExport(.value(sessionID)).path)
            let list = try await brent.get(SiteURL.training.path)
            let api = try await client.get(SiteURL.api(.trainingSessions).path)
            // check
            #expect(page.status == .notFound)
            #expect(csv.status == .notFound)
            #expect(!list.body.string.contains("Private fostering"))
            let sessions = try api.content.decode(TrainingAPIController.SessionList.self)
            #expect(sessions.items.map(\.title) == ["Private fostering"])
            #expect(sessions.items.first?.topics == ["female_genital_mutilation"])
            #expect(sessions.items.first?.costPence == 25_000)
            let one = try await client.get(SiteURL.api(.trainingSession(.value(sessionID))).path).content.decode(TrainingAPIController.SessionDTO.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(sessions.items[0]) == encoder.encode(one), "a listed session reads as it does on its own")
        }
    }

    @Test("a round's programme totals its sessions, places, participants and cost per participant")
    func roundTotals() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            // act
            let page = try await adviser.get(SiteURL.trainingRounds.path)
            // check: seed 003's round 2, thirteen sessions of 15 places, 178 participants, £5,709
            let row = page.section(from: "Round 2 (November 2009 to April 2010)", to: "</tr>")
            #expect(row.contains(">13</td>"))
            #expect(row.contains(">195</td>"))
            #expect(row.contains(">178</td>"))
            #expect(row.contains("£5,709.00"))
            #expect(row.contains("£32.07"), "5,709.00 / 178, in whole pence")
        }
    }

    @Test("the report's CSV carries the same adjusted figures as the page, says so, and is audited")
    func exportAdjusted() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let analyst = try await conduit.signedIn(as: .analyst)
            let query = [("from", "2009-11-02"), ("to", "2010-04-29"), ("by", "gender"), ("then", "community")]
            // act
            let csv = try await analyst.get(SiteURL.trainingStatisticsExport.path(query: query))
            // check
            let lines = try CSV.parse(csv.body.string).map(\.fields)
            #expect(lines.first?.first == "Gender by Ethnicity (community of origin)")
            let female = try #require(lines.first { $0.first == "Female" })
            let header = try #require(lines.first)
            #expect(Int(female[try #require(header.firstIndex(of: "Bangladeshi"))]).map { (25...29).contains($0) } == true, "27 women of Bangladeshi origin, adjusted")
            #expect(female[try #require(header.firstIndex(of: "Kenyan"))] == "0", "a true zero stays 0")
            #expect(lines.joined().contains("c"), "small counts hidden")
            #expect(!lines.dropFirst().joined().contains { ["1", "2", "3", "4", "5"].contains($0) })
            #expect(lines.last?.first?.contains("adjusted slightly") == true)
            #expect(try await conduit.auditRows(action: "statistics.export").first?.detail?.hasSuffix("adjusted") == true)
        }
    }
}
