import ConduitCore
import Foundation
import SQLKit

/// The child population of each partnership per year, with its source, for rates per 10,000 children.
enum Populations {
    struct Row: Decodable, Sendable {
        var partnership: String
        var year: Int
        var children: Int
        var source: String
    }

    /// The partnerships' figures, by partnership and newest year first.
    static func rows(of partnerships: [UUID], on sql: any SQLDatabase) async throws -> [Row] {
        guard !partnerships.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT p.name AS partnership, c.year, c.children, c.source FROM \(ident: ReturnTables.populations) c
            JOIN \(ident: Partnership.schema) p ON p.id = c.partnership_id WHERE c.partnership_id IN (\(binds: partnerships))
            ORDER BY p.name, c.year DESC
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// A year's figure, replacing the one already there.
    static func save(children: Int, year: Int, of partnershipID: UUID, source: String, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: ReturnTables.populations).where("partnership_id", .equal, partnershipID).where("year", .equal, year).run()
        try await sql.insert(into: ReturnTables.populations).columns("partnership_id", "year", "children", "source")
            .values(SQLBind(partnershipID), SQLBind(year), SQLBind(children), SQLBind(source)).run()
    }
}
