import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

extension Browser {
    /// Posts a file as the import form does (multipart), with the page's CSRF token.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: String, named name: String = "groups.csv") async throws -> TestingHTTPResponse {
        let boundary = "conduit-test-boundary"
        var body = ""
        for (key, value) in fields + [(CSRF.field, csrfToken ?? "")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }
}

extension TestConduit {
    func count(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A client of the API holding a token of the demo user with this role.
    func apiClient(as role: Role) async throws -> Browser {
        let secret = "cdt_test_\(role.rawValue)_\(UUID().uuidString.prefix(8))"
        try await APIToken(userID: try await user(role).requireID(), name: "test", tokenDigest: Sessions.digest(secret), prefix: "cdt_test", expiresAt: Date().addingTimeInterval(APIToken.defaultLifetime)).save(on: db)
        let client = browser()
        client.headers.bearerAuthorization = .init(token: secret)
        client.headers.contentType = .json
        return client
    }
}

@Suite("Directory import and export")
struct DirectoryImportTests {
    static let mixed = """
        name,type,postcode,languages,status_confirmed_on
        New Hope Fellowship,place_of_worship,NW1 5AA,"English, Lingala",01/02/2026
        ,faith_group,,,
        Old Kent Road Madrasa,madrasa,XYZ,,
        "Tamil Saturday School, Camden",Supplementary school or madrasa,,,31/02/2026
        """

