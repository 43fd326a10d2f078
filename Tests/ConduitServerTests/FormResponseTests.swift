import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Form responses: training evaluations, community surveys, versions and exports")
struct FormResponseTests {
    /// The id in a redirect to a filled-in form's page.
    static func responseID(_ response: TestingHTTPResponse) throws -> UUID {
        try #require(response.headers.first(name: .location)?.firstMatch(of: /audits\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
    }

    /// Answers every section with valid answers and submits, as the browser's person.
    static func fillAndSubmit(_ browser: Browser, _ id: UUID, _ definition: FormDefinition) async throws -> TestingHTTPResponse {
        var answers: Answers = [:]
        for section in definition.sections {
            try await browser.get(SiteURL.auditSection(.value(id), section.key).path)
            var fields = FileAuditTests.fields(for: section, in: definition, answers: &answers) + [("version", browser.formVersion ?? "")]
            if try await browser.post(SiteURL.auditSection(.value(id), section.key).path, fields).status == .ok {
                fields = FileAuditTests.fields(for: section, in: definition, answers: &answers) + [("version", browser.formVersion ?? "")]
                try await browser.post(SiteURL.auditSection(.value(id), section.key).path, fields)
            }
        }
        try await browser.get(SiteURL.auditCheck(.value(id)).path)
        return try await browser.post(SiteURL.auditCheck(.value(id)).path, [("version", browser.formVersion ?? "")])
    }

