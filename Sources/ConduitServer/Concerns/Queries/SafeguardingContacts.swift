import ConduitCore
import Fluent
import Foundation
import SQLKit

/// What a partnership's public page and its settings show: its services and its words in
/// each language. Names and numbers of public services, not personal data.
enum SafeguardingContacts {
    struct Page: Sendable {
        var partnershipID: UUID
        var partnershipName: String
        var code: String
        var services: [ConcernView.Service]
        var texts: [Text]
    }

    struct Text: Sendable {
        var id: UUID?
        var language: PageLanguage
        var text: String
    }

    static func page(code: String, on db: any Database) async throws -> Page? {
        guard let partnership = try await Partnership.query(on: db).filter(\.$code == code).filter(\.$kind == .partnership).first() else { return nil }
        return try await page(of: partnership, on: db)
    }

    static func page(of partnership: Partnership, on db: any Database) async throws -> Page {
        let id = try partnership.requireID()
        let services = try await ConcernStore.services(of: id, on: db)
        let texts = try await SafeguardingPageText.query(on: db).filter(\.$partnership.$id == id).all()
            .compactMap { text in PageLanguage(code: text.language).map { Text(id: text.id, language: $0, text: text.text) } }
            .sorted { $0.language.english < $1.language.english }
        return Page(partnershipID: id, partnershipName: partnership.name, code: partnership.code,
                    services: services.map { .init(route: ConcernRoute(rawValue: $0.route), name: $0.name, phone: $0.phone, email: $0.email, id: $0.id) },
                    texts: texts)
    }

    /// Every partnership, for the index of public pages.
    static func partnerships(on sql: any SQLDatabase) async throws -> [(code: String, name: String)] {
        try await sql.select().columns("code", "name").from(Partnership.schema).where("kind", .equal, Partnership.Kind.partnership.rawValue)
            .orderBy("name").all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
    }
}
