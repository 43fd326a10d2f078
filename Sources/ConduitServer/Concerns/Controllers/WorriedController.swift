import ConduitCore
import Foundation
import Vapor

/// The public "Worried about a child?" pages (issue 16): who to contact, set by each
/// partnership, in the languages it provides; "Leave this page" on every one.
enum WorriedController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        WorriedView.index(try await SafeguardingContacts.partnerships(on: req.sql), context: PageContext(req))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        guard let code = req.pathText(.partnershipCode), let page = try await SafeguardingContacts.page(code: code, on: req.db) else { throw Abort(.notFound) }
        let language = PageLanguage(code: req.queryText("lang"))
        return WorriedView.show(page, language: page.texts.contains { $0.language == language } ? language : nil, context: PageContext(req))
    }
}