    static func definition(_ key: String, on db: any Database) async throws -> FormDefinition {
        try FormStore.definition(of: try #require(try await StoredForm.query(on: db).filter(\.$key == key).first()))
    }

    @Test("an adviser records a session's evaluations; the results are on the findings page; file auditors cannot read them")
    func trainingEvaluation() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let auditor = try await conduit.signedIn(as: .auditor)
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let camden = try await conduit.partnership("camden").requireID()
            let sessionID = try await TrainingTests.addSession(adviser, title: "Safer spaces for children", on: conduit.today, partnership: camden)
            let definition = try await Self.definition("training-evaluation", on: conduit.db)
            let before = try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            // act
            let started = try await adviser.post(SiteURL.trainingEvaluations(.value(sessionID)).path)
            let id = try Self.responseID(started)
            let submitted = try await Self.fillAndSubmit(adviser, id, definition)
            let after = try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let findings = try await adviser.get(SiteURL.auditFindings.path(query: [("form", "training-evaluation"), ("session", sessionID.uuidString.lowercased())]))
            let byAuditor = try await auditor.get(SiteURL.audit(.value(id)).path)
            let londonAudit = try #require(try await FormResponse.query(on: conduit.db).filter(\.$fileReference == "CPP/2007/001").first()).requireID()
            let auditByAdviser = try await adviser.get(SiteURL.audit(.value(londonAudit)).path)
            let auditList = try await coordinator.get(SiteURL.audits.path)
            // check
            #expect(before.body.string.contains("Evaluations") && before.body.string.contains("Record an evaluation"))
            #expect(started.headers.first(name: .location) == SiteURL.auditSection(.value(id), definition.sections[0].key).path)
            #expect(submitted.status == .seeOther)
            let response = try #require(try await FormResponse.find(id, on: conduit.db))
            #expect(response.$trainingSession.id == sessionID && response.$partnership.id == camden && response.fileReference == "Response 1")
            #expect(after.body.string.contains("<strong>1</strong>response submitted"))
            #expect(after.body.string.contains("See the results"))
            let page = findings.body.string
            #expect(findings.status == .ok)
            #expect(page.contains("Findings: Training evaluation"))
            #expect(page.contains("Safer spaces for children"))
            #expect(page.contains(FileAuditTests.row("Very useful", "1")), "the first choice was given")
            #expect(page.contains(FileAuditTests.row("Not useful at all", "0")))
            #expect(!page.contains("Prevalence"), "an evaluation asks no categories of abuse")
            #expect(byAuditor.status == .notFound, "file auditors do not read training evaluations")
            #expect(auditByAdviser.status == .notFound, "advisers do not read file audits")
            #expect(!auditList.body.string.contains("Response 1"), "the audits list holds file audits only")
        }
    }

    @Test("a group's answers to the questionnaire: relevance asks for topics only when training is wanted, and submission needs them")
    func communitySurvey() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let viewer = try await conduit.signedIn(as: .viewer)
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(adviser, name: "St Pancras Gospel Hall", owner: camden, served: [camden])
            let definition = try await Self.definition("faith-group-questionnaire", on: conduit.db)
            let groupPage = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            // act
            let id = try Self.responseID(try await adviser.post(SiteURL.directoryGroupSurveys(.value(groupID)).path))
            let safeguarding = SiteURL.auditSection(.value(id), "your-safeguarding").path, training = SiteURL.auditSection(.value(id), "training").path
            try await adviser.get(safeguarding)
            let first = try await adviser.post(safeguarding, [("version", adviser.formVersion ?? ""), ("has-policy", "no"), ("has-named-lead", "yes"), ("dbs-checked", "partly")])
            try await adviser.get(training)
            let wantsTraining = try await adviser.post(training, [("version", adviser.formVersion ?? ""), ("would-like-training", "yes")])
            try await adviser.get(SiteURL.auditCheck(.value(id)).path)
            let early = try await adviser.post(SiteURL.auditCheck(.value(id)).path, [("version", adviser.formVersion ?? "")])
            try await adviser.get(training)
            try await adviser.post(training, [("version", adviser.formVersion ?? ""), ("would-like-training", "yes"),
                                              ("training-topics[]", "faith_or_belief"), ("training-topics[]", "safer_recruitment"), ("training-times[]", "saturday")])
            try await adviser.get(SiteURL.auditCheck(.value(id)).path)
            let submitted = try await adviser.post(SiteURL.auditCheck(.value(id)).path, [("version", adviser.formVersion ?? "")])
            let findings = try await adviser.get(SiteURL.auditFindings.path(query: [("form", definition.key), ("group", groupID.uuidString.lowercased())]))
            let viewerPage = try await viewer.get(SiteURL.directoryGroup(.value(groupID)).path)
            // check
            #expect(groupPage.body.string.contains("Record the group&#39;s answers") || groupPage.body.string.contains("Record the group's answers"))
            #expect(!first.body.string.contains(escapeHTML("When was the policy last reviewed?")), "no policy: its review date is not asked")
            #expect(wantsTraining.status == .ok && wantsTraining.body.string.contains("Which topics?"), "wanting training brings in the topics")
            #expect(early.status == .unprocessableEntity && early.body.string.contains("This cannot be submitted yet"))
            #expect(submitted.status == .seeOther)
            let page = findings.body.string
            #expect(page.contains("Group: St Pancras Gospel Hall"))
            #expect(page.contains(FileAuditTests.row("Abuse linked to faith or belief, including spiritual practices", "1")))
            #expect(page.contains(FileAuditTests.row("Female genital mutilation", "0")))
            #expect(page.contains(FileAuditTests.row("Partly", "1")), "DBS checks: partly")
            #expect(!viewerPage.body.string.contains("Safeguarding questionnaire"), "viewers do not see engagement work")
        }
    }

    @Test("findings combine two versions of a form by question key and say which version each audit used; the raw answers keep both")
    func versions() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: version 2 relabels a question and adds one; one audit is answered on it
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let london = try await conduit.partnership("london").requireID()
            var second = try await Self.definition("file-audit-tool", on: conduit.db)
            second.version = 2
            second.sections[0].questions[0].label = "Is the case open at the date of the audit?"
            second.sections[0].questions.append(FormQuestion(key: "case-closed-reason", label: "Why was the case closed?", type: .shortText))
            try await FormStore.store(second, on: conduit.db)
            let stored = try #require(try await StoredForm.query(on: conduit.db).filter(\.$key == "file-audit-tool").filter(\.$version == 2).first())
            let audit = FormResponse()
            audit.version = 1
            audit.fileReference = "CPP/2026/900"
            audit.auditedOn = "2026-01-15"
            audit.status = .draft
            audit.$form.id = try stored.requireID()
            audit.$partnership.id = london
            audit.$auditor.id = try await conduit.user(.coordinator).requireID()
            try await audit.save(on: conduit.db)
            try await FormStore.save(["case-open": Answer(values: ["no"]), "case-closed-reason": Answer(values: ["Family moved abroad"])], ratings: [],
                                      of: audit, definition: second, expectedVersion: 1, on: conduit.db)
            audit.status = .submitted
            try await audit.save(on: conduit.db)
            let hub = [("partnership", london.uuidString.lowercased())]
            // act
            let findings = try await coordinator.get(SiteURL.auditFindings.path(query: hub))
            // Across every partnership: the hub may open every audit, so exact, versions' counts too (issue 14).
            let acrossPartnerships = try await coordinator.get(SiteURL.auditFindings.path).body.string
            let answers = try await coordinator.get(SiteURL.auditAnswersExport.path(query: hub))
            // check
            let page = findings.body.string
            #expect(page.contains("35 files audited"))
            #expect(page.contains("version 1 (34 audits), version 2 (1 audits)"))
            #expect(acrossPartnerships.contains("data-publication=\"exact\""), "the page across partnerships says it is exact")
            #expect(acrossPartnerships.contains("version 2 (1 audits)"))
            #expect(page.contains(escapeHTML("Is the case open at the date of the audit?")), "questions are shown as the newest version asks them")
            let demoNo = try await conduit.sql.raw("""
                SELECT COUNT(*) AS n FROM file_audit_answers WHERE question_key = 'case-open' AND value = 'no'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            #expect(page.contains(FileAuditTests.row("No", String(demoNo))), "version 1's and version 2's answers counted together by key")
            let lines = try CSV.parse(answers.body.string).map(\.fields)
            #expect(lines.count == 36, "a header and one line per audit")
            let header = try #require(lines.first)
            let closed = try #require(header.firstIndex(of: "case-closed-reason"))
            let last = try #require(lines.last)
            #expect(last[3] == "2" && last[closed] == "Family moved abroad")
            #expect(!answers.body.string.contains("CPP/20"), "no file references in a researchers' export")
            #expect(try await conduit.auditRows(action: "file_audit.answers_export").count == 1)
        }
    }

    @Test("a form definition can be written in YAML; a broken one is refused with the same messages as JSON")
    func yaml() throws {
        // setup
        let yaml = """
        key: community-survey-2027
        title: Community survey
        version: 1
        purpose: community_survey
        sections:
          - key: about
            title: About your group
            rated: false
            questions:
              - key: has-policy
                label: Has your group a child protection policy?
                type: yes_no
                required: true
              - key: policy-date
                label: When was it reviewed?
                type: date
                required: false
                relevance: { question: has-policy, values: [yes, partly] }
        """
        let broken = "key: x\ntitle: X\nversion: 1\nsections: []\n"
        // act
        let definition = try FormDefinitionFile.read(Data(yaml.utf8), path: "survey.yaml")
        // check
        #expect(definition.usedFor == .communitySurvey)
        #expect(definition.question("policy-date")?.relevance?.values == ["yes", "partly"], "yes stays an answer, not a boolean")
        #expect(throws: FormDefinitionError(message: "The form ‘x’ has no sections")) { try FormDefinitionFile.read(Data(broken.utf8), path: "x.yml") }
        #expect(throws: FormDefinitionError.self) { try FormDefinitionFile.read(Data("key: [".utf8), path: "x.yaml") }
    }
}
