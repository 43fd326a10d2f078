import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Returns")
struct ReturnsTests {
    static func cell(_ category: AbuseCategory, _ breakdown: Breakdown = .total) -> ReturnCellKey {
        ReturnCellKey(category: category, breakdown: breakdown)
    }

    /// A return stored straight into the database, with its cells.
    @discardableResult
    static func addReturn(_ conduit: TestConduit, _ code: String, _ period: ReportingPeriod, _ source: ReturnSource, status: ReturnStatus = .approved,
                          cells: [ReturnCellKey: Int]) async throws -> Return {
        let ret = Return()
        ret.version = 1
        ret.periodKey = period.key
        ret.source = source.rawValue
        ret.status = status.rawValue
        ret.note = ""
        ret.comment = ""
        ret.firstSubmittedOn = status == .draft ? nil : period.defaultDeadline.description
        ret.$partnership.id = try await conduit.partnership(code).requireID()
        try await ret.save(on: conduit.db)
        try await ReturnStore.save(ret, cells: cells, expectedVersion: 1, on: conduit.db)
        return ret
    }

    static func returnID(_ response: TestingHTTPResponse) throws -> UUID {
        try #require(response.headers.first(name: .location)?.firstMatch(of: /returns\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
    }

    @Test("a police data lead is told which cell is wrong, fixes it and submits; a coordinator sends it back, then approves; approved is locked")
    func workflow() async throws {
        try await TestConduit.run { conduit in
            // setup: Camden's police submitter, London's coordinator
            let submitter = try await conduit.signedIn(as: .submitter)
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let camden = try await conduit.partnership("camden").requireID()
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await submitter.get(SiteURL.returns.path)
            let id = try Self.returnID(try await submitter.post(SiteURL.returns.path, [("partnershipID", camden.uuidString), ("source", "police"), ("period", period.key)]))
            let path = SiteURL.returnShow(.value(id)).path
            let hba = Self.cell(.honourBasedAbuse), hbaFemale = Self.cell(.honourBasedAbuse, .sex(.female)), hbaMale = Self.cell(.honourBasedAbuse, .sex(.male))
            func send(_ action: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                try await submitter.get(path)
                // A return waiting or locked shows no form: send the version as stored, as a stale page would.
                let version = try await Return.find(id, on: conduit.db)!.version
                return try await submitter.post(path, [("version", String(version)), ("action", action)] + fields)
            }
            // act
            let notANumber = try await send("save", [(hba.fieldName, "2.5")])
            let draft = try await send("save", [(hba.fieldName, "7"), (hbaFemale.fieldName, "5"), (hbaMale.fieldName, "1")])
            let mismatch = try await send("submit", [(hba.fieldName, "7"), (hbaFemale.fieldName, "5"), (hbaMale.fieldName, "1")])
            let submitted = try await send("submit", [(hba.fieldName, "7"), (hbaFemale.fieldName, "5"), (hbaMale.fieldName, "2")])
            let whileWaiting = try await send("save", [(hba.fieldName, "8")])
            try await coordinator.get(path)
            let noComment = try await coordinator.post(SiteURL.returnSendBack(.value(id)).path, [("version", coordinator.formVersion ?? ""), ("comment", " ")])
            let sentBack = try await coordinator.post(SiteURL.returnSendBack(.value(id)).path, [("version", coordinator.formVersion ?? ""), ("comment", "Check the boys' figure with custody records")])
            let seenBySubmitter = try await submitter.get(path)
            let resubmitted = try await send("submit", [(hba.fieldName, "7"), (hbaFemale.fieldName, "5"), (hbaMale.fieldName, "2")])
            try await coordinator.get(path)
            let approved = try await coordinator.post(SiteURL.returnApprove(.value(id)).path, [("version", coordinator.formVersion ?? "")])
            let locked = try await send("save", [(hba.fieldName, "9")])
            try await coordinator.get(path)
            let approvedTwice = try await coordinator.post(SiteURL.returnApprove(.value(id)).path, [("version", coordinator.formVersion ?? "")])
            let submitterApproves = try await submitter.post(SiteURL.returnApprove(.value(id)).path, [("version", submitter.formVersion ?? "")])
            try await coordinator.get(path)
            let reopened = try await coordinator.post(SiteURL.returnReopen(.value(id)).path, [("version", coordinator.formVersion ?? ""), ("reason", "Late custody records")])
            // check
            #expect(notANumber.status == .unprocessableEntity)
            #expect(notANumber.body.string.contains("Enter the number for Honour-based abuse as a whole number, 0 or more")
                    || notANumber.body.string.contains("Honour-based abuse"), "the message names the cell")
            #expect(notANumber.body.string.contains("href=\"#\(hba.fieldName)\""), "the error summary links to the cell")
            #expect(draft.status == .seeOther)
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("add up to 6 but the total is 7"))
            #expect(submitted.status == .seeOther)
            #expect(whileWaiting.status == .conflict, "a submitted return waits unchanged for the coordinator")
            #expect(noComment.status == .unprocessableEntity && noComment.body.string.contains("Enter a comment"))
            #expect(sentBack.status == .seeOther)
            #expect(seenBySubmitter.body.string.contains("Check the boys&#39; figure with custody records") || seenBySubmitter.body.string.contains("Check the boys' figure"))
            #expect(resubmitted.status == .seeOther)
            #expect(approved.status == .seeOther)
            #expect(locked.status == .conflict && locked.body.string.contains("An approved return is locked"))
            #expect(approvedTwice.status == .conflict)
            #expect(submitterApproves.status == .forbidden, "submitters do not approve")
            #expect(reopened.status == .seeOther)
            let stored = try #require(try await Return.find(id, on: conduit.db))
            #expect(stored.returnStatus == .draft && stored.firstSubmittedOn != nil)
            #expect(try await ReturnStore.cells(of: id, on: conduit.sql) == [hba: 7, hbaFemale: 5, hbaMale: 2])
            #expect(try await conduit.auditRows(action: "return.reopen").first?.detail == "Late custody records", "the reason is in the audit trail")
            #expect(try await conduit.auditRows(action: "return.approve").count == 1)
        }
    }

    @Test("a submitter touches only their own source and partnership")
    func scope() async throws {
        try await TestConduit.run { conduit in
            // setup
            let submitter = try await conduit.signedIn(as: .submitter)
            let camden = try await conduit.partnership("camden").requireID()
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let camdenLA = try await Self.addReturn(conduit, "camden", period, .localAuthority, status: .draft, cells: [Self.cell(.trafficking): 3])
            let hackneyPolice = try await Self.addReturn(conduit, "hackney", period, .police, status: .draft, cells: [Self.cell(.trafficking): 1])
            try await submitter.get(SiteURL.returns.path)
            // act
            let startLA = try await submitter.post(SiteURL.returns.path, [("partnershipID", camden.uuidString), ("source", "local_authority"), ("period", period.key)])
            let readLA = try await submitter.get(SiteURL.returnShow(.value(try camdenLA.requireID())).path)
            let readHackney = try await submitter.get(SiteURL.returnShow(.value(try hackneyPolice.requireID())).path)
            let writeHackney = try await submitter.post(SiteURL.returnShow(.value(try hackneyPolice.requireID())).path,
                                                        [("version", "1"), ("action", "save"), (Self.cell(.trafficking).fieldName, "9")])
            let list = try await submitter.get(SiteURL.returns.path)
            // check
            #expect(startLA.status == .unprocessableEntity, "a police data lead does not start the local authority's return")
            #expect(readLA.status == .notFound && readHackney.status == .notFound && writeHackney.status == .notFound)
            #expect(try await ReturnStore.cells(of: hackneyPolice.requireID(), on: conduit.sql) == [Self.cell(.trafficking): 1], "nothing changed")
            #expect(!list.body.string.contains(SiteURL.returnShow(.value(try camdenLA.requireID())).path))
            #expect(try await Return.query(on: conduit.db).count() == 2)
        }
    }

    @Test("a total that jumps from the same quarter last year needs a note before it can be submitted")
    func jump() async throws {
        try await TestConduit.run { conduit in
            // setup: last year's police figure for honour-based abuse was 2
            let submitter = try await conduit.signedIn(as: .submitter)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await Self.addReturn(conduit, "camden", period.samePeriodLastYear, .police, cells: [Self.cell(.honourBasedAbuse): 2])
            let ret = try await Self.addReturn(conduit, "camden", period, .police, status: .draft, cells: [:])
            let path = SiteURL.returnShow(.value(try ret.requireID())).path
            // act
            try await submitter.get(path)
            let withoutNote = try await submitter.post(path, [("version", submitter.formVersion ?? ""), ("action", "submit"), (Self.cell(.honourBasedAbuse).fieldName, "29")])
            try await submitter.get(path)
            let withNote = try await submitter.post(path, [("version", submitter.formVersion ?? ""), ("action", "submit"), (Self.cell(.honourBasedAbuse).fieldName, "29"),
                                                           ("note", "A new honour-based abuse unit began recording in July")])
            // check
            #expect(withoutNote.status == .unprocessableEntity && withoutNote.body.string.contains("href=\"#note\""))
            #expect(withNote.status == .seeOther)
            #expect(try await Return.find(ret.requireID(), on: conduit.db)?.note == "A new honour-based abuse unit began recording in July")
        }
    }

    @Test("the dashboard and comparison are exact for the coordinator who approves the returns, adjusted for an adviser who may not open them")
    func publication() async throws {
        try await TestConduit.run { conduit in
            // setup: approved local authority and police figures for Camden and Hackney
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            try await Self.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.cell(.honourBasedAbuse): 3, Self.cell(.trafficking): 12])
            try await Self.addReturn(conduit, "camden", period, .police, cells: [Self.cell(.honourBasedAbuse): 29])
            try await Self.addReturn(conduit, "hackney", period, .localAuthority, cells: [Self.cell(.honourBasedAbuse): 8, Self.cell(.trafficking): 0])
            try await Self.addReturn(conduit, "hackney", period, .police, status: .submitted, cells: [Self.cell(.honourBasedAbuse): 40])
            let adviser = try await conduit.signedIn(as: .adviser)  // Camden; opens no return
            let coordinator = try await conduit.signedIn(as: .coordinator)  // London: approves every partnership's returns
            let query = [("category", "honour_based_abuse"), ("from", period.key), ("to", period.key)]
            // act
            let exact = try await coordinator.get(SiteURL.returnsDashboard.path(query: query)).body.string
            let compared = try await coordinator.get(SiteURL.returnsComparison.path(query: [("period", period.key), ("category", "honour_based_abuse")])).body.string
            let adjusted = try await adviser.get(SiteURL.returnsDashboard.path(query: query)).body.string
            let adviserComparison = try await adviser.get(SiteURL.returnsComparison.path(query: [("period", period.key), ("category", "honour_based_abuse")])).body.string
            let export = try CSV.parse(try await adviser.get(SiteURL.returnsExport.path(query: query)).body.string).map(\.fields)
            // check
            func row(_ name: String, _ cells: [String]) -> String {
                "<td class=\"c-table__cell\">\(name)</td>" + cells.map { "<td class=\"c-table__cell c-table__cell--numeric\">\($0)</td>" }.joined()
            }
            #expect(exact.contains(row("Camden", ["3", "3"])) && exact.contains(row("Hackney", ["8", "8"])), "the figures the coordinator approves, as they are")
            #expect(exact.contains("data-publication=\"exact\""))
            #expect(compared.contains(row("Camden", ["3", "29", "+26", "9.7"])) && compared.contains("Differs"))
            #expect(adjusted.contains(row("Camden", ["c", "c"])), "3 adjusted stays within 1 to 5: c")
            #expect(adjusted.contains("data-publication=\"adjusted\"") && adjusted.contains("adjusted slightly"))
            #expect(adviserComparison.contains(row("Camden", ["c"])), "no difference beside a hidden figure")
            #expect(!export.dropFirst().contains { $0.count > 5 && ["1", "2", "3", "4", "5"].contains($0[5]) }, "no small count in the export")
            #expect(export.last?.first?.contains("adjusted slightly") == true, "the file says its figures are adjusted")
        }
    }

    @Test("completeness shows on time, late, missing and not yet due; a coordinator sets a deadline")
    func completeness() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let onTime = try await Self.addReturn(conduit, "camden", period, .police, status: .submitted, cells: [Self.cell(.trafficking): 1])
            let late = try await Self.addReturn(conduit, "hackney", period, .police, status: .approved, cells: [Self.cell(.trafficking): 1])
            late.firstSubmittedOn = period.defaultDeadline.adding(days: 3).description
            try await late.save(on: conduit.db)
            _ = onTime
            // act
            let page = try await coordinator.get(SiteURL.returnsCompleteness.path(query: [("period", period.key)])).body.string
            let badDeadline = try await coordinator.post(SiteURL.returnsDeadline.path, [("period", period.key), ("deadline-day", "1"), ("deadline-month", "1"), ("deadline-year", "2000")])
            let deadline = period.end.adding(days: 60)
            let setDeadline = try await coordinator.post(SiteURL.returnsDeadline.path, [("period", period.key), ("deadline-day", String(deadline.day)),
                                                                                        ("deadline-month", String(deadline.month)), ("deadline-year", String(deadline.year))])
            // check
            #expect(page.contains("On time") && page.contains("Late"))
            let missingOrNotDue = page.contains("Missing") || page.contains("Not due yet")
            #expect(missingOrNotDue)
            #expect(badDeadline.status == .unprocessableEntity && badDeadline.body.string.contains("Deadline must be after the quarter ends"))
            #expect(setDeadline.status == .seeOther)
            #expect(try await ReturnStore.deadline(of: period, for: try await conduit.partnership("camden").requireID(), on: conduit.sql) == deadline,
                    "the London coordinator's deadline is that of every London partnership")
        }
    }

    @Test("a CSV of cells is all-or-nothing: problems by line, then every return saved as a draft")
    func importCells() async throws {
        try await TestConduit.run { conduit in
            // setup: a submitted return that an import may not replace
            let submitter = try await conduit.signedIn(as: .submitter)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let earlier = period.previous
            try await Self.addReturn(conduit, "camden", period.advanced(by: -2), .police, status: .submitted, cells: [Self.cell(.trafficking): 4])
            let header = "partnership,period,source,category,breakdown,count\n"
            let bad = header + """
                camden,\(period.label),police,honour_based_abuse,total,7
                hackney,\(period.label),police,honour_based_abuse,total,2
                camden,\(period.label),local_authority,22A,total,1
                camden,\(period.advanced(by: -2).label),police,12A,total,5
                """
            let unreadable = header + "camden,\(period.label),police,23A,total,two\n"
            let good = header + """
                camden,\(period.label),police,honour_based_abuse,total,7
                Camden,\(period.label),police,honour_based_abuse,sex:female,7
                camden,\(earlier.label),police,22A,total,0
                """
            try await submitter.get(SiteURL.returnsImport.path)
            // act
            let refused = try await submitter.upload(SiteURL.returnsImport.path, fields: [], file: bad, named: "returns.csv")
            try await submitter.get(SiteURL.returnsImport.path)
            let notANumber = try await submitter.upload(SiteURL.returnsImport.path, fields: [], file: unreadable, named: "returns.csv")
            let countAfterRefusal = try await Return.query(on: conduit.db).count()
            try await submitter.get(SiteURL.returnsImport.path)
            let imported = try await submitter.upload(SiteURL.returnsImport.path, fields: [], file: good, named: "returns.csv")
            // check
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("Nothing was imported"))
            #expect(page.contains("You do not enter Police returns for hackney") || page.contains("for hackney"), "line 3: another partnership")
            #expect(page.contains("cannot be replaced by an import"), "line 5: a submitted return")
            #expect(notANumber.status == .unprocessableEntity && notANumber.body.string.contains("whole number"), "not a number, with its line")
            #expect(countAfterRefusal == 1, "nothing written")
            #expect(imported.status == .seeOther)
            let camden = try await conduit.partnership("camden").requireID()
            let ret = try #require(try await Return.query(on: conduit.db).filter(\.$partnership.$id == camden).filter(\.$periodKey == period.key).first())
            #expect(ret.returnStatus == .draft && ret.source == "police")
            #expect(try await ReturnStore.cells(of: ret.requireID(), on: conduit.sql) == [Self.cell(.honourBasedAbuse): 7, Self.cell(.honourBasedAbuse, .sex(.female)): 7])
            #expect(try await Return.query(on: conduit.db).count() == 3)
        }
    }

    @Test("coordinators keep child populations; the dashboard gives rates")
    func populationsAndPublished() async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let camden = try await conduit.partnership("camden").requireID()
            try await Self.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.cell(.femaleGenitalMutilation): 21])
            try await Self.addReturn(conduit, "hackney", period, .localAuthority, cells: [Self.cell(.femaleGenitalMutilation): 4])
            try await coordinator.get(SiteURL.returnsPopulations.path)
            // act
            let bad = try await coordinator.post(SiteURL.returnsPopulations.path, [("partnershipID", camden.uuidString), ("year", "1850"), ("children", "lots"), ("source", "")])
            let saved = try await coordinator.post(SiteURL.returnsPopulations.path, [("partnershipID", camden.uuidString), ("year", String(period.startYear)),
                                                                                      ("children", "42,000"), ("source", "ONS mid-year estimates")])
            let own = try await coordinator.get(SiteURL.returnsDashboard.path(query: [("category", "22A"), ("from", period.key), ("to", period.key)])).body.string
            // check
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter a year from 2000") && bad.body.string.contains("Enter the number of children") && bad.body.string.contains("Enter where the figure comes from"))
            #expect(saved.status == .seeOther)
            #expect(own.contains(">5.0<"), "21 per 42,000 children is 5.0 per 10,000")
        }
    }

    @Test("each side explains a gap in its own figures; nobody writes for the other side")
    func comparisonNotes() async throws {
        try await TestConduit.run { conduit in
            // setup
            let police = try await conduit.signedIn(as: .submitter)  // Camden police
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let camden = try await conduit.partnership("camden").requireID()
            try await Self.addReturn(conduit, "camden", period, .localAuthority, cells: [Self.cell(.honourBasedAbuse): 3])
            try await Self.addReturn(conduit, "camden", period, .police, cells: [Self.cell(.honourBasedAbuse): 29])
            let query = [("period", period.key), ("category", "honour_based_abuse")]
            let page = try await police.get(SiteURL.returnsComparison.path(query: query))
            func note(_ source: String, _ text: String) async throws -> TestingHTTPResponse {
                try await police.post(SiteURL.returnsComparisonNote.path, [("partnershipID", camden.uuidString), ("period", period.key),
                                                                           ("category", "honour_based_abuse"), ("source", source), ("note", text)])
            }
            // act
            let empty = try await note("police", " ")
            let saved = try await note("police", "Police count every allegation; children's social care counts children assessed")
            let otherSide = try await note("local_authority", "Not ours to say")
            let after = try await police.get(SiteURL.returnsComparison.path(query: query)).body.string
            // check
            #expect(page.body.string.contains("Explain the police figure") && !page.body.string.contains("Explain the local authority figure"))
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Enter the note explaining the difference"))
            #expect(saved.status == .seeOther)
            #expect(otherSide.status == .forbidden)
            #expect(after.contains("Police count every allegation"))
            #expect(!after.contains("Not ours to say"))
        }
    }
}
