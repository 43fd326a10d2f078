import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Directory")
struct DirectoryTests {
    @Test("a group of another partnership is on no list or page; a shared group is read but not edited; roles without the directory are refused")
    func scope() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let viewer = try await conduit.signedIn(as: .viewer)
            let admin = try await conduit.signedIn(as: .administrator)
            let brentAdviser = try await conduit.signedInWithPassword("adviser.brent@conduit.example")
            let brentGroup = try await conduit.group(named: "Brent Somali Community Centre").requireID()
            let shared = try await conduit.group(named: "Eritrean Community in London").requireID()
            let camdenGroup = try await conduit.group(named: "Masjid Al-Noor").requireID()
            let camdenContact = try #require(try await Contact.query(on: conduit.db).filter(\.$organisation.$id == camdenGroup).first()).requireID()
            let brentContact = try #require(try await Contact.query(on: conduit.db).filter(\.$organisation.$id == brentGroup).first())
            let brent = try await conduit.partnership("brent").requireID()
            let sharedReadinessBefore = try await ReadinessRecord.query(on: conduit.db).filter(\.$organisation.$id == shared).all()
                .map { "\($0.item) \($0.status)" }.sorted()
            // act
            let brentPage = try await adviser.get(SiteURL.directoryGroup(.value(brentGroup)).path)
            let brentEdit = try await adviser.get(SiteURL.directoryGroupEdit(.value(brentGroup)).path)
            let brentContactPage = try await adviser.get(SiteURL.directoryContact(.value(brentContact.requireID())).path)
            let brentFilter = try await adviser.get(SiteURL.directory.path(query: [("partnership", brent.uuidString.lowercased())]))
            let contactsExport = try await adviser.get(SiteURL.directoryContactsExport.path)
            let ownPage = try await adviser.get(SiteURL.directoryGroup(.value(camdenGroup)).path)
            let search = try await adviser.get(SiteURL.directory.path(query: [("q", "Somali")]))
            let everything = try await adviser.get(SiteURL.directory.path)
            let export = try await adviser.get(SiteURL.directoryExport.path)
            let due = try await adviser.get(SiteURL.directoryReadinessDue.path(query: [("days", "730")]))
            let engagementForm = try await adviser.get(SiteURL.engagementNew.path)
            let sharedPage = try await adviser.get(SiteURL.directoryGroup(.value(shared)).path)
            let sharedEdit = try await adviser.get(SiteURL.directoryGroupEdit(.value(shared)).path)
            try await adviser.get(SiteURL.directoryGroupReadiness(.value(camdenGroup)).path)
            let sharedReadiness = try await adviser.post(SiteURL.directoryGroupReadiness(.value(shared)).path, DirectoryForms.readiness([
                .safeguardingLead: DirectoryForms.readinessItem(.safeguardingLead, status: .notMet),
            ]))
            let viewerList = try await viewer.get(SiteURL.directory.path)
            let viewerPage = try await viewer.get(SiteURL.directoryGroup(.value(camdenGroup)).path)
            let viewerContact = try await viewer.get(SiteURL.directoryContact(.value(camdenContact)).path)
            let adminList = try await admin.get(SiteURL.directory.path)
            let brentOwnPage = try await brentAdviser.get(SiteURL.directoryGroup(.value(brentGroup)).path)
            let brentSearch = try await brentAdviser.get(SiteURL.directory.path(query: [("q", "Somali")]))
            // check: a Camden adviser never meets the Brent-only group
            #expect(brentPage.status == .notFound)
            #expect(brentEdit.status == .notFound)
            #expect(brentContactPage.status == .notFound)
            #expect(brentFilter.shows("0 groups"), "filtering by Brent finds nothing Camden may not see")
            #expect(contactsExport.status == .ok)
            #expect(contactsExport.body.string.contains("Masjid Al-Noor"))
            #expect(!contactsExport.body.string.contains("Brent Somali Community Centre"))
            #expect(!contactsExport.body.string.lowercased().contains(try brentContact.requireID().uuidString.lowercased()))
            #expect(search.status == .ok)
            #expect(search.shows("Camden Somali Women's Group"))
            #expect(!search.shows("Brent Somali Community Centre"))
            #expect(search.shows("1 group"), "only Camden's Somali group is counted")
            // Camden serves 9 demo groups: its own 8 and Islington's Eritrean Community.
            #expect(everything.shows("9 groups"))
            #expect(!everything.shows("Brent Somali Community Centre"))
            #expect(export.status == .ok)
            #expect(export.body.string.contains("Masjid Al-Noor"))
            #expect(!export.body.string.contains("Brent Somali Community Centre"))
            #expect(due.status == .ok)
            #expect(due.shows("Masjid Al-Noor"))
            #expect(!due.body.string.contains("Brent"), "no Brent group among the readiness items due")
            #expect(engagementForm.shows("Masjid Al-Noor"))
            #expect(!engagementForm.shows("Brent Somali Community Centre"))
            // a group shared with Camden is read, but its record is Islington's to change
            #expect(sharedPage.status == .ok)
            #expect(sharedPage.shows("Eritrean Community in London"))
            #expect(!sharedPage.body.string.contains(SiteURL.directoryGroupEdit(.value(shared)).path), "no edit link on a shared group")
            #expect(ownPage.body.string.contains(SiteURL.directoryGroupEdit(.value(camdenGroup)).path))
            #expect(ownPage.body.string.contains(SiteURL.directoryContact(.value(camdenContact)).path))
            #expect(sharedEdit.status == .forbidden)
            #expect(sharedEdit.shows("This group's record is kept by another partnership"))
            #expect(sharedReadiness.status == .forbidden)
            #expect(sharedReadiness.shows("This group's record is kept by another partnership"), "refused for the record, not for the form")
            let sharedReadinessAfter = try await ReadinessRecord.query(on: conduit.db).filter(\.$organisation.$id == shared).all()
                .map { "\($0.item) \($0.status)" }.sorted()
            #expect(sharedReadinessAfter == sharedReadinessBefore)
            // the viewer reads groups but not the people at them
            #expect(viewerList.status == .ok)
            #expect(viewerPage.status == .ok)
            #expect(viewerPage.shows("Masjid Al-Noor"))
            #expect(!viewerPage.body.string.contains(SiteURL.directoryContact(.value(camdenContact)).path), "no contacts listed for a viewer")
            #expect(viewerContact.status == .forbidden)
            #expect(try await conduit.auditRows(action: "contact.read").isEmpty, "refused contact reads are not reads")
            // administrators manage accounts, not the directory
            #expect(adminList.status == .forbidden)
            // Brent's own adviser sees it
            #expect(brentOwnPage.status == .ok)
            #expect(brentOwnPage.shows("Brent Somali Community Centre"))
            #expect(brentSearch.shows("Brent Somali Community Centre"))
            #expect(!brentSearch.shows("Camden Somali Women's Group"))
        }
    }

    @Test("adding a group that looks like one already there warns and writes nothing until the person confirms it is new")
    func duplicateWarning() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let fields = DirectoryForms.group(name: "Saint Marys Eritrean Orthodox Ch.", type: .placeOfWorship, postcode: "nw5 1tl", owner: camden)
            try await adviser.get(SiteURL.directoryGroupNew.path)
            let before = try await conduit.organisationCount()
            // act
            let warned = try await adviser.post(SiteURL.directoryGroups.path, fields)
            let afterWarning = try await conduit.organisationCount()
            let confirmed = try await adviser.post(SiteURL.directoryGroups.path, fields + [("notDuplicate[]", "yes")])
            let afterConfirm = try await conduit.organisationCount()
            let search = try await adviser.get(SiteURL.directory.path(query: [("q", "Eritrean Orthodox")]))
            // check
            #expect(warned.status == .ok)
            #expect(warned.shows("This group may already be in the directory"))
            #expect(warned.shows("St Mary's Eritrean Orthodox Church"))
            #expect(warned.shows("Similar name, Same postcode"))
            #expect(warned.body.string.contains(#"value="Saint Marys Eritrean Orthodox Ch.""#), "what the person typed stays in the form")
            #expect(afterWarning == before)
            #expect(confirmed.status == .seeOther)
            #expect(afterConfirm == before + 1)
            let created = try await conduit.group(named: "Saint Marys Eritrean Orthodox Ch.")
            #expect(created.postcode == "NW5 1TL")
            #expect(try await conduit.auditRows(action: "group.create").map(\.detail) == ["Saint Marys Eritrean Orthodox Ch."])
            #expect(search.shows("Saint Marys Eritrean Orthodox Ch."))
            #expect(search.shows("St Mary's Eritrean Orthodox Church"))
            #expect(search.shows("2 groups"))
        }
    }

    @Test("bad input gets a message per field and writes nothing")
    func badInput() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            try await adviser.get(SiteURL.directoryGroupNew.path)
            let before = try await conduit.organisationCount()
            // act
            let response = try await adviser.post(SiteURL.directoryGroups.path,
                                                  DirectoryForms.group(name: "  ", postcode: "NW1 2DBX", phone: "call the pastor",
                                                                       confirmedOn: ("31", "2", "2026"), owner: camden))
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.shows("There is a problem"))
            for message in ["Enter the group's name", "Enter a real UK postcode, like NW1 2DB, or leave it empty",
                            "Enter a phone number, like 020 7946 0000 or +44 7700 900 982",
                            "Date the status was last confirmed must be a real date"] {
                #expect(response.shows(message), "\(message)")
            }
            #expect(response.body.string.contains(#"value="call the pastor""#), "what the person typed stays in the form")
            #expect(try await conduit.organisationCount() == before)
            #expect(try await conduit.auditRows(action: "group.create").isEmpty)
        }
    }

    @Test("an edit based on an old version is refused with a conflict, and the person's input is kept")
    func versionConflict() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup: two advisers open the same group
            let first = try await conduit.signedIn(as: .adviser)
            let second = try await conduit.signedIn(as: .adviser)
            let group = try await conduit.group(named: "Masjid Al-Noor")
            let id = try group.requireID()
            let stored = try await GroupStore.input(from: group, on: conduit.db)
            let path = SiteURL.directoryGroupEdit(.value(id)).path
            #expect(try await first.get(path).status == .ok)
            #expect(try await second.get(path).status == .ok)
            var mine = stored
            mine.meetingTimes = "Daily prayers; Friday prayers 1.30pm"
            var theirs = stored
            theirs.notes = "Imam's office moved to the community hall"
            // act
            let saved = try await first.post(path, DirectoryForms.group(mine, version: group.version))
            let conflict = try await second.post(path, DirectoryForms.group(theirs, version: group.version))
            // check
            #expect(saved.status == .seeOther)
            #expect(conflict.status == .conflict)
            #expect(conflict.shows("Someone else changed this group while you were editing it"))
            #expect(conflict.shows("Imam's office moved to the community hall"), "what the second person typed is kept")
            #expect(conflict.body.string.contains(#"name="version" value="\#(group.version + 1)""#), "the form now carries the stored version")
            let now = try await conduit.group(named: "Masjid Al-Noor")
            #expect(now.meetingTimes == "Daily prayers; Friday prayers 1.30pm")
            #expect(now.notes == stored.notes)
            #expect(now.version == group.version + 1)
            #expect(try await conduit.auditRows(action: "group.update").count == 1)
        }
    }

    @Test("readiness: a policy reviewed 13 months ago is lapsed; impossible counts are refused; a valid save shows the score")
    func readiness() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(adviser, name: "Somers Town Youth Club", type: .youthGroup, owner: camden)
            let path = SiteURL.directoryGroupReadiness(.value(groupID)).path
            let today = conduit.today
            // act: the policy, in place but last reviewed 13 months ago
            try await adviser.get(path)
            let lapsedSave = try await adviser.post(path, DirectoryForms.readiness([
                .childProtectionPolicy: DirectoryForms.readinessItem(.childProtectionPolicy, status: .met, lastReviewed: today.adding(months: -13)),
            ]) + [("version", adviser.formVersion ?? "")])
            let lapsedPage = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            let due = try await adviser.get(SiteURL.directoryReadinessDue.path(query: [("days", "30")]))
            // act: more people checked than work with children
            try await adviser.get(path)
            let impossible = try await adviser.post(path, DirectoryForms.readiness([
                .dbsChecks: DirectoryForms.readinessItem(.dbsChecks, status: .met, checked: "9", total: "4"),
            ]) + [("version", adviser.formVersion ?? "")])
            let dbsAfterImpossible = try await ReadinessRecord.query(on: conduit.db).filter(\.$organisation.$id == groupID)
                .filter(\.$item == ReadinessItem.dbsChecks.rawValue).first()
            // act: a valid record of four items
            try await adviser.get(path)
            let valid = try await adviser.post(path, DirectoryForms.readiness([
                .childProtectionPolicy: DirectoryForms.readinessItem(.childProtectionPolicy, status: .met, lastReviewed: today.adding(months: -1)),
                .safeguardingLead: DirectoryForms.readinessItem(.safeguardingLead, status: .met),
                .dbsChecks: DirectoryForms.readinessItem(.dbsChecks, status: .unknown, checked: "4", total: "4"),
                .training: DirectoryForms.readinessItem(.training, status: .met, reviewDue: today.adding(months: 12)),
            ]) + [("version", adviser.formVersion ?? "")])
            let validPage = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            let dueAfter = try await adviser.get(SiteURL.directoryReadinessDue.path(query: [("days", "30")]))
            let list = try await adviser.get(SiteURL.directory.path(query: [("q", "Somers Town")]))
            // check: lapsed
            #expect(lapsedSave.status == .seeOther)
            #expect(lapsedPage.section(from: "Lapsed</h3>", to: "</ul>").contains(ReadinessItem.childProtectionPolicy.title))
            #expect(lapsedPage.body.string.contains("<strong>0 of 10</strong>"), "a lapsed policy is not counted as in place")
            #expect(due.shows("Somers Town Youth Club"))
            #expect(due.section(from: "Somers Town Youth Club", to: "</tr>").contains("Lapsed"))
            // check: refused, nothing written
            #expect(impossible.status == .unprocessableEntity)
            #expect(impossible.shows("DBS checks of people working with children: the number checked must be no more than the number of people (4)"))
            #expect(impossible.body.string.contains(##"href="#dbs_checks-checked""##), "the summary links to the field")
            #expect(dbsAfterImpossible?.checkedCount == nil)
            // check: valid
            #expect(valid.status == .seeOther)
            #expect(validPage.body.string.contains("<strong>4 of 10</strong>"))
            #expect(!validPage.body.string.contains("Lapsed</h3>"))
            #expect(!dueAfter.shows("Somers Town Youth Club"))
            #expect(list.shows("4 of 10"))
            let dbs = try #require(try await ReadinessRecord.query(on: conduit.db).filter(\.$organisation.$id == groupID)
                .filter(\.$item == ReadinessItem.dbsChecks.rawValue).first())
            #expect(dbs.status == ReadinessStatus.met.rawValue, "4 of 4 checked is met whatever status was chosen")
        }
    }

    @Test("a group is kept by a partnership, not by a region that no partnership's advisers see")
    func ownerIsAPartnership() async throws {
        try await TestConduit.run { conduit in
            // setup: the hub coordinator, whose membership is of the London region
            let coordinator = try await conduit.signedIn(as: .coordinator)
            let adviser = try await conduit.signedIn(as: .adviser)
            let london = try await conduit.partnership("london").requireID()
            let camden = try await conduit.partnership("camden").requireID()
            // act: the form as the page offers it, with the owner it selects and no partnership ticked
            let form = try await coordinator.get(SiteURL.directoryGroupNew.path)
            let response = try await coordinator.post(SiteURL.directoryGroups.path,
                                                      DirectoryForms.group(name: "North London Somali Imams Network", owner: london)
                                                          .filter { $0.0 != "servedIDs[]" })
            let list = try await adviser.get(SiteURL.directory.path(query: [("q", "Imams Network")]))
            // check: only partnerships are offered as keepers (the served list already leaves regions out) …
            let owners = form.section(from: #"name="ownerID""#, to: "</select>")
            #expect(owners.contains(#"value="\#(camden.uuidString)""#))
            #expect(!owners.contains(#"value="\#(london.uuidString)""#), "a region is offered as the partnership that keeps the record")
            // … so a group cannot end up served by the region alone, where no adviser of any partnership finds it
            #expect(response.status == .unprocessableEntity, "a group kept by the London region was saved: \(response.status)")
            #expect(response.shows("Select the partnership that keeps this group's record"))
            #expect(try await CommunityGroup.query(on: conduit.db).filter(\.$name == "North London Somali Imams Network").count() == 0)
            #expect(list.shows("0 groups"))
        }
    }

    @Test("reading a contact, and listing contacts on a group's page, are each in the audit trail")
    func contactAudit() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let viewer = try await conduit.signedIn(as: .viewer)
            let adviserID = try await conduit.user(.adviser).requireID()
            let camden = try await conduit.partnership("camden").requireID()
            let groupID = try await conduit.addGroup(adviser, name: "Regent's Park Somali Parents", owner: camden)
            try await adviser.get(SiteURL.directoryGroupContactNew(.value(groupID)).path)
            let created = try await adviser.post(SiteURL.directoryGroupContacts(.value(groupID)).path, [
                ("name", "Amina Warsame"), ("role", ContactRole.safeguardingLead.rawValue), ("roleDetail", ""),
                ("phone", "07700 900123"), ("email", "Amina@Example.org"), ("preferredLanguage", "Somali"), ("notes", ""),
            ])
            let contact = try #require(try await Contact.query(on: conduit.db).filter(\.$name == "Amina Warsame").first())
            let contactID = try contact.requireID()
            let readsBefore = try await conduit.auditRows(action: "contact.read").count
            let listsBefore = try await conduit.auditRows(action: "contact.list").count
            // act
            let page = try await adviser.get(SiteURL.directoryContact(.value(contactID)).path)
            let reads = try await conduit.auditRows(action: "contact.read")
            let groupPage = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            let lists = try await conduit.auditRows(action: "contact.list")
            let viewerPage = try await viewer.get(SiteURL.directoryGroup(.value(groupID)).path)
            // check
            #expect(created.status == .seeOther)
            #expect(contact.email == "amina@example.org")
            #expect(page.status == .ok)
            #expect(page.shows("Amina Warsame"))
            #expect(reads.count == readsBefore + 1)
            #expect(reads.last?.actor_id == adviserID)
            #expect(reads.last?.record_id?.lowercased() == contactID.uuidString.lowercased())
            #expect(reads.last?.partnership_id == camden)
            #expect(groupPage.shows("Amina Warsame"))
            #expect(lists.count == listsBefore + 1)
            #expect(lists.last?.actor_id == adviserID)
            #expect(lists.last?.record_id?.lowercased() == groupID.uuidString.lowercased())
            #expect(lists.last?.detail == "1 contacts")
            // the viewer's page has no contacts, so nothing was read
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.shows("Amina Warsame"))
            #expect(try await conduit.auditRows(action: "contact.list").count == lists.count)
        }
    }
}
