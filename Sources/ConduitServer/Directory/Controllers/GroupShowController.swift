import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A group's page: its details, readiness, contacts and the engagement with it.
enum GroupShowController {
    @Sendable
    static func show(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let group = try await req.record(CommunityGroup.self)
        let id = try group.requireID()
        let owner = try await Partnership.find(group.$partnership.id, on: req.db)
        let entries = try await ReadinessStore.entries(of: id, on: req.db)
        let served = try await GroupStore.served([id], on: req.db)[id] ?? []
        // Contacts are read by those who may read contacts in a partnership the group serves.
        let contacts = served.contains { visitor.allows(.readContacts, on: $0.partnershipId) }
            ? try await GroupStore.contacts(of: id, on: req.sql) : nil
        if let contacts, !contacts.isEmpty {
            // Contacts are personal data: listing them is a read.
            try await req.audit(.init("contact.list", recordType: "group", recordID: id.uuidString, partnershipID: group.$partnership.id,
                                      detail: "\(contacts.count) contacts"))
        }
        let engagementScope = visitor.scope(.readEngagement)
        let library = LibrarySearch.Scope.staff(ownPartnerships: visitor.scope(.readResources))
        let givesHere = group.mergedIntoID == nil && served.contains { visitor.allows(.editEngagement, on: $0.partnershipId) }
        let resources = visitor.allows(.readResources) ? ReceivedPanel.Model(
            received: try await LibraryRecords.received(by: id, scope: library, on: req.sql),
            choices: givesHere ? try await LibraryRecords.choices(scope: library, on: req.sql) : [],
            action: SiteURL.directoryGroupResources(.value(id)).path, heading: "Resources received", asksDate: true, today: req.today) : nil
        let model = GroupShowView.Model(
            id: id, name: group.name, type: group.type, faith: group.faith, denomination: group.denomination,
            address: group.address, postcode: group.postcode, phone: group.phone, email: group.email, meetingTimes: group.meetingTimes,
            status: group.status, statusConfirmedOn: group.statusConfirmedOn, howFound: group.howFound, notes: group.notes,
            ownerName: owner?.name ?? "", mergedInto: group.mergedIntoID,
            served: served.map(\.name),
            languages: try await GroupStore.names(in: DirectoryTables.languages, for: [id], on: req.db)[id] ?? [],
            communities: try await GroupStore.names(in: DirectoryTables.communities, for: [id], on: req.db)[id] ?? [],
            readiness: Readiness.summary(of: entries, on: req.today), contacts: contacts,
            timeline: try await GroupTimeline.items(groupID: id, scope: engagementScope, on: req.sql),
            figures: try await GroupTimeline.figures(groupID: id, scope: engagementScope, on: req.sql),
            canEdit: visitor.allows(.editDirectory, on: group.$partnership.id) && group.mergedIntoID == nil,
            canLogEngagement: visitor.allows(.editEngagement) && group.mergedIntoID == nil,
            canMerge: visitor.allows(.mergeDirectory, on: group.$partnership.id) && group.mergedIntoID == nil,
            canReadEngagement: !engagementScope.isEmpty,
            notice: GroupShowView.Notice.read(req)?.message,
            survey: try await ResponsesPanel.Model.of(
                .communitySurvey, about: .group(id),
                canRecord: group.mergedIntoID == nil && served.contains { visitor.allows(.editEngagement, on: $0.partnershipId) },
                startPath: SiteURL.directoryGroupSurveys(.value(id)).path, req: req),
            // Only that a concern is open, and only to those who may open it (recommendation 11: the group stays a safe place).
            openConcern: try await ConcernStore.openConcernAbout(group: id, scope: visitor.scope(.readConcerns), on: req.sql),
            resources: resources)
        return GroupShowView.render(model, context: PageContext(req))
    }
}
