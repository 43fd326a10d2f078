import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

/// Issue 13, finding 1: text that cannot be stored is refused wherever it enters, with a
/// message naming the field; what is stored is in NFC; the audit trail stays whole.
@Suite("Text input")
struct TextInputTests {
    @Test("a sign-in with a NUL in the email is refused before anything is looked up, and the audit chain still verifies")
    func signInNul() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let response = try await browser.post(SiteURL.signIn.path, [("email", "nobody\u{0}x@example.org"), ("password", "whatever it is")])
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("email: remove the invisible control character (U+0000"))
            #expect(try await AuditTrail.verify(on: conduit.db).breaks.isEmpty)
        }
    }

    @Test("a group named with a NUL through the API is refused with a problem naming the field, and nothing is stored")
    func apiNul() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            let body = #"{"name":"Probe\u0000Nul","type":"community_group","status":"active","keptBy":"\#(camden)","notes":"a\u202Eb"}"#
            // act
            let response = try await client.send(.POST, SiteURL.api(.groups).path, body: body, contentType: "application/json")
            // check
            #expect(response.status == .unprocessableEntity)
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let fields = (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["name", "notes"], "every refused field at once: \(response.body.string)")
            #expect(try await conduit.organisationCount() == 0)
        }
    }

    @Test("a group's name typed with a combining accent is stored composed, so search and duplicate checks see one spelling")
    func storedInNFC() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            // act
            _ = try await conduit.addGroup(adviser, name: "Cafe\u{301} Zahra Women's Group", owner: camden)
            // check
            let stored = try #require(try await CommunityGroup.query(on: conduit.db).first()).name
            #expect(Array(stored.utf8) == Array("Caf\u{E9} Zahra Women's Group".utf8))
        }
    }

    @Test("a query string with a bidirectional override is refused, not searched")
    func queryString() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            // act
            let response = try await adviser.get(SiteURL.directory.path + "?q=abc%E2%80%AEdef")
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("q: remove the invisible formatting character (U+202E"))
        }
    }

    @Test("an imported file with a NUL in a value is refused whole, naming its line")
    func importNul() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.directoryImport.path)
            // act
            let response = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)],
                                                    file: "name,type\nGood Group,community_group\nProbe\u{0}Nul,community_group\n")
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Line 3"), "\(response.body.string.prefix(2000))")
            #expect(response.body.string.contains("U+0000"))
            #expect(try await conduit.organisationCount() == 0)
        }
    }

    @Test("a body that cannot be decoded is answered in Conduit's words, naming the field, not in Swift's")
    func decodingWords() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            // act
            let response = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":["a list"]}"#, contentType: "application/json")
            let page = response.body.string
            // check
            #expect(response.status == .badRequest)
            #expect(page.contains("name must be text"), "\(page)")
            #expect(!page.contains("Dictionary<") && !page.contains("Swift.") && !page.contains("CodingKeys"))
        }
    }

    @Test("a form sent as multipart instead of urlencoded is held to the same rules, its file names too")
    func multipartForm() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.directoryGroupNew.path)
            // act: the add-a-group form as multipart, and an import whose file is named with a NUL
            let boundary = "probe-boundary"
            var body = ""
            for (key, value) in DirectoryForms.group(name: "Good Name", notes: "a\u{0}b", owner: camden) + [(CSRF.field, adviser.csrfToken ?? "")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)--\r\n"
            let form = try await adviser.send(.POST, SiteURL.directoryGroups.path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            try await adviser.get(SiteURL.directoryImport.path)
            let upload = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)],
                                                  file: "name,type\nGood Group,community_group\n", named: "groups\u{202E}vsc.csv")
            // check
            #expect(form.status == .unprocessableEntity)
            #expect(form.body.string.contains("notes: remove the invisible control character (U+0000"))
            #expect(upload.status == .unprocessableEntity)
            #expect(upload.body.string.contains("file (file name): remove the invisible formatting character (U+202E"))
            #expect(try await conduit.organisationCount() == 0)
        }
    }

    @Test("a name sent with a line break or a tab is refused: only multi-line fields take them")
    func oneLineNames() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID().uuidString.lowercased()
            // act
            let name = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":"Al Noor\nWomen","type":"community_group","keptBy":"\#(camden)"}"#, contentType: "application/json")
            let notes = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":"Al Noor Women","type":"community_group","keptBy":"\#(camden)","notes":"Met the chair.\nFollow up in May.\tBring leaflets."}"#, contentType: "application/json")
            // check
            #expect(name.status == .unprocessableEntity && name.body.string.contains("Name must be on one line"))
            #expect(notes.status == .created, "notes are multi-line: \(notes.body.string.prefix(300))")
        }
    }
}
