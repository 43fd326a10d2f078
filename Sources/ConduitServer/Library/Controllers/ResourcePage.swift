import ConduitCore
import Foundation
import Vapor

/// A resource's page, which its handler and the distribution form's (sent back with its
/// problems) both render.
enum ResourcePage {
    /// The resource's page, with the distribution form as it was sent back with its problems.
    static func layout(_ req: Request, _ resource: LibraryResource, distribution: ResourceView.DistributionInput? = nil,
                     problems: [FieldProblem] = [], notice: ResourceView.Notice? = nil) async throws -> Layout {
        let visitor = try req.signedIn
        let id = try resource.requireID()
        let editions = ResourceEditions(try await LibraryRecords.versions(of: id, on: req.sql), originalLanguage: resource.language)
        let lists = try await LibraryRecords.lists(of: id, on: req.sql)
        let owner = try await Partnership.find(resource.$partnership.id, on: req.db)
        let review = resource.reviewOn.flatMap(CalendarDate.init(iso:))
        let givers = visitor.scope(.editEngagement)
        let model = ResourceView.Model(
            id: id, title: resource.title, summary: resource.summary, kind: resource.kind, topics: lists.topics, audiences: lists.audiences,
            ownerName: owner?.name ?? "", visibility: resource.resourceVisibility, reviewOn: review, reviewDue: review.map { $0 <= req.today } == true,
            current: editions.current.map { LibraryPage.version($0, outOfDate: false) },
            translations: editions.translations.map { LibraryPage.version($0, outOfDate: editions.isOutOfDate($0)) },
            older: editions.older.map { LibraryPage.version($0, outOfDate: false) },
            distributions: try await LibraryRecords.distributions(of: id, recordedBy: visitor.scope(.readDirectory), on: req.sql),
            canEdit: try await req.permits(.editResources, on: resource),
            groups: try await LibraryRecords.groupChoices(serving: givers, on: req.sql),
            distribution: distribution ?? .init(language: resource.language, receivedOn: DateField(req.today)),
            problems: problems, notice: notice)
        return ResourceView.page(model, context: PageContext(req))
    }
}
