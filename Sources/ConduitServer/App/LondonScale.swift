import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A synthetic data set the size of all 33 London partnerships over ten years, for the
/// benchmarks (issue 7, DESIGN.md "Performance budgets"). It starts from the demo (its
/// accounts sign in as usual) and adds the rest in bulk: many rows to a prepared statement,
/// one transaction per part. Values come from the code lists and pass the same rules as
/// entered records (participants through the register's check, returns through the
/// return rules, audits through the form's cleaning); the distributions are skewed as
/// real ones are: a few large groups and sessions, seasonal training, mostly small counts.
/// Each part's data is made beside its demo data (`Directory/DirectoryDemo+Scale.swift` and
/// the like); this file holds what they share.
enum LondonScale {
    struct Size: Sendable {
        var groups: Int
        var engagementsPerGroup: Int
        var sessions: Int
        /// Participants of a typical session, before the occasional conference.
        var sessionScale: Int
        var audits: Int
        var years: Int
    }

    static let sizes: [String: Size] = [
        "london": Size(groups: 5_000, engagementsPerGroup: 28, sessions: 20_000, sessionScale: 100, audits: 10_000, years: 10),
        // For CI: every table and code path, a few thousand rows.
        "small": Size(groups: 150, engagementsPerGroup: 6, sessions: 200, sessionScale: 20, audits: 100, years: 3),
    ]

    /// The 33 London local authorities, each with its safeguarding children partnership.
    static let boroughs = [
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon", "Ealing", "Enfield",
        "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
        "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
        "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
    ]

    /// The account that reads every partnership's directory, registers and statistics as
    /// its own (adviser and viewer in each): it may open every record counted, so its
    /// figures are exact and the benchmark can check them against the SQL (issue 14).
    static let benchReader = "data.lead@conduit.example"

    struct Summary {
        var counts: [(table: String, rows: Int)]
        var seconds: Double
    }

    static func load(on app: Application, scale: String, seed: UInt64) async throws -> Summary {
        guard let size = sizes[scale] else { throw Settings.Problem(description: "--scale must be one of: \(sizes.keys.sorted().joined(separator: ", "))") }
        let started = Date()
        if try await Partnership.query(on: app.db).filter(\.$code == "london").first() != nil {
            throw Settings.Problem(description: "The database already has data: generate the \(scale) data set into a new file (CONDUIT_DATABASE_PATH)")
        }
        try await Demo.load(on: app, withDirectory: false)
        let generator = Generator(app: app, size: size, random: DirectoryDemo.Generator(state: seed),
                                  today: CalendarDate.today(in: Formats.ukTimeZone, now: app.clock.now), hash: try await Passwords.hash(Demo.password, on: app))
        try await generator.partnershipsAndUsers()
        try await generator.groups()
        try await generator.engagements()
        try await generator.training()
        try await generator.audits()
        try await generator.returns()
        let summary = Summary(counts: generator.counts, seconds: Date().timeIntervalSince(started))
        try await AuditTrail.append(.init("demo.load", detail: "\(scale) scale, seed \(seed): "
                                          + summary.counts.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")),
                                    actor: .system, address: nil, at: app.clock.now, on: app.db)
        return summary
    }

    /// The state the parts share: one random source, so a seed makes the same data set, and
    /// what each part leaves for the later ones. A reference, so each part's transaction can
    /// write through it (and it stays in one task).
    final class Generator: @unchecked Sendable {
        let app: Application
        let size: Size
        var random: DirectoryDemo.Generator
        let today: CalendarDate
        let hash: String
        var progress = ProgressBar()
        var counts: [(table: String, rows: Int)] = []

        // What later parts draw on.
        var partnerships: [(id: UUID, code: String, weight: Int)] = []
        var advisers: [UUID: [UUID]] = [:]
        var auditors: [UUID: UUID] = [:]
        var coordinator = UUID()
        var groupsServing: [UUID: [UUID]] = [:]
        var groupNames: [UUID: String] = [:]

        init(app: Application, size: Size, random: DirectoryDemo.Generator, today: CalendarDate, hash: String) {
            self.app = app
            self.size = size
            self.random = random
            self.today = today
            self.hash = hash
        }

        var db: any Database { app.db }
        var start: CalendarDate { today.adding(months: -12 * size.years) }

        func uuid() -> UUID {
            let high = random.next(), low = random.next()
            var bytes = withUnsafeBytes(of: (high, low)) { Array($0) }
            bytes[6] = bytes[6] & 0x0F | 0x40 // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80 // RFC 4122 variant
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }

        /// A day in the data set's years.
        func day() -> CalendarDate { start.adding(days: random.int(0...(size.years * 365 - 1))) }

        /// Picks by weight: `weights[i]` chances in their sum.
        func weighted<T>(_ items: [(T, Int)]) -> T {
            var roll = random.int(0...(items.reduce(0) { $0 + $1.1 } - 1))
            for (item, weight) in items {
                if roll < weight { return item }
                roll -= weight
            }
            return items[items.count - 1].0
        }

        /// One part in one transaction: all of it is written, or none.
        func phase(_ tables: [any BulkTable], body: @escaping @Sendable (Generator, any SQLDatabase) async throws -> Void) async throws {
            try await db.transaction { db in
                let sql = db as! any SQLDatabase
                try await body(self, sql)
                for table in tables { try await table.flush(on: sql) }
            }
            counts += tables.map { ($0.table, $0.written) }
        }
    }
}
