import ConduitCore
import Fluent
import Foundation
import Vapor

/// Records that groups received a resource: from the resource's page, a group's page, or an
/// engagement at which it was handed over. Recorded for the giver's partnership.
enum DistributionController {
    struct Given: Sendable {
        var language: PageLanguage
        var day: CalendarDate
        var copies: Int
    }

    /// The language, day and copies, or every problem with them.
    static func given(_ req: Request, day fixed: CalendarDate? = nil, problems: inout [FieldProblem]) -> Given? {
        let language = PageLanguage(code: req.formText("language"))
        if language == nil { problems.append(.init(field: "language", message: "Select the language it was given in")) }
        var day = fixed
        if fixed == nil {
            let parsed = DateField.parts(day: req.formText("receivedOn-day"), month: req.formText("receivedOn-month"), year: req.formText("receivedOn-year")).parse(label: "The date")
            if let problem = parsed.problem ?? (parsed.date == nil ? "Enter the date they received it" : nil) {
                problems.append(.init(field: "receivedOn", message: problem))
            } else if let date = parsed.date, date > req.today {
                problems.append(.init(field: "receivedOn", message: "The date must be today or in the past"))
            } else { day = parsed.date }
        }
        let copies = Int(req.formText("copies").trimmedWhitespace)
        if copies.map({ (1...10_000).contains($0) }) != true { problems.append(.init(field: "copies", message: "Copies must be a whole number from 1 to 10,000")) }
        guard let language, let day, let copies else { return nil }
        return Given(language: language, day: day, copies: copies)
    }

    /// From the resource's page: a group chosen from the person's.
    @Sendable
    static func fromResource(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self)
        var problems: [FieldProblem] = []
        let given = given(req, problems: &problems)
        let groupID = UUID(uuidString: req.formText("groupID"))
        // A group the person may not read is answered as one not chosen, never confirmed to exist.
        var group: CommunityGroup?
        if let groupID { group = try? await req.record(CommunityGroup.self, id: groupID) }
        if group == nil { problems.append(.init(field: "groupID", message: "Select the group that received it")) }
        guard problems.isEmpty, let given, let group else {
            let input = ResourceView.DistributionInput(groupID: req.formText("groupID"), language: req.formText("language"),
                                                       receivedOn: .parts(day: req.formText("receivedOn-day"), month: req.formText("receivedOn-month"), year: req.formText("receivedOn-year")),
                                                       copies: req.formText("copies"))
            return try await PageResponse(status: .unprocessableEntity, layout: ResourcePage.layout(req, resource, distribution: input, problems: problems)).encodeResponse(for: req)
        }
        try await record(req, resource, group: try group.requireID(), giver: nil, given, engagementID: nil)
        return req.redirect(to: SiteURL.resource(.value(try resource.requireID())).path(query: ResourceView.Notice.distributed.query))
    }

    /// From a group's page.
    @Sendable
    static func toGroup(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self)
        let resource = try await req.record(LibraryResource.self, id: try formID(req, "resourceID"))
        var problems: [FieldProblem] = []
        guard let given = given(req, problems: &problems), problems.isEmpty else { throw ValidationFailure(problems: problems) }
        try await record(req, resource, group: try group.requireID(), giver: nil, given, engagementID: nil)
        return req.redirect(to: SiteURL.directoryGroup(.value(try group.requireID())).path(query: GroupShowView.Notice.resource.query))
    }

    /// From an engagement's page: each of its groups received it, on the engagement's day.
    @Sendable
    static func atEngagement(req: Request) async throws -> Response {
        let engagement = try await req.record(Engagement.self, editable: .editEngagement)
        let resource = try await req.record(LibraryResource.self, id: try formID(req, "resourceID"))
        var problems: [FieldProblem] = []
        let day = CalendarDate(iso: engagement.occurredOn) ?? req.today
        guard let given = given(req, day: day, problems: &problems), problems.isEmpty else { throw ValidationFailure(problems: problems) }
        // Every group's giver first: a group no longer served refuses the whole handover, not half of it.
        var givers: [(UUID, UUID)] = []
        for groupID in try await EngagementStore.groupIDs(of: try engagement.requireID(), on: req.sql) {
            guard let giver = try await LibraryPage.giver(req, group: groupID) else { throw MissingRecord() }
            givers.append((groupID, giver))
        }
        for (groupID, giver) in givers {
            try await record(req, resource, group: groupID, giver: giver, given, engagementID: try engagement.requireID())
        }
        return req.redirect(to: SiteURL.engagement(.value(try engagement.requireID())).path(query: EngagementView.Notice.resource.query))
    }

    /// A resource id sent in a form: one that names nothing readable is answered 404.
    private static func formID(_ req: Request, _ name: String) throws -> UUID {
        guard let id = UUID(uuidString: req.formText(name)) else { throw ValidationFailure(problems: [.init(field: name, message: "Select a resource")]) }
        return id
    }

    private static func record(_ req: Request, _ resource: LibraryResource, group groupID: UUID, giver known: UUID?, _ given: Given, engagementID: UUID?) async throws {
        var giver = known
        if giver == nil { giver = try await LibraryPage.giver(req, group: groupID) }
        guard let giver else { throw MissingRecord() }
        _ = try await LibraryStore.distribute(resource, to: groupID, language: given.language, on: given.day, copies: given.copies,
                                                             engagementID: engagementID, partnershipID: giver, userID: try req.signedIn.userID, on: req.db)
        try await req.audit(.init("resource.distribute", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: giver,
                                  detail: "group \(groupID.uuidString.lowercased()), \(given.language.code), \(given.copies)"))
    }
}
