import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("File audits")
struct FileAuditTests {
    static func row(_ label: String, _ count: String) -> String {
        "<td class=\"c-table__cell\">\(escapeHTML(label))</td><td class=\"c-table__cell c-table__cell--numeric\">\(count)</td>"
    }

    @Test("the hub's findings reproduce seed 004's prevalence table; across the partnerships whose audits it may open they are exact")
    func seed004() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let london = try await conduit.partnership("london").requireID().uuidString.lowercased()
            // act
            let hub = try await coordinator.get(SiteURL.auditFindings.path(query: [("partnership", london)]))
            let all = try await coordinator.get(SiteURL.auditFindings.path)
            // check: 21, 2, 2, 10 = 35 mentions in 34 files, one counted twice
            let page = hub.body.string
            #expect(page.contains("34 files audited"))
            #expect(page.contains(Self.row(AbuseCategory.abuseLinkedToFaithOrBelief.title, "21")))
            #expect(page.contains(Self.row(AbuseCategory.femaleGenitalMutilation.title, "2")))
            #expect(page.contains(Self.row(AbuseCategory.honourBasedAbuse.title, "2")))
            #expect(page.contains(Self.row(AbuseCategory.trafficking.title, "10")))
            #expect(page.contains("<strong>Category mentions</strong></td><td class=\"c-table__cell c-table__cell--numeric\"><strong>35</strong>"))
            #expect(page.contains("One file is counted more than once"))
            #expect(!page.contains("These findings combine more than your own"))
            // The hub may open every partnership's audits, so hiding their figures from it would
            // hide nothing from anyone else (issue 14): exact, and the page says so.
            let combined = all.body.string
            #expect(combined.contains("data-publication=\"exact\""))
            #expect(combined.contains(Self.row(AbuseCategory.femaleGenitalMutilation.title, "4")), "2 + 1 + 1 files, as they are")
            #expect(try await conduit.auditRows(action: "file_audit.findings_read").count == 2, "the auditors' notes shown are a read")
        }
    }

    /// Valid answers to every relevant question of a section, as the form sends them.
    static func fields(for section: FormSection, in definition: FormDefinition, answers: inout Answers) -> [(String, String)] {
        var fields: [(String, String)] = []
        for question in section.questions where FormValidation.isRelevant(question, in: definition, answers: answers) {
            switch question.type {
            case .yesNo: fields.append((question.key, "yes")); answers[question.key] = Answer(values: ["yes"])
            case .singleChoice: if let value = question.choices?.first?.value { fields.append((question.key, value)); answers[question.key] = Answer(values: [value]) }
            case .multipleChoice: if let value = question.choices?.first?.value { fields.append(("\(question.key)[]", value)) }
            case .category: fields.append(("\(question.key)[]", AbuseCategory.trafficking.rawValue))
            case .wholeNumber: fields.append((question.key, "1"))
            case .date: fields += [("\(question.key)-day", "1"), ("\(question.key)-month", "2"), ("\(question.key)-year", "2026")]
            case .shortText, .longText: if question.required { fields.append((question.key, "Recorded")) }
            }
        }
        return fields
    }

    @Test("an auditor fills the File Audit Tool section by section, relevance bringing in questions, and submits once complete")
    func auditorJourney() async throws {
        try await TestConduit.run { conduit in
            // setup
            let auditor = try await conduit.signedIn(as: .auditor)
            let hackney = try await conduit.partnership("hackney").requireID()
            let form = try #require(try await StoredForm.query(on: conduit.db).filter(\.$key == "file-audit-tool").first())
            let definition = try FormStore.definition(of: form)
            try await auditor.get(SiteURL.auditNew.path)
            let nameLike = try await auditor.post(SiteURL.auditNew.path, [("formID", form.id!.uuidString), ("partnershipID", hackney.uuidString),
                                                                          ("fileReference", "Amara O'Neil"), ("auditedOn-day", "2"), ("auditedOn-month", "3"), ("auditedOn-year", "2026")])
            let created = try await auditor.post(SiteURL.auditNew.path, [("formID", form.id!.uuidString), ("partnershipID", hackney.uuidString),
                                                                         ("fileReference", "CSC/2026/0142"), ("auditedOn-day", "2"), ("auditedOn-month", "3"), ("auditedOn-year", "2026")])
            let auditID = try #require(created.headers.first(name: .location)?.firstMatch(of: /audits\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
            // act: a question brought in by an answer to another question of the same section
            let section = try #require(definition.sections.first { section in
                section.questions.contains { question in question.relevance.map { relevance in section.questions.contains { $0.key == relevance.question } } ?? false }
            })
            let dependent = try #require(section.questions.first { question in question.relevance.map { relevance in section.questions.contains { $0.key == relevance.question } } ?? false })
            let controlling = try #require(definition.question(dependent.relevance!.question))
            let path = SiteURL.auditSection(.value(auditID), section.key).path
            let before = try await auditor.get(path)
            let noAnswer = YesNo.allCases.map(\.rawValue).first { !dependent.relevance!.values.contains($0) } ?? "no"
            let saidNo = try await auditor.post(path, [("version", auditor.formVersion ?? ""), (controlling.key, noAnswer)])
            try await auditor.get(path)
            let saidYes = try await auditor.post(path, [("version", auditor.formVersion ?? ""), (controlling.key, dependent.relevance!.values[0])])
            try await auditor.get(SiteURL.auditCheck(.value(auditID)).path)
            let early = try await auditor.post(SiteURL.auditCheck(.value(auditID)).path, [("version", auditor.formVersion ?? "")])
            var answers: Answers = [:]
            for section in definition.sections {
                try await auditor.get(SiteURL.auditSection(.value(auditID), section.key).path)
                var fields = Self.fields(for: section, in: definition, answers: &answers)
                fields.append(("version", auditor.formVersion ?? ""))
                let saved = try await auditor.post(SiteURL.auditSection(.value(auditID), section.key).path, fields)
                if saved.status == .ok {  // more questions came in: answer them too
                    fields = Self.fields(for: section, in: definition, answers: &answers) + [("version", auditor.formVersion ?? "")]
                    try await auditor.post(SiteURL.auditSection(.value(auditID), section.key).path, fields)
                }
            }
            try await auditor.get(SiteURL.auditCheck(.value(auditID)).path)
            let submitted = try await auditor.post(SiteURL.auditCheck(.value(auditID)).path, [("version", auditor.formVersion ?? "")])
            let afterwards = try await auditor.get(path)
            // check
            #expect(nameLike.status == .unprocessableEntity, "an apostrophe-and-space name is not a file reference")
            #expect(!before.body.string.contains(escapeHTML(dependent.label)), "hidden until it applies")
            #expect(saidNo.status == .seeOther)
            #expect(saidYes.status == .ok)
            #expect(saidYes.body.string.contains("Your answers mean more questions apply"))
            #expect(saidYes.body.string.contains(escapeHTML(dependent.label)))
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("This cannot be submitted yet"))
            #expect(submitted.status == .seeOther)
            #expect(try await FormResponse.find(auditID, on: conduit.db)?.status == .submitted)
            #expect(afterwards.status == .conflict, "a submitted audit is read-only")
            let categories = try await conduit.sql.select().column("category").from(FormTables.categories).where("audit_id", .equal, auditID).all()
            #expect(try categories.map { try $0.decode(column: "category", as: String.self) } == [AbuseCategory.trafficking.rawValue])
            #expect(try await conduit.auditRows(action: "file_audit.read").count > 3, "every read recorded")
        }
    }

    @Test("audits are scoped: another partnership's audit answers 404; advisers have no access")
    func scoped() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let auditor = try await conduit.signedIn(as: .auditor)
            let adviser = try await conduit.signedIn(as: .adviser)
            let londonAudit = try #require(try await FormResponse.query(on: conduit.db).filter(\.$fileReference == "CPP/2007/001").first()).requireID()
            // act
            let page = try await auditor.get(SiteURL.audit(.value(londonAudit)).path)
            let list = try await auditor.get(SiteURL.audits.path)
            let findings = try await auditor.get(SiteURL.auditFindings.path)
            let adviserList = try await adviser.get(SiteURL.audits.path)
            // check
            #expect(page.status == .notFound)
            #expect(!list.body.string.contains("CPP/2007"))
            #expect(list.body.string.contains("HACKNEY/2026/0101"))
            #expect(findings.body.string.contains("4 files audited"), "Hackney's own four, unsuppressed")
            #expect(adviserList.status == .forbidden)
            #expect(list.body.string.contains("<td class=\"c-table__cell\">File Audit Tool</td><td class=\"c-table__cell c-table__cell--numeric\">1</td>"), "the forms are listed")
        }
    }

    @Test("the hub's coordinator reopens a submitted audit, and it is recorded; an auditor cannot")
    func reopen() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let auditor = try await conduit.signedIn(as: .auditor)
            let hackneyAudit = try #require(try await FormResponse.query(on: conduit.db).filter(\.$fileReference == "HACKNEY/2026/0101").first())
            let path = SiteURL.audit(.value(try hackneyAudit.requireID())).path
            // act
            try await auditor.get(path)
            let refused = try await auditor.post(SiteURL.auditReopen(.value(try hackneyAudit.requireID())).path, [("version", auditor.formVersion ?? "")])
            let page = try await coordinator.get(path)
            let reopened = try await coordinator.post(SiteURL.auditReopen(.value(try hackneyAudit.requireID())).path, [("version", coordinator.formVersion ?? "")])
            // check
            #expect(refused.status == .forbidden)
            #expect(page.body.string.contains("Reopen for changes"))
            #expect(reopened.status == .seeOther)
            #expect(try await FormResponse.find(hackneyAudit.id, on: conduit.db)?.status == .draft)
            #expect(try await conduit.auditRows(action: "file_audit.reopen").first?.actor_id == (try await conduit.user(.coordinator).requireID()))
        }
    }

    @Test("a new version of a form is stored beside the old; a stored version is never replaced")
    func versions() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            var definition = try #require(FormDefinition.builtIn.first { $0.key == "file-audit-tool" })
            definition.version = 2
            definition.sections[1].questions[0].label += " (revised)"
            var changedOld = definition
            changedOld.version = 1
            // act
            let storedNew = try await FormStore.store(definition, on: conduit.db)
            let storedAgain = try await FormStore.store(definition, on: conduit.db)
            // check
            #expect(storedNew)
            #expect(!storedAgain)
            await #expect(throws: FormStore.StoreProblem.self) { try await FormStore.store(changedOld, on: conduit.db) }
            let versions = try await StoredForm.query(on: conduit.db).filter(\.$key == "file-audit-tool").sort(\.$version).all().map(\.version)
            #expect(versions == [1, 2])
            #expect(try await FormStore.latestForms(for: .fileAudit, on: conduit.db).map(\.definition.version) == [2], "new audits use the newest version")
        }
    }

    @Test("the findings' CSV holds seed 004's table for the hub, exact across the partnerships it may open, and is audited")
    func findingsExport() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let london = try await conduit.partnership("london").requireID().uuidString.lowercased()
            // act
            let hub = try await coordinator.get(SiteURL.auditFindingsExport.path(query: [("partnership", london)]))
            let all = try await coordinator.get(SiteURL.auditFindingsExport.path)
            // check
            let hubLines = try CSV.parse(hub.body.string).map(\.fields)
            #expect(hubLines.contains(["Prevalence", "Files audited", "", "34"]))
            #expect(hubLines.contains(["Prevalence", "Files by category of abuse", AbuseCategory.abuseLinkedToFaithOrBelief.title, "21"]))
            #expect(hubLines.contains(["Prevalence", "Category mentions", "", "35"]))
            let allLines = try CSV.parse(all.body.string).map(\.fields)
            #expect(allLines.contains(["Prevalence", "Files by category of abuse", AbuseCategory.femaleGenitalMutilation.title, "4"]), "exact: the hub may open these audits")
            #expect(try await conduit.auditRows(action: "file_audit.findings_export").count == 2)
        }
    }
}
