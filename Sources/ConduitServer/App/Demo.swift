import ConduitCore
import Crypto
import Fluent
import Foundation
import Vapor

/// Demo data for trying Conduit: the London region, the eight partnerships of
/// seed 004, one user per role, and the directory and engagement of DirectoryDemo.
public enum Demo {
    /// The password of every demo user.
    public static let password = "conduit demo password"

    /// A demo account, as printed for the person trying Conduit.
    public struct Account: Sendable {
        public var email: String
        public var role: Role
        public var partnership: String
        public var totpSecret: String
    }

    /// The partnerships named in seed 004 (the final report's participating boards).
    static let partnerships = ["Brent", "Camden", "Enfield", "Hackney", "Haringey", "Islington", "Newham", "Southwark"]

    /// Who gets which role where: hub roles at London, the rest in Camden and Hackney. The
    /// submitter is Camden's police data lead (seed 004 finding 9's police figures).
    static let accounts: [(role: Role, partnership: String)] = [
        (.administrator, "London"), (.coordinator, "London"), (.adviser, "Camden"), (.auditor, "Hackney"),
        (.analyst, "London"), (.submitter, "Camden"), (.viewer, "Camden"),
    ]

    /// A fixed secret per role, so the printed secrets stay valid across reloads.
    static func secret(for role: Role) -> String {
        Base32.encode(Array(Insecure.SHA1.hash(data: Data("conduit demo \(role.rawValue)".utf8))))
    }

    /// Loads the demo data unless it is already there. Returns the accounts.
    @discardableResult
    public static func load(on app: Application, withDirectory: Bool = true) async throws -> [Account] {
        let db = app.db
        let accounts = Self.accounts.map { Account(email: "\($0.role.rawValue)@conduit.example", role: $0.role, partnership: $0.partnership, totpSecret: secret(for: $0.role)) }
        if try await Partnership.query(on: db).filter(\.$code == "london").first() != nil { return accounts }

        let hash = try await Passwords.hash(password, on: app)
        try await db.transaction { db in
            let london = Partnership(name: "London", code: "london", kind: .region, parentID: nil)
            try await london.save(on: db)
            var ids = ["London": try london.requireID()]
            for name in partnerships {
                let partnership = Partnership(name: name, code: name.lowercased(), kind: .partnership, parentID: london.id)
                try await partnership.save(on: db)
                ids[name] = try partnership.requireID()
            }
            for account in accounts {
                let user = User(email: account.email, displayName: "Demo \(account.role.title.lowercased())", passwordHash: hash)
                user.totpSecret = app.dataKeys.seal(account.totpSecret)
                try await user.save(on: db)
                try await MembershipRecord(userID: try user.requireID(), partnershipID: ids[account.partnership]!, role: account.role,
                                     returnSource: account.role == .submitter ? .police : nil).save(on: db)
            }
        }
        let today = CalendarDate.today(in: Formats.ukTimeZone, now: app.clock.now)
        let engagements = withDirectory ? try await DirectoryDemo.load(on: db, passwordHash: hash, today: today) : 0
        if withDirectory {
            try await TrainingDemo.load(on: db, today: today)
            try await AuditDemo.load(on: db)
            try await ReturnsDemo.load(on: db, today: today)
            try await ReturnsDemo.loadReleases(on: db, today: today)
            try await ConcernsDemo.load(on: db, keys: app.dataKeys, now: app.clock.now)
            try await LibraryDemo.load(on: db, now: app.clock.now, today: today)
        }
        try await AuditTrail.append(.init("demo.load", detail: "London, \(partnerships.count) partnerships, \(accounts.count) users, "
                                          + "\(withDirectory ? DirectoryDemo.groups.count : 0) groups, \(engagements) engagements"),
                                    actor: .system, address: nil, at: app.clock.now, on: db)
        return accounts
    }
}