    @Test("a file with bad rows writes nothing and names every problem with its line")
    func badRowsWriteNothing() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.directoryImport.path)
            // act
            let response = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)], file: Self.mixed)
            // check
            let page = response.body.string
            #expect(response.status == .unprocessableEntity)
            #expect(page.contains("Nothing has been imported"))
            #expect(page.contains("3 of 4 rows have problems"))
            #expect(page.contains("<td class=\"c-table__cell c-table__cell--numeric\">3</td><td class=\"c-table__cell\">name</td><td class=\"c-table__cell\">Enter the group&#39;s name</td>"))
            #expect(page.contains("<td class=\"c-table__cell c-table__cell--numeric\">4</td><td class=\"c-table__cell\">type</td><td class=\"c-table__cell\">Type must be one of"))
            #expect(page.contains("<td class=\"c-table__cell c-table__cell--numeric\">4</td><td class=\"c-table__cell\">postcode</td>"))
            #expect(page.contains("<td class=\"c-table__cell c-table__cell--numeric\">5</td><td class=\"c-table__cell\">status_confirmed_on</td>"))
            #expect(try await conduit.count(CommunityGroup.schema) == 0)
        }
    }

    @Test("the valid rows can be imported on their own, and the rejects downloaded with their problems")
    func validRowsAndRejects() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.directoryImport.path)
            let checked = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)], file: Self.mixed)
            let importID = try #require(checked.body.string.firstMatch(of: /\/directory\/import\/([0-9a-f-]{36})\/rejects\.csv/)?.1)
            // act
            let rejects = try await adviser.get(SiteURL.directoryImportRejects(.value(UUID(uuidString: String(importID))!)).path)
            let imported = try await adviser.post(SiteURL.directoryImportConfirm(.value(UUID(uuidString: String(importID))!)).path)
            let again = try await adviser.get(SiteURL.directoryImportRejects(.value(UUID(uuidString: String(importID))!)).path)
            // check
            let lines = try CSV.parse(rejects.body.string).map(\.fields)
            #expect(rejects.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(lines.first == ["name", "type", "postcode", "languages", "status_confirmed_on", "problems"])
            #expect(lines.count == 4)
            #expect(lines.dropFirst().map { $0[0] } == ["", "Old Kent Road Madrasa", "Tamil Saturday School, Camden"])
            #expect(imported.status == .seeOther)
            #expect(imported.headers.first(name: .location) == SiteURL.directoryImport.path(query: [("imported", "1"), ("rejected", "3"), ("kind", "groups")]))
            let names = try await CommunityGroup.query(on: conduit.db).all().map(\.name)
            #expect(names == ["New Hope Fellowship"])
            let languages = try await GroupStore.names(in: DirectoryTables.languages, for: [try #require(try await CommunityGroup.query(on: conduit.db).first()?.requireID())], on: conduit.db)
            #expect(languages.values.first == ["English", "Lingala"])
            #expect(again.status == .notFound, "the pending file is gone once imported")
            #expect(try await conduit.auditRows(action: "directory.import").first?.detail == "1 groups written, 3 rows left out")
        }
    }

    @Test("a clean file is imported at once; a repeat of it is refused as duplicates")
    func cleanFileAndRepeat() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let file = "name,type,partnerships_served,postcode,phone\nSomali Parents Group,community group,camden; brent,NW1 1RP,020 7946 0001\nCamden Youth Forum,youth_group,,,\n"
            try await adviser.get(SiteURL.directoryImport.path)
            // act
            let first = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)], file: file)
            try await adviser.get(SiteURL.directoryImport.path)
            let second = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)], file: file)
            // check
            #expect(first.status == .seeOther)
            #expect(try await conduit.count(CommunityGroup.schema) == 2)
            #expect(try await conduit.count(DirectoryTables.served) == 3, "Somali Parents Group serves Camden and Brent; the forum Camden")
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.string.contains("Looks like Somali Parents Group, already in the directory"))
            #expect(try await conduit.count(CommunityGroup.schema) == 2)
        }
    }

    @Test("files that cannot be read are refused with one clear message")
    func unreadableFiles() async throws {
        try await TestConduit.run { conduit in
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            for (file, message) in [("nom,type\nx,y\n", "The file has columns Conduit does not know: nom"),
                                    ("name,type\n\"unterminated,y\n", "cannot be read"),
                                    ("name,type\n", "The file has a header row but no groups"),
                                    ("type\nfaith_group\n", "The file has no name column")] {
                try await adviser.get(SiteURL.directoryImport.path)
                let response = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "groups"), ("partnershipID", camden.uuidString)], file: file)
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains(message), "\(file)")
            }
            #expect(try await conduit.count(CommunityGroup.schema) == 0)
        }
    }

    @Test("contacts are matched to groups by name or id; unknown groups are rejected")
    func contacts() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let before = try await conduit.count(Contact.schema)
            let file = "name,role,group\nAmina Hussein,Chair,Camden Somali Women's Group\nNobody,chair,Brent Somali Community Centre\n"
            try await adviser.get(SiteURL.directoryImport.path)
            // act
            let response = try await adviser.upload(SiteURL.directoryImport.path, fields: [("kind", "contacts"), ("partnershipID", camden.uuidString)], file: file, named: "contacts.csv")
            // check: Brent's group is not one Camden can add contacts to, so nothing is written
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("No group called Brent Somali Community Centre that you can add contacts to"))
            #expect(try await conduit.count(Contact.schema) == before)
        }
    }

    @Test("exports hold only groups and contacts the person may see, and are audited")
    func exportsScoped() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            // act
            let groups = try await adviser.get(SiteURL.directoryExport.path)
            let contacts = try await adviser.get(SiteURL.directoryContactsExport.path)
            let viewer = try await conduit.signedIn(as: .viewer)
            let viewerContacts = try await viewer.get(SiteURL.directoryContactsExport.path)
            // check
            let names = try CSV.parse(groups.body.string).dropFirst().map { $0.fields[0] }
            #expect(names.contains("Masjid Al-Noor"))
            #expect(names.contains("Eritrean Community in London"), "kept by Islington, serves Camden")
            #expect(!names.contains("Brent Somali Community Centre"))
            #expect(!names.contains("Hackney Congolese Revival Church"))
            let contactRows = try CSV.parse(contacts.body.string).dropFirst()
            let camdenGroups = try await conduit.sql.raw("SELECT COUNT(*) AS n FROM contacts c JOIN organisation_partnerships s ON s.organisation_id = c.organisation_id JOIN partnerships p ON p.id = s.partnership_id WHERE p.code = 'camden'").first()?.decode(column: "n", as: Int.self)
            #expect(contactRows.count == camdenGroups)
            #expect(viewerContacts.status == .forbidden)
            #expect(try await conduit.auditRows(action: "group.export").first?.detail == "\(names.count) groups")
            #expect(try await conduit.auditRows(action: "contact.export").first?.detail == "\(contactRows.count) contacts")
        }
    }
}

