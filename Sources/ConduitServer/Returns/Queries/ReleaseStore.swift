import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Statistical releases: the approved figures a release is made from, the releases kept,
/// publishing one protected together with the others of its financial year, and the
/// figures as published (hidden ones without their value: it never leaves this file).
enum ReleaseStore {
    private struct ApprovedRow: Decodable {
        var partnershipId: UUID
        var periodKey: String
        var source: String
        var category: String?
        var n: Int?
    }

    /// Every category's total of every approved return of the quarters; a category left
    /// blank in an approved return counts 0, as it does on the dashboard.
    static func approvedCounts(quarters: [ReportingPeriod], on sql: any SQLDatabase) async throws -> [ReleaseCell: Int] {
        guard !quarters.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT r.partnership_id, r.period_key, r.source, c.category, CAST(c.count AS BIGINT) AS n
            FROM \(ident: Return.schema) r
            LEFT JOIN \(ident: ReturnTables.cells) c ON c.return_id = r.id AND c.breakdown = 'total'
            WHERE r.status = \(bind: ReturnStatus.approved.rawValue) AND r.period_key IN (\(binds: quarters.map(\.key)))
            """).all(decoding: ApprovedRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var counts: [ReleaseCell: Int] = [:]
        for row in rows {
            guard let source = ReturnSource(rawValue: row.source), let quarter = ReportingPeriod(key: row.periodKey) else { continue }
            for category in AbuseCategory.allCases {
                let cell = ReleaseCell(source: source, category: category, partnershipID: row.partnershipId, quarter: quarter)
                if counts[cell] == nil { counts[cell] = 0 }
            }
            if let code = row.category, let category = AbuseCategory(rawValue: code), let n = row.n {
                counts[ReleaseCell(source: source, category: category, partnershipID: row.partnershipId, quarter: quarter)] = n
            }
        }
        return counts
    }

    private struct KeptRow: Decodable {
        var releaseId: UUID
        var source: String
        var category: String
        var partnershipId: UUID?
        var quarter: String?
        var value: Int
        var hidden: Bool
    }

    /// The releases published for quarters of the financial year, oldest first, with every
    /// figure's true value: what a new release is protected against.
    static func kept(inYear startYear: Int, on db: any Database) async throws -> [ReleaseFigures] {
        let year = ReportingPeriod.year(startYear: startYear)
        let releases = try await Release.query(on: db)
            .filter(\.$firstQuarter >= year.quarters[0].key).filter(\.$firstQuarter <= year.quarters[3].key)
            .sort(\.$publishedAt).sort(\.$createdAt).all()
        guard !releases.isEmpty else { return [] }
        let rows = try await (db as! any SQLDatabase).select()
            .columns("release_id", "source", "category", "partnership_id", "quarter", "value", "hidden").from(Release.figures)
            .where("release_id", .in, try releases.map { try $0.requireID() }).all(decoding: KeptRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byRelease = Dictionary(grouping: rows, by: \.releaseId)
        return try releases.map { release in
            var figures = ReleaseFigures(quarters: release.quarters, values: [:], hidden: [])
            for row in byRelease[try release.requireID()] ?? [] {
                // A figure the protection cannot read would drop a constraint from it: refuse instead.
                guard let cell = cell(row.source, row.category, row.partnershipId, row.quarter) else {
                    throw Settings.Problem(description: "release \(row.releaseId) holds a figure of an unknown source, category or quarter")
                }
                figures.values[cell] = row.value
                if row.hidden { figures.hidden.insert(cell) }
            }
            return figures
        }
    }

    private static func cell(_ source: String, _ category: String, _ partnershipID: UUID?, _ quarter: String?) -> ReleaseCell? {
        guard let source = ReturnSource(rawValue: source), let category = AbuseCategory(rawValue: category) else { return nil }
        let period = quarter.flatMap(ReportingPeriod.init(key:))
        if quarter != nil && period == nil { return nil }
        return ReleaseCell(source: source, category: category, partnershipID: partnershipID, quarter: period)
    }

    /// What a release of these figures would publish: the figures, which are hidden, which are
    /// revised, or the hidden figures nothing can protect.
    struct Protected: Sendable {
        var values: [ReleaseCell: Int]
        var hidden: Set<ReleaseCell>
        var revised: Set<ReleaseCell>
        var unprotected: Set<ReleaseCell>
    }

    static func protect(quarters: [ReportingPeriod], approved: [ReleaseCell: Int], on db: any Database,
                        using generator: inout some RandomNumberGenerator) async throws -> Protected {
        let earlier = try await kept(inYear: quarters[0].startYear, on: db)
        let values = ReleaseTables.values(quarters: quarters, approved: approved)
        let (hidden, unprotected) = ReleaseTables.protect(values, quarters: quarters, earlier: earlier, using: &generator)
        return Protected(values: values, hidden: hidden, revised: ReleaseTables.revised(values, earlier: earlier), unprotected: unprotected)
    }

    /// What came of publishing.
    enum Outcome: Sendable {
        case published(UUID)
        /// Some hidden figure cannot be protected: nothing was kept.
        case unprotected(count: Int)
        /// Another release of the period, or a revision of the same one, was published meanwhile.
        case conflict(String)
    }

    /// One release at a time: two published at once would each be protected against the
    /// older ones only, and two suppression patterns of the same tables, subtracted, give
    /// hidden figures away.
    private static let publishing = AsyncLock()

    /// Publishes a release of these approved counts (nil: the approved returns now), protected
    /// with every release of its financial year, in one transaction and one at a time; on
    /// PostgreSQL an advisory lock keeps other instances out too.
    static func publish(quarters: [ReportingPeriod], approved: [ReleaseCell: Int]? = nil, note: String, nextReleaseOn: CalendarDate?,
                        revises: UUID?, reason: String, by userID: UUID, at now: Date, on db: any Database) async throws -> Outcome {
        try await publishing.withLock {
            try await db.transaction { db in
                let sql = db as! any SQLDatabase
                if sql.dialect.name == "postgresql" { try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 14_0001))").run() }
                let existing = try await all(on: db)
                if let revises {
                    if existing.contains(where: { $0.$revises.id == revises }) { return .conflict("That release has just been revised: select the latest revision of it") }
                } else if existing.contains(where: { release in release.quarters == quarters && !existing.contains { $0.$revises.id == release.id } }) {
                    return .conflict("A release of \(Release.title(quarters: quarters)) has just been published: to change its figures, publish a revision of it")
                }
                var counts = approved ?? [:]
                if approved == nil { counts = try await approvedCounts(quarters: quarters, on: sql) }
                // The choice among equally good figures to hide is random, and not repeatable
                // from the source: a predictable pattern would tell a reader which to try.
                var generator = SystemRandomNumberGenerator()
                let protected = try await protect(quarters: quarters, approved: counts, on: db, using: &generator)
                guard protected.unprotected.isEmpty else { return .unprotected(count: protected.unprotected.count) }
                let release = Release()
                release.firstQuarter = quarters.first!.key
                release.lastQuarter = quarters.last!.key
                release.publishedAt = now
                release.note = note
                release.nextReleaseOn = nextReleaseOn?.description
                release.revisionReason = reason
                release.$publishedBy.id = userID
                release.$revises.id = revises
                try await save(release, protected, on: db)
                return .published(try release.requireID())
            }
        }
    }

    /// Keeps a protected release. The caller has checked that nothing is left unprotected.
    private static func save(_ release: Release, _ figures: Protected, on db: any Database) async throws {
        precondition(figures.unprotected.isEmpty, "a release with unprotected figures is never published")
        try await release.save(on: db)
        let id = try release.requireID()
        let sql = db as! any SQLDatabase
        for chunk in figures.values.sorted(by: { $0.key < $1.key }).chunked(into: 200) {
            var insert = sql.insert(into: Release.figures)
                .columns("release_id", "source", "category", "partnership_id", "quarter", "value", "hidden", "revised")
            for (cell, value) in chunk {
                insert = insert.values(SQLBind(id), SQLBind(cell.source.rawValue), SQLBind(cell.category.rawValue), SQLBind(cell.partnershipID),
                                       SQLBind(cell.quarter?.key), SQLBind(value), SQLBind(figures.hidden.contains(cell)), SQLBind(figures.revised.contains(cell)))
            }
            try await insert.run()
        }
    }

    /// One figure as the public reads it: a hidden one has no value.
    struct PublishedFigure: Sendable {
        var cell: ReleaseCell
        /// Nil when hidden.
        var value: Int?
        var revised: Bool
    }

    private struct PublishedRow: Decodable {
        var source: String
        var category: String
        var partnershipId: UUID?
        var quarter: String?
        var shown: Int?
        var revised: Bool
    }

    /// A release's figures as published. The value of a hidden figure is dropped in SQL, so no
    /// page, file or answer built from these can show it.
    static func published(_ releaseID: UUID, on sql: any SQLDatabase) async throws -> [ReleaseCell: PublishedFigure] {
        let rows = try await sql.raw("""
            SELECT source, category, partnership_id, quarter, CASE WHEN hidden THEN NULL ELSE value END AS shown, revised
            FROM \(ident: Release.figures) WHERE release_id = \(bind: releaseID)
            """).all(decoding: PublishedRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var figures: [ReleaseCell: PublishedFigure] = [:]
        for row in rows {
            guard let cell = cell(row.source, row.category, row.partnershipId, row.quarter) else { continue }
            figures[cell] = PublishedFigure(cell: cell, value: row.shown, revised: row.revised)
        }
        return figures
    }

    private struct PartnershipRow: Decodable {
        var id: UUID
        var code: String
        var name: String
    }

    /// The partnerships a release's tables list, by name, with the codes its files use.
    static func partnerships(on sql: any SQLDatabase) async throws -> [ReleaseView.Partnership] {
        try await sql.select().columns("id", "code", "name").from(Partnership.schema)
            .where("kind", .equal, Partnership.Kind.partnership.rawValue).orderBy("name")
            .all(decoding: PartnershipRow.self, keyDecodingStrategy: .convertFromSnakeCase).map { .init(id: $0.id, code: $0.code, name: $0.name) }
    }

    /// Every release, oldest first.
    static func all(on db: any Database) async throws -> [Release] {
        try await Release.query(on: db).sort(\.$publishedAt).sort(\.$createdAt).all()
    }
}
