import ConduitCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Forms API")
struct FormsAPITests {
    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any], "not a JSON object: \(response.body.string.prefix(300))")
    }

    @Test("an auditor starts, answers and submits an audit through the API, with problems by question and conflicts on stale versions")
    func auditJourney() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .auditor)
            let hackney = try await conduit.partnership("hackney").requireID().uuidString.lowercased()
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            let definition = try await FormResponseTests.definition("file-audit-tool", on: conduit.db)
            func send(_ method: HTTPMethod, _ path: String, _ body: String) async throws -> TestingHTTPResponse {
                try await client.send(method, path, body: body, contentType: "application/json")
            }
            // act
            let forms = try Self.json(try await client.get(SiteURL.api(.forms).path))
            let tool = try await client.get(SiteURL.api(.form(key: "file-audit-tool", version: 1)).path)
            let named = try await send(.POST, SiteURL.api(.audits).path, #"{"partnershipId":"\#(hackney)","fileReference":"Amara O'Neil","auditedOn":"2026-03-02"}"#)
            let otherPartnership = try await send(.POST, SiteURL.api(.audits).path, #"{"partnershipId":"\#(camden)","fileReference":"CSC/1","auditedOn":"2026-03-02"}"#)
            let created = try await send(.POST, SiteURL.api(.audits).path, #"{"partnershipId":"\#(hackney)","fileReference":"CSC/2026/0142","auditedOn":"2026-03-02"}"#)
            let id = try #require(try Self.json(created)["id"] as? String)
            let badAnswers = try await send(.PUT, "/api/v1/audits/\(id)", #"{"version":1,"answers":{"case-open":{"values":["perhaps"]},"no-such-question":{"values":["yes"]}}}"#)
            var answers: Answers = [:]
            for section in definition.sections {
                for question in section.questions where FormValidation.isRelevant(question, in: definition, answers: answers) {
                    switch question.type {
                    case .yesNo: answers[question.key] = Answer(values: ["yes"], followUp: question.followUp == nil ? nil : "Recorded")
                    case .singleChoice, .multipleChoice: answers[question.key] = Answer(values: [question.choices![0].value])
                    case .category: answers[question.key] = Answer(values: ["23A", "12A"])
                    case .wholeNumber: answers[question.key] = Answer(values: ["2"])
                    case .date: answers[question.key] = Answer(values: ["2026-01-05"])
                    case .shortText, .longText: answers[question.key] = Answer(values: ["Recorded"])
                    }
                }
            }
            let half = answers.filter { key, _ in definition.sections[0...2].contains { $0.questions.contains { $0.key == key } } }
            let saved = try await send(.PUT, "/api/v1/audits/\(id)", String(decoding: try JSONEncoder().encode(FormsAPIController.AnswersBody(version: 1, answers: half, ratings: ["basic-file-details": .init(rating: "good", reason: "Complete")])), as: UTF8.self))
            let early = try await send(.POST, "/api/v1/audits/\(id)/submit", #"{"version":2}"#)
            let complete = try await send(.PUT, "/api/v1/audits/\(id)", String(decoding: try JSONEncoder().encode(FormsAPIController.AnswersBody(version: 2, answers: answers, ratings: nil)), as: UTF8.self))
            let stale = try await send(.PUT, "/api/v1/audits/\(id)", String(decoding: try JSONEncoder().encode(FormsAPIController.AnswersBody(version: 2, answers: answers, ratings: nil)), as: UTF8.self))
            let submitted = try await send(.POST, "/api/v1/audits/\(id)/submit", #"{"version":3}"#)
            let afterwards = try await send(.PUT, "/api/v1/audits/\(id)", #"{"version":4,"answers":{}}"#)
            let read = try Self.json(try await client.get("/api/v1/audits/\(id)"))
            let list = try Self.json(try await client.get(SiteURL.api(.audits).path(query: [("status", "submitted")])))
            // check
            #expect((forms["items"] as? [[String: Any]])?.contains { $0["key"] as? String == "training-evaluation" && $0["purpose"] as? String == "training_evaluation" } == true)
            let served = try FormDefinition.decode(json: Data(tool.body.string.utf8))
            #expect(tool.status == .ok && served == FormDefinition.builtIn.first { $0.key == "file-audit-tool" })
            #expect(named.status == .unprocessableEntity && named.body.string.contains("\"field\":\"fileReference\""))
            #expect(otherPartnership.status == .unprocessableEntity && otherPartnership.body.string.contains("\"field\":\"partnershipId\""), "the auditor audits for Hackney only")
            #expect(created.status == .created)
            #expect(badAnswers.status == .unprocessableEntity)
            #expect(badAnswers.body.string.contains("\"field\":\"answers.case-open\"") && badAnswers.body.string.contains("\"field\":\"answers.no-such-question\""))
            #expect(saved.status == .ok, "\(saved.body.string.prefix(400))")
            #expect(early.status == .unprocessableEntity && early.body.string.contains("answers.diversity"), "the unanswered sections are named question by question")
            #expect(complete.status == .ok)
            #expect(stale.status == .conflict)
            #expect(submitted.status == .ok)
            #expect(afterwards.status == .conflict, "a submitted audit is read-only")
            #expect(read["status"] as? String == "submitted" && read["categories"] as? [String] == ["12A", "23A"])
            #expect((read["ratings"] as? [String: Any])?["basic-file-details"] != nil, "a rating sent once is kept")
            #expect((list["items"] as? [[String: Any]])?.map { $0["fileReference"] as? String } == ["CSC/2026/0142"])
            #expect(try await conduit.auditRows(action: "file_audit.read").count >= 6, "every API read recorded")
        }
    }

    @Test("API findings are the page's figures: the hub's own unsuppressed, several partnerships' suppressed; other partnerships' audits stay unseen")
    func findings() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let coordinator = try await conduit.apiClient(as: .coordinator)
            let auditor = try await conduit.apiClient(as: .auditor)
            let adviser = try await conduit.apiClient(as: .adviser)
            let london = try await conduit.partnership("london").requireID().uuidString.lowercased()
            let londonAudit = try #require(try await FormResponse.query(on: conduit.db).filter(\.$fileReference == "CPP/2007/001").first()).requireID()
            // act
            let hub = try Self.json(try await coordinator.get(SiteURL.api(.auditFindings).path(query: [("partnership", london)])))
            let all = try Self.json(try await coordinator.get(SiteURL.api(.auditFindings).path))
            let byAuditor = try await auditor.get(SiteURL.api(.audit(.value(londonAudit))).path)
            let auditorList = try Self.json(try await auditor.get(SiteURL.api(.audits).path))
            let byAdviser = try await adviser.get(SiteURL.api(.audits).path)
            // check
            let prevalence = try #require(hub["prevalence"] as? [[String: Any]]).map { ($0["value"] as? String ?? "", $0["count"] as? String ?? "") }
            #expect(hub["files"] as? String == "34" && hub["categoryMentions"] as? String == "35" && hub["suppressed"] as? Bool == false)
            #expect(prevalence.contains { $0 == ("23A", "21") } && prevalence.contains { $0 == ("22A", "2") } && prevalence.contains { $0 == ("12A", "10") })
            #expect(all["suppressed"] as? Bool == false && all["publication"] as? String == "exact", "the hub may open every partnership's audits")
            let combined = try #require(all["prevalence"] as? [[String: Any]]).map { ($0["value"] as? String ?? "", $0["count"] as? String ?? "") }
            #expect(combined.contains { $0 == ("22A", "4") })
            #expect(byAuditor.status == .notFound, "a Hackney auditor cannot read the hub's audit")
            #expect((auditorList["items"] as? [[String: Any]])?.allSatisfy { ($0["fileReference"] as? String)?.hasPrefix("CPP/2007") == false } == true)
            #expect(byAdviser.status == .forbidden, "advisers do not read file audits")
        }
    }
}
