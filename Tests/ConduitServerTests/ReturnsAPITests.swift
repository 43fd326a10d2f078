import ConduitCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Returns API")
struct ReturnsAPITests {
    @Test("a police system opens, fills and submits a return through the API; the coordinator approves; approved is locked; others' returns stay unseen")
    func journey() async throws {
        try await TestConduit.run { conduit in
            // setup
            let police = try await conduit.apiClient(as: .submitter)
            let coordinator = try await conduit.apiClient(as: .coordinator)
            let adviser = try await conduit.apiClient(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let hackneyReturn = try await ReturnsTests.addReturn(conduit, "hackney", period, .police, status: .draft, cells: [:])
            func send(_ client: Browser, _ method: HTTPMethod, _ path: String, _ body: String) async throws -> TestingHTTPResponse {
                try await client.send(method, path, body: body, contentType: "application/json")
            }
            // act
            let codes = try FormsAPITests.json(try await police.get(SiteURL.api(.returnCodes).path))
            let opened = try await send(police, .POST, SiteURL.api(.returns).path, #"{"partnershipId":"\#(camden)","period":"\#(period.label)","source":"police"}"#)
            let again = try await send(police, .POST, SiteURL.api(.returns).path, #"{"partnershipId":"\#(camden)","period":"\#(period.key)","source":"police"}"#)
            let wrongSource = try await send(police, .POST, SiteURL.api(.returns).path, #"{"partnershipId":"\#(camden)","period":"\#(period.key)","source":"health"}"#)
            let id = try #require(try FormsAPITests.json(opened)["id"] as? String)
            let path = "/api/v1/returns/\(id)"
            let unknown = try await send(police, .PUT, path, #"{"version":1,"cells":[{"category":"99Z","breakdown":"total","count":1}]}"#)
            let saved = try await send(police, .PUT, path, #"{"version":1,"cells":[{"category":"honour_based_abuse","breakdown":"total","count":29},{"category":"honour_based_abuse","breakdown":"sex:female","count":20}]}"#)
            let mismatch = try await send(police, .POST, path + "/submit", #"{"version":2}"#)
            let submitted = try await send(police, .POST, path + "/submit", #"{"version":2,"cells":[{"category":"honour_based_abuse","breakdown":"total","count":29},{"category":"honour_based_abuse","breakdown":"sex:female","count":20},{"category":"honour_based_abuse","breakdown":"sex:male","count":9}]}"#)
            let policeApproves = try await send(police, .POST, path + "/approve", #"{"version":3}"#)
            let approved = try await send(coordinator, .POST, path + "/approve", #"{"version":3}"#)
            let locked = try await send(police, .PUT, path, #"{"version":4,"cells":[]}"#)
            let noReason = try await send(coordinator, .POST, path + "/reopen", #"{"version":4,"reason":"  "}"#)
            let others = try await police.get("/api/v1/returns/\(try hackneyReturn.requireID().uuidString)")
            let list = try FormsAPITests.json(try await police.get(SiteURL.api(.returns).path))
            let dashboard = try FormsAPITests.json(try await adviser.get(SiteURL.api(.returnsDashboard).path(query: [("source", "police"), ("category", "honour_based_abuse"), ("from", period.key), ("to", period.key)])))
            let london = try FormsAPITests.json(try await coordinator.get(SiteURL.api(.returnsDashboard).path(query: [("source", "police"), ("category", "honour_based_abuse"), ("from", period.key), ("to", period.key)])))
            // check
            #expect(london["publication"] as? String == "exact", "the hub approves every partnership's returns: exact")
            #expect((codes["categories"] as? [[String: Any]])?.count == AbuseCategory.allCases.count)
            #expect(opened.status == .created && again.status == .ok)
            #expect(wrongSource.status == .unprocessableEntity && wrongSource.body.string.contains("partnershipId"))
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("cells[0].category"))
            #expect(saved.status == .ok, "\(saved.body.string.prefix(300))")
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("cell.honour_based_abuse.total"), "the problem names the cell")
            let submittedStatus = try FormsAPITests.json(submitted)["status"] as? String
            #expect(submitted.status == .ok && submittedStatus == "submitted")
            #expect(policeApproves.status == .forbidden)
            #expect(approved.status == .ok)
            #expect(locked.status == .conflict)
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("\"field\":\"reason\""))
            #expect(others.status == .notFound)
            #expect((list["items"] as? [[String: Any]])?.count == 1)
            let camdenLine = (dashboard["partnerships"] as? [[String: Any]])?.first { $0["label"] as? String == "Camden" }
            let camdenPolice = (camdenLine?["counts"] as? [String])?.first.flatMap { Int($0) }
            #expect(dashboard["publication"] as? String == "adjusted", "an adviser opens no return, so even Camden's are adjusted")
            #expect(camdenPolice.map { (27...31).contains($0) } == true, "29 adjusted by at most 2")
        }
    }
}