@Suite("Directory and engagement API")
struct DirectoryAPITests {
    @Test("lists, records and exports of the API are scoped like the pages")
    func scoped() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            let brentGroup = try #require(try await CommunityGroup.query(on: conduit.db).filter(\.$name == "Brent Somali Community Centre").first()).requireID()
            // act
            let list = try await client.get(SiteURL.api(.groups).path(query: [("perPage", "200")]))
            let search = try await client.get(SiteURL.api(.groups).path(query: [("q", "brent somali")]))
            let one = try await client.get(SiteURL.api(.group(.value(brentGroup))).path)
            let contacts = try await client.get(SiteURL.api(.groupContacts(.value(brentGroup))).path)
            let readiness = try await client.get(SiteURL.api(.groupReadiness(.value(brentGroup))).path)
            let engagements = try await client.get(SiteURL.api(.engagements).path(query: [("group", brentGroup.uuidString)]))
            // check
            let items = try list.content.decode(DirectoryAPIController.GroupList.self)
            #expect(!items.items.contains { $0.id == brentGroup })
            #expect(items.items.contains { $0.name == "Eritrean Community in London" })
            #expect(try search.content.decode(DirectoryAPIController.GroupList.self).total == 0)
            #expect(one.status == .notFound)
            #expect(contacts.status == .notFound)
            #expect(readiness.status == .notFound)
            #expect(try engagements.content.decode(EngagementAPIController.EngagementList.self).total == 0)
        }
    }

    @Test("create, read and update a group; a stale version is refused; bad bodies name their fields")
    func groupLifecycle() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            let body = #"{"name":"Somali Mothers' Circle","type":"community_group","postcode":"nw1 1rp","languages":["Somali","English"]}"#
            // act
            let created = try await client.send(.POST, SiteURL.api(.groups).path, body: body, contentType: "application/json")
            let group = try created.content.decode(DirectoryAPIController.GroupDTO.self)
            let update = #"{"name":"Somali Mothers' Circle","type":"community_group","status":"dormant","version":1,"keptBy":"\#(group.keptBy.id)"}"#
            let updated = try await client.send(.PUT, SiteURL.api(.group(.value(group.id))).path, body: update, contentType: "application/json")
            let stale = try await client.send(.PUT, SiteURL.api(.group(.value(group.id))).path, body: update, contentType: "application/json")
            let bad = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":"","type":"church","postcode":"XYZ"}"#, contentType: "application/json")
            let duplicate = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":"Somali Mothers Circle","type":"community_group","postcode":"NW1 1RP"}"#, contentType: "application/json")
            // check
            #expect(created.status == .created)
            #expect(group.postcode == "NW1 1RP")
            #expect(group.languages == ["English", "Somali"])
            #expect(group.keptBy.name == "Camden")
            #expect(updated.status == .ok)
            #expect(try updated.content.decode(DirectoryAPIController.GroupDTO.self).status == "dormant")
            #expect(stale.status == .conflict)
            #expect(try await CommunityGroup.find(group.id, on: conduit.db)?.version == 2)
            #expect(bad.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(bad.body.string.utf8))
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["name", "type", "postcode"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.body.string.contains("similar_name"))
            #expect(try await conduit.count(CommunityGroup.schema) == 1)
        }
    }

    @Test("contacts read through the API are audited; engagements are logged with their groups")
    func contactsAndEngagements() async throws {
        try await TestConduit.run { conduit in
            // setup
            let client = try await conduit.apiClient(as: .adviser)
            let created = try await client.send(.POST, SiteURL.api(.groups).path, body: #"{"name":"Kurdish Women's Group","type":"community_group"}"#, contentType: "application/json")
            let group = try created.content.decode(DirectoryAPIController.GroupDTO.self)
            // act
            let contact = try await client.send(.POST, SiteURL.api(.groupContacts(.value(group.id))).path, body: #"{"name":"Rojda Yilmaz","role":"chair"}"#, contentType: "application/json")
            let contactID = try contact.content.decode(DirectoryAPIController.ContactDTO.self).id
            let read = try await client.get(SiteURL.api(.contact(.value(contactID))).path)
            let logged = try await client.send(.POST, SiteURL.api(.engagements).path,
                                               body: #"{"occurredOn":"2026-01-15","channel":"meeting","outcome":"met","groupIds":["\#(group.id)"],"topics":["domestic_abuse"]}"#,
                                               contentType: "application/json")
            let future = try await client.send(.POST, SiteURL.api(.engagements).path,
                                               body: #"{"occurredOn":"2099-01-15","channel":"meeting","outcome":"met","groupIds":["\#(group.id)"]}"#, contentType: "application/json")
            // check
            #expect(contact.status == .created)
            #expect(read.status == .ok)
            let audit = try await conduit.auditRows(action: "contact.read")
            #expect(audit.map(\.record_id) == [contactID.uuidString])
            #expect(audit.first?.actor_id == (try await conduit.user(.adviser).requireID()))
            #expect(logged.status == .created)
            let engagement = try logged.content.decode(EngagementAPIController.EngagementDTO.self)
            #expect(engagement.groupIds == [group.id])
            #expect(engagement.topics == ["domestic_abuse"])
            #expect(future.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(future.body.string.utf8)).errors?.map(\.field) == ["occurredOn"])
        }
    }
}

@Suite("Directory: readiness conflicts and merging")
struct DirectoryMergeTests {
    @Test("two people saving the same group's readiness: the second is refused and told what differs")
    func readinessConflict() async throws {
        try await TestConduit.run { conduit in
            // setup: two advisers open the readiness form of the same group
            let first = try await conduit.signedIn(as: .adviser)
            let second = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(first, name: "Regent's Park Madrasa", type: .supplementarySchool, owner: camden)
            let path = SiteURL.directoryGroupReadiness(.value(groupID)).path
            try await first.get(path)
            try await second.get(path)
            // act
            let saved = try await first.post(path, DirectoryForms.readiness([.safeguardingLead: DirectoryForms.readinessItem(.safeguardingLead, status: .met)])
                                             + [("version", first.formVersion ?? "")])
            let refused = try await second.post(path, DirectoryForms.readiness([.training: DirectoryForms.readinessItem(.training, status: .met)])
                                                + [("version", second.formVersion ?? "")])
            // check
            #expect(saved.status == .seeOther)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("Someone else saved this group&#39;s readiness"))
            #expect(refused.section(from: "Items whose saved version differs", to: "</table>").contains(ReadinessItem.safeguardingLead.title))
            let stored = try await ReadinessStore.entries(of: groupID, on: conduit.db)
            #expect(stored.first { $0.item == .safeguardingLead }?.status == .met)
            #expect(stored.first { $0.item == .training }?.status != .met, "the refused save wrote nothing")
        }
    }

    @Test("merging keeps the duplicate, points it at the survivor, and moves its engagements, contacts and partnerships")
    func merge() async throws {
        try await TestConduit.run { conduit in
            // setup: the same church entered twice, by Camden and by Islington
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let islington = try await conduit.partnership("islington").requireID()
            let survivor = try await conduit.addGroup(adviser, name: "Congolese Christian Fellowship", type: .placeOfWorship, owner: camden, postcode: "NW1 2DB")
            try await adviser.get(SiteURL.directoryGroupNew.path)
            let created = try await adviser.post(SiteURL.directoryGroups.path,
                DirectoryForms.group(name: "Congolese Christian Fellowship Church", type: .placeOfWorship, status: .active, postcode: "NW1 2DB",
                                     owner: camden, served: [islington]) + [("notDuplicate[]", "yes")])
            let duplicate = try #require(created.headers.first(name: .location)?.firstMatch(of: /groups\/([0-9a-f-]{36})/).flatMap { UUID(uuidString: String($0.1)) })
            try await conduit.logEngagement(adviser, on: conduit.today.adding(days: -3), outcome: .met, groups: [duplicate], partnership: camden)
            try await adviser.get(SiteURL.directoryGroupContactNew(.value(duplicate)).path)
            try await adviser.post(SiteURL.directoryGroupContacts(.value(duplicate)).path, [("name", "Pastor Mbuyi"), ("role", "pastor")])
            let coordinator = try await conduit.signedIn(as: .coordinator)
            // act
            let form = try await coordinator.get(SiteURL.directoryGroupMerge(.value(survivor)).path)
            let versions = form.body.string.matches(of: /name="(version[^"]*)" value="([0-9]+)"/).map { (String($0.1), String($0.2)) }
            let merged = try await coordinator.post(SiteURL.directoryGroupMerge(.value(survivor)).path, versions + [("duplicateID", duplicate.uuidString)])
            let adviserMerge = try await adviser.get(SiteURL.directoryGroupMerge(.value(survivor)).path)
            // check
            #expect(form.body.string.contains("Congolese Christian Fellowship Church"), "offered as a likely duplicate")
            #expect(merged.status == .seeOther)
            #expect(try await CommunityGroup.find(duplicate, on: conduit.db)?.mergedIntoID == survivor, "kept, and pointing at the survivor")
            #expect(try await conduit.engagements(with: survivor).count == 1)
            #expect(try await Contact.query(on: conduit.db).filter(\.$organisation.$id == survivor).count() == 1)
            let served = try await GroupStore.served([survivor], on: conduit.db)[survivor]?.map(\.name)
            #expect(served == ["Camden", "Islington"])
            let search = try await adviser.get(SiteURL.directory.path(query: [("q", "congolese christian")]))
            #expect(search.body.string.contains("1 group"))
            #expect(adviserMerge.status == .forbidden, "advisers do not merge")
            #expect(try await conduit.auditRows(action: "group.merge").count == 1)
        }
    }
}
