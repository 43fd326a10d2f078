import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

extension Browser {
    /// Posts a multipart form with one file of any bytes, as the library's forms do.
    @discardableResult
    func uploadDocument(_ path: String, fields: [(String, String)], file bytes: [UInt8]?, named name: String, csrf: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "conduit-library-boundary"
        var body = ByteBuffer()
        for (key, value) in fields + (csrf ? [(CSRF.field, csrfToken ?? "")] : []) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
        }
        if let bytes {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = self.headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        if let token = response.body.string.firstMatch(of: /name="csrf_token" value="([0-9a-f]+)"/)?.1 { csrfToken = String(token) }
        return response
    }
}

@Suite("Resource library")
struct LibraryTests {
    static let leaflet = Array("Female genital mutilation is against the law in the UK.\nCall 999 if a girl is in danger now.\n".utf8)

    static func details(title: String = "FGM leaflet for parents", visibility: ResourceVisibility = .partnership) -> [(String, String)] {
        [("title", title), ("summary", "What FGM is, that it is illegal, and where to get help."), ("kind", ResourceKind.leaflet.rawValue),
         ("topics[]", ResourceTopic.femaleGenitalMutilation.rawValue), ("audiences[]", ResourceAudience.parents.rawValue), ("visibility", visibility.rawValue)]
    }

    /// Adds a resource through the page as the given browser; returns its id.
    static func add(_ browser: Browser, title: String = "FGM leaflet for parents", visibility: ResourceVisibility = .partnership,
                    bytes: [UInt8] = leaflet, name: String = "leaflet.txt") async throws -> UUID {
        try await browser.get(SiteURL.resourceNew.path)
        // The form shares with the partnership or all partnerships; publishing is its own step.
        let response = try await browser.uploadDocument(SiteURL.resources.path, fields: details(title: title, visibility: visibility == .public ? .allPartnerships : visibility),
                                                        file: bytes, named: name)
        #expect(response.status == .seeOther, "\(response.status) \(response.body.string.prefix(500))")
        let location = try #require(response.headers.first(name: .location))
        let id = try #require(location.firstMatch(of: /\/resources\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
        if visibility == .public {
            try await browser.get(SiteURL.resourcePublish(.value(id)).path)
            #expect(try await browser.post(SiteURL.resourcePublish(.value(id)).path, [("version", browser.formVersion ?? "")]).status == .seeOther)
        }
        return id
    }

