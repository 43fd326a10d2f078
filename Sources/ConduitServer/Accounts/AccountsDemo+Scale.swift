import ConduitCore
import Fluent
import Foundation
import SQLKit

/// A partnership's row in `partnerships` (CreatePartnership's columns).
private struct PartnershipRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var name: String
    var code: String
    var kind: String
    var parent_id: UUID
}

/// An account's row in `users`.
private struct UserRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var email: String
    var display_name: String
    var password_hash: String
}

/// A role in a partnership, a row in `memberships`.
private struct MembershipRow: Encodable, Sendable {
    var id: UUID
    var created_at: Date
    var role: String
    var user_id: UUID
    var partnership_id: UUID
    var return_source: String?
}

// The London-scale data set's partnerships and accounts: every borough the demo lacks, and
// in each the advisers, auditor and data leads the later parts name.
extension LondonScale.Generator {
    func partnershipsAndUsers() async throws {
        let existing = try await Partnership.query(on: db).all()
        let london = existing.first { $0.code == "london" }!.id!
        coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first()!.requireID()
        let demoAdviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first()!.requireID()
        let demoAuditor = try await User.query(on: db).filter(\.$email == "auditor@conduit.example").first()!.requireID()
        let now = app.clock.now
        let partnerships = BulkInsert<PartnershipRow>(Partnership.schema)
        let users = BulkInsert<UserRow>(User.schema, after: partnerships)
        let memberships = BulkInsert<MembershipRow>(MembershipRecord.schema, after: users)
        try await phase([partnerships, users, memberships]) { me, sql in
            for name in LondonScale.boroughs {
                let code = name.lowercased().replacingOccurrences(of: " ", with: "-")
                let id: UUID
                if let found = existing.first(where: { $0.code == code }) {
                    id = found.id!
                } else {
                    id = me.uuid()
                    try await partnerships.add(.init(id: id, created_at: now, name: name, code: code, kind: Partnership.Kind.partnership.rawValue, parent_id: london), on: sql)
                }
                // Partnerships differ in size about threefold, as London's child populations do.
                me.partnerships.append((id, code, me.random.int(40...120)))
            }
            try await partnerships.flush(on: sql)
            func user(_ email: String, _ name: String, _ roles: [(UUID, Role, ReturnSource?)], me: LondonScale.Generator) async throws -> UUID {
                let id = me.uuid()
                try await users.add(.init(id: id, created_at: now, email: email, display_name: name, password_hash: me.hash), on: sql)
                for (partnership, role, source) in roles {
                    try await memberships.add(.init(id: me.uuid(), created_at: now, role: role.rawValue, user_id: id, partnership_id: partnership, return_source: source?.rawValue), on: sql)
                }
                return id
            }
            for (id, code, _) in me.partnerships {
                var advisers = code == "camden" ? [demoAdviser] : []
                for number in (advisers.count + 1)...2 {
                    advisers.append(try await user("adviser\(number).\(code)@conduit.example", "\(code.capitalized) adviser \(number)", [(id, .adviser, nil)], me: me))
                }
                me.advisers[id] = advisers
                me.auditors[id] = code == "hackney" ? demoAuditor
                    : try await user("auditor.\(code)@conduit.example", "\(code.capitalized) auditor", [(id, .auditor, nil)], me: me)
                for source in [ReturnSource.localAuthority, .police] where !(code == "camden" && source == .police) {
                    _ = try await user("\(source.rawValue).\(code)@conduit.example", "\(code.capitalized) \(source.title.lowercased()) data lead", [(id, .submitter, source)], me: me)
                }
            }
            for number in 1...4 {
                _ = try await user("coordinator\(number)@conduit.example", "London coordinator \(number)", [(london, .coordinator, nil)], me: me)
            }
            _ = try await user(LondonScale.benchReader, "London data lead", me.partnerships.flatMap { [($0.id, Role.adviser, nil), ($0.id, Role.viewer, nil)] }, me: me)
        }
    }
}