    @Test("an upload whose bytes are not what its name says, or over the size limit, is refused with a message naming the file, and nothing is stored")
    func refusedUploads() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            try await adviser.get(SiteURL.resourceNew.path)
            let html = Array("<html><script>alert(1)</script></html>\u{0}".utf8)
            let tooLarge = Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x41, count: DocumentCheck.maximumBytes)
            // act
            let renamed = try await adviser.uploadDocument(SiteURL.resources.path, fields: Self.details(), file: html, named: "leaflet.pdf")
            let textAsPDF = try await adviser.uploadDocument(SiteURL.resources.path, fields: Self.details(), file: Self.leaflet, named: "leaflet.pdf")
            let large = try await adviser.uploadDocument(SiteURL.resources.path, fields: Self.details(), file: tooLarge, named: "report.pdf")
            let nothing = try await adviser.uploadDocument(SiteURL.resources.path, fields: [("title", "")], file: nil, named: "")
            // check
            #expect(renamed.status == .unprocessableEntity && renamed.shows("is not a PDF, ODT, DOCX, RTF, PNG, JPEG or plain text document"), "\(renamed.body.string.prefix(300))")
            #expect(textAsPDF.status == .unprocessableEntity && textAsPDF.shows("is named .pdf but its content is Plain text"))
            #expect(large.status == .unprocessableEntity && large.shows("it must be 10 MB or smaller"))
            #expect(nothing.status == .unprocessableEntity)
            for message in ["Enter the resource&#39;s title", "Select what kind of resource it is", "Select who it is for: at least one audience", "Choose a file to upload, or enter a link"] {
                #expect(nothing.body.string.contains(message), "\(message)")
            }
            for table in [LibraryResource.schema, ResourceVersion.schema, LibraryTables.documents, LibraryTables.words] {
                #expect(try await conduit.count(table) == 0, "nothing stored in \(table)")
            }
        }
    }

    @Test("another partnership's own resource is 404 on its page, its file and the API, and is in no listing or search; a shared one is readable everywhere; only public ones are public")
    func visibility() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let own = try await Self.add(adviser, title: "Camden private pack", visibility: .partnership)
            let shared = try await Self.add(adviser, title: "Camden shared letter", visibility: .allPartnerships)
            try await conduit.addUser(email: "islington.adviser@conduit.example", role: .adviser, partnership: "islington")
            let other = conduit.browser()
            try await other.signIn(email: "islington.adviser@conduit.example", secret: nil)
            let version = try #require(try await ResourceVersion.query(on: conduit.db).filter(\.$resource.$id == own).first()).requireID()
            let api = try await conduit.apiClient(as: .viewer)
            // act
            let page = try await other.get(SiteURL.resource(.value(own)).path)
            let file = try await other.get(SiteURL.resourceFile(.value(own), .value(version)).path)
            let list = try await other.get(SiteURL.resources.path(query: [("q", "camden")]))
            let sharedPage = try await other.get(SiteURL.resource(.value(shared)).path)
            let publicPage = conduit.browser()
            let signedOut = try await publicPage.get(SiteURL.libraryResource(.value(shared)).path)
            let publicList = try await publicPage.get(SiteURL.library.path)
            let viewerList = try await api.get(SiteURL.api(.resources).path)
            let viewerOwn = try await api.get(SiteURL.api(.resource(.value(own))).path)
            // check
            #expect(page.status == .notFound && file.status == .notFound)
            #expect(!list.body.string.contains("Camden private pack") && list.body.string.contains("Camden shared letter"))
            #expect(sharedPage.status == .ok)
            #expect(signedOut.status == .notFound, "a shared resource is not public")
            #expect(!publicList.body.string.contains("Camden shared letter") && !publicList.body.string.contains("Camden private pack"))
            #expect(viewerList.status == .ok && viewerList.body.string.contains("Camden private pack"), "Camden's viewer reads Camden's own")
            #expect(viewerOwn.status == .ok)
            let refusals = try await conduit.auditActions()
            #expect(refusals.contains("access.hidden") || refusals.contains { $0.hasPrefix("access") }, "\(refusals.suffix(5))")
        }
    }

    @Test("a translation made from an older version is marked may be out of date on the resource's page, the list and the public page; the old version stays downloadable")
    func translationsGoOutOfDate() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let id = try await Self.add(adviser, title: "FGM leaflet", visibility: .allPartnerships)
            try await adviser.get(SiteURL.resourceTranslationNew(.value(id)).path)
            let somali = try await adviser.uploadDocument(SiteURL.resourceTranslations(.value(id)).path,
                                                          fields: [("language", "so"), ("title", "Gudniinka: waraaq waalidiinta"), ("summary", "")],
                                                          file: Array("Gudniinka waa sharci darro.\n".utf8), named: "leaflet.so.txt")
            let fresh = try await adviser.get(SiteURL.resource(.value(id)).path)
            // act
            try await adviser.get(SiteURL.resourceVersionNew(.value(id)).path)
            let version = try await adviser.uploadDocument(SiteURL.resourceVersions(.value(id)).path, fields: [("changes", "Adds FGM Protection Orders.")],
                                                           file: Array("FGM is illegal. Protection Orders can stop a girl being taken abroad.\n".utf8), named: "leaflet-v2.txt")
            let page = try await adviser.get(SiteURL.resource(.value(id)).path)
            let list = try await adviser.get(SiteURL.resources.path)
            try await adviser.get(SiteURL.resourcePublish(.value(id)).path)
            let published = try await adviser.post(SiteURL.resourcePublish(.value(id)).path, [("version", adviser.formVersion ?? "")])
            let visitor = conduit.browser()
            let inSomali = try await visitor.get(SiteURL.libraryResource(.value(id)).path(query: [("lang", "so")]))
            let first = try #require(try await ResourceVersion.query(on: conduit.db).filter(\.$resource.$id == id).filter(\.$number == 1).filter(\.$language == "en").first()).requireID()
            let oldFile = try await visitor.get(SiteURL.libraryFile(.value(id), .value(first)).path)
            // check
            #expect(somali.status == .seeOther && version.status == .seeOther, "\(version.status) \(version.body.string.prefix(300))")
            #expect(!fresh.shows("May be out of date"), "a translation of the newest version is current")
            #expect(page.shows("Version 2") && page.shows("May be out of date") && page.shows("Adds FGM Protection Orders."))
            #expect(list.shows("May be out of date"))
            #expect(published.status == .seeOther)
            #expect(inSomali.status == .ok && inSomali.body.string.contains("<html lang=\"so\" dir=\"ltr\">"))
            #expect(inSomali.shows("Gudniinka: waraaq waalidiinta") && inSomali.shows("This translation may be out of date"))
            #expect(oldFile.status == .ok && oldFile.body.string.contains("against the law"), "version 1 stays downloadable")
            #expect(oldFile.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(oldFile.headers.first(name: .contentType) == "text/plain; charset=utf-8" && oldFile.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test("the search finds words by their beginnings in titles, summaries and translations, combined with filters; a page is 422 for a filter naming nothing")
    func search() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let spirit = try await Self.add(adviser, title: "Spirit possession and witchcraft", visibility: .public)
            _ = try await Self.add(adviser, title: "Safer recruitment checklist", visibility: .public)
            try await adviser.get(SiteURL.resourceTranslationNew(.value(spirit)).path)
            try await adviser.uploadDocument(SiteURL.resourceTranslations(.value(spirit)).path, fields: [("language", "ar"), ("title", "السحر والمس الروحي")],
                                             file: Array("نص\n".utf8), named: "spirit.ar.txt")
            let visitor = conduit.browser()
            // act
            let byPrefix = try await visitor.get(SiteURL.library.path(query: [("q", "POSSES witch")]))
            let byArabic = try await visitor.get(SiteURL.library.path(query: [("q", "السحر")]))
            let byLanguage = try await visitor.get(SiteURL.library.path(query: [("language", "ar")]))
            let none = try await visitor.get(SiteURL.library.path(query: [("q", "possession"), ("kind", ResourceKind.protocol.rawValue)]))
            let bad = try await visitor.get(SiteURL.library.path(query: [("topic", "astrology")]))
            // check
            #expect(byPrefix.shows("Spirit possession and witchcraft") && !byPrefix.shows("Safer recruitment checklist"))
            #expect(byArabic.shows("Spirit possession and witchcraft"))
            #expect(byLanguage.shows("Spirit possession and witchcraft") && !byLanguage.shows("Safer recruitment checklist"))
            #expect(byLanguage.body.string.contains("<span lang=\"ar\" dir=\"rtl\">العربية</span>") || byLanguage.body.string.contains("dir=\"rtl\""))
            #expect(none.shows("0 resources"))
            #expect(bad.status == .unprocessableEntity && bad.shows("topic must be one of the topics listed"))
        }
    }

    @Test("a resource given to a group from the group's page is listed there and on the resource's page; a text with a NUL byte is refused by name")
    func distribution() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let id = try await Self.add(adviser, title: "Madrasa protocol", visibility: .allPartnerships)
            let group = try #require(try await CommunityGroup.query(on: conduit.db).filter(\.$name == "Al-Noor Madrasa").first()).requireID()
            try await adviser.get(SiteURL.directoryGroup(.value(group)).path)
            // act
            let given = try await adviser.post(SiteURL.directoryGroupResources(.value(group)).path,
                                               [("resourceID", id.uuidString), ("language", "bn"), ("copies", "12")] + DirectoryForms.date("receivedOn", conduit.today))
            let groupPage = try await adviser.get(SiteURL.directoryGroup(.value(group)).path)
            let resourcePage = try await adviser.get(SiteURL.resource(.value(id)).path)
            try await adviser.get(SiteURL.resourceNew.path)
            let nul = try await adviser.uploadDocument(SiteURL.resources.path, fields: [("title", "Leaflet\u{0}")] + Self.details().dropFirst(), file: Self.leaflet, named: "a.txt")
            // check
            #expect(given.status == .seeOther, "\(given.status) \(given.body.string.prefix(300))")
            #expect(groupPage.shows("Resources received") && groupPage.shows("Madrasa protocol") && groupPage.shows("12 copies"))
            #expect(resourcePage.shows("Al-Noor Madrasa") && resourcePage.shows("Bengali"))
            #expect(nul.status == .unprocessableEntity && nul.body.string.contains("title"), "\(nul.status)")
            #expect(try await conduit.auditActions().contains("resource.distribute"))
        }
    }

    @Test("the API lists, creates (multipart), reads and versions a resource; the file downloads with its type; another partnership's is 404")
    func api() async throws {
        try await TestConduit.run { conduit in
            // setup
            let api = try await conduit.apiClient(as: .adviser)
            let boundary = "api-boundary"
            var body = ByteBuffer()
            for (key, value) in Self.details(title: "API leaflet", visibility: .allPartnerships) {
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
            }
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"api.txt\"\r\n\r\n")
            body.writeBytes(Self.leaflet)
            body.writeString("\r\n--\(boundary)--\r\n")
            var headers = api.headers
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            // act
            let created = try await conduit.app.testing().sendRequest(.POST, SiteURL.api(.resources).path, headers: headers, body: body)
            let dto = try created.content.decode(LibraryAPIController.ResourceDTO.self)
            let file = try await api.get(try #require(dto.versions.first?.fileURL))
            let list = try await api.get(SiteURL.api(.resources).path(query: [("q", "api")]))
            try await conduit.addUser(email: "hackney.adviser@conduit.example", role: .adviser, partnership: "hackney")
            let other = try await conduit.apiClient(as: .auditor)
            let refused = try await other.get(SiteURL.api(.resource(.value(dto.id))).path)
            // check
            #expect(created.status == .created, "\(created.body.string.prefix(300))")
            #expect(dto.title == "API leaflet" && dto.versions.count == 1 && dto.versions[0].current)
            #expect(file.status == .ok && file.body.string.contains("against the law"))
            #expect(list.body.string.contains("API leaflet"))
            #expect(refused.status == .forbidden || refused.status == .notFound, "an auditor reads no resources: \(refused.status)")
        }
    }

    @Test("attacks: a public page a cache may keep sets no cookie; a file in a JSON body, a link hiding its host and a publish of a changed resource are refused")
    func attacks() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let id = try await Self.add(adviser, title: "Leaflet to publish", visibility: .allPartnerships)
            let check = try await adviser.get(SiteURL.resourcePublish(.value(id)).path)
            let version = try #require(check.body.string.firstMatch(of: /name="version" value="([0-9]+)"/).map { String($0.1) })
            try await adviser.get(SiteURL.resourceVersionNew(.value(id)).path)
            try await adviser.uploadDocument(SiteURL.resourceVersions(.value(id)).path, fields: [("changes", "Added after the check.")], file: Self.leaflet, named: "v2.txt")
            let api = try await conduit.apiClient(as: .adviser)
            // act
            let stale = try await adviser.post(SiteURL.resourcePublish(.value(id)).path, [("version", version)])
            let library = try await conduit.browser().get(SiteURL.library.path)
            let jsonFile = try await api.send(.POST, SiteURL.api(.resources).path, body: """
                {"title": "x", "summary": "y", "kind": "leaflet", "audiences": ["parents"], "visibility": "all_partnerships",
                 "file": {"filename": "harmless.txt", "data": "aGVsbG8="}}
                """)
            var nulHeaders = api.headers
            nulHeaders.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=b")
            let nulBody = ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLeaflet\u{0}\r\n--b--\r\n")
            let apiNul = try await conduit.app.testing().sendRequest(.POST, SiteURL.api(.resources).path, headers: nulHeaders, body: nulBody)
            try await adviser.get(SiteURL.resourceNew.path)
            let hidden = try await adviser.uploadDocument(SiteURL.resources.path, fields: Self.details() + [("link", "https://www.nspcc.org.uk@evil.example/")], file: nil, named: "")
            // check
            #expect(stale.status == .conflict && stale.body.string.contains("changed after you checked it"))
            #expect(try await LibraryResource.find(id, on: conduit.db)?.resourceVisibility == .allPartnerships, "nothing was published")
            #expect(library.headers.first(name: .cacheControl) == "public, max-age=300" && library.headers[.setCookie].isEmpty)
            #expect(jsonFile.status == .unprocessableEntity && jsonFile.body.string.contains("Send the file as multipart"), "\(jsonFile.status) \(jsonFile.body.string.prefix(300))")
            #expect(hidden.status == .unprocessableEntity && hidden.shows("Enter the link as a full web address"))
            #expect(apiNul.status == .unprocessableEntity && apiNul.body.string.contains("title"), "a NUL in the API's multipart body: \(apiNul.status)")
        }
    }
}
