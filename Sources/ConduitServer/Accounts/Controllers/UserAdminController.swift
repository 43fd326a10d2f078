import ConduitCore
import Fluent
import Foundation
import Vapor

/// Administrators' pages for people and their memberships.
enum UserAdminController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let scope = try await UserList.scope(for: visitor, on: req.db)
        let search = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let total = try await UserList.count(on: req.db, scope: scope, search: search)
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), total: total)
        let rows = try await UserList.page(on: req.db, scope: scope, search: search, pagination: pagination)
        return UserAdminView.index(.init(rows: rows, search: search, pagination: pagination,
                                         notice: UserAdminView.ListNotice.read(req)?.message), context: PageContext(req))
    }

    /// The partnerships and roles an administrator can grant.
    static func grantable(_ req: Request) async throws -> [PartnershipList.Row] {
        try await PartnershipList.rows(on: req.db, scope: try req.signedIn.scope(.manageAccounts))
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        UserAdminView.newForm(.init(partnerships: try await grantable(req)), context: PageContext(req))
    }

    struct CreateForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var partnership: UUID?
        var role: String?
    }

    static func validateEmail(_ email: String, existingID: UUID?, on db: any Database) async throws -> FieldProblem? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if email.isEmpty { return .init(field: "email", message: "Enter an email address") }
        if TextLimit.exceeds(email, characters: 254) || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
            return .init(field: "email", message: "Enter an email address in the correct format, like name@example.org")
        }
        if let other = try await User.query(on: db).filter(\.$email == email).first(), other.id != existingID {
            return .init(field: "email", message: "There is already a user with this email address")
        }
        return nil
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(CreateForm.self)
        let partnerships = try await grantable(req)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form.password ?? ""
        var problems: [FieldProblem] = []
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the person's name")) }
        if TextLimit.exceeds(name, characters: 120) { problems.append(.init(field: "name", message: "Name must be 120 characters or fewer")) }
        if let problem = GroupValidation.notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        if let problem = try await validateEmail(email, existingID: nil, on: req.db) { problems.append(problem) }
        if let problem = PasswordRules.check(password, email: email) { problems.append(.init(field: "password", message: problem.message)) }
        if form.partnership == nil || !partnerships.contains(where: { $0.id == form.partnership }) {
            problems.append(.init(field: "partnership", message: "Select a partnership"))
        }
        let role = form.role.flatMap(Role.init(rawValue:))
        if role == nil { problems.append(.init(field: "role", message: "Select the person's role")) }
        guard problems.isEmpty, let role, let partnershipID = form.partnership else {
            var model = UserAdminView.NewModel(partnerships: partnerships)
            model.name = name
            model.email = email
            model.partnership = form.partnership
            model.role = form.role
            model.problems = problems
            return try await PageResponse(status: .unprocessableEntity, layout: UserAdminView.newForm(model, context: PageContext(req))).encodeResponse(for: req)
        }
        let user = User(email: email, displayName: name, passwordHash: try await Passwords.hash(password, on: req.application))
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await MembershipRecord(userID: try user.requireID(), partnershipID: partnershipID, role: role).save(on: db)
        }
        try await req.audit(.init("user.create", recordType: "user", recordID: user.id?.uuidString, partnershipID: partnershipID,
                                  detail: "\(email) as \(role.rawValue)"))
        return req.redirect(to: SiteURL.adminUser(.value(try user.requireID())).path)
    }

    static func model(of user: User, req: Request) async throws -> UserAdminView.ShowModel {
        let visitor = try req.signedIn
        let userID = try user.requireID()
        let grants = try await MembershipQuery.grants(of: userID, on: req.db)
        let recoveryLeft = try await RecoveryCode.query(on: req.db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
        return UserAdminView.ShowModel(
            id: userID, name: user.displayName, email: user.email, version: user.version,
            disabledAt: user.disabledAt, hasSecondFactor: user.hasSecondFactor, recoveryCodesLeft: recoveryLeft,
            createdAt: user.createdAt, isSelf: userID == visitor.userID,
            managesAccount: try await req.permits(.manageAccounts, on: user),
            grants: grants.map { ($0, visitor.allows(.manageAccounts, on: $0.partnershipID)) },
            partnerships: try await grantable(req))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let user = try await req.record(User.self)
        var model = try await model(of: user, req: req)
        model.notice = UserAdminView.Notice.read(req)?.message
        return UserAdminView.show(model, context: PageContext(req))
    }

    struct UpdateForm: Content {
        var name: String?
        var email: String?
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let user = try await req.record(User.self, editable: .manageAccounts)
        let partnerships = try await UserList.partnerships(of: try user.requireID(), on: req.db)
        let form = try req.content.decode(UpdateForm.self)
        let version = try req.expectedVersion()
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var problems: [FieldProblem] = []
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the person's name")) }
        if TextLimit.exceeds(name, characters: 120) { problems.append(.init(field: "name", message: "Name must be 120 characters or fewer")) }
        if let problem = GroupValidation.notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        if let problem = try await validateEmail(email, existingID: user.id, on: req.db) { problems.append(problem) }
        user.displayName = name
        user.email = email
        var status = HTTPStatus.unprocessableEntity
        var conflict: String?
        if problems.isEmpty {
            do {
                try await user.saveVersioned(expectedVersion: version, on: req.db)
                try await req.audit(.init("user.update", recordType: "user", recordID: user.id?.uuidString), forEachOf: partnerships)
                return req.redirect(to: SiteURL.adminUser(.value(try user.requireID())).path(query: UserAdminView.Notice.saved.query))
            } catch let error as VersionConflict {
                status = .conflict
                conflict = error.message
            }
        }
        // Show the form again with what was typed; on a conflict, with what is stored now.
        let current = conflict == nil ? user : try await req.record(User.self)
        var model = try await model(of: current, req: req)
        model.name = name
        model.email = email
        model.version = conflict == nil ? version : current.version
        model.problems = problems
        model.conflict = conflict.map { ($0, current.displayName, current.email) }
        return try await PageResponse(status: status, layout: UserAdminView.show(model, context: PageContext(req))).encodeResponse(for: req)
    }

    @Sendable
    static func disable(req: Request) async throws -> Response {
        let user = try await req.record(User.self, editable: .manageAccounts)
        let partnerships = try await UserList.partnerships(of: try user.requireID(), on: req.db)
        let visitor = try req.signedIn
        guard user.id != visitor.userID else { throw Abort(.forbidden, reason: "You cannot disable your own account. Ask another administrator.") }
        user.disabledAt = req.now
        try await user.save(on: req.db)
        // Disabling ends every session at once; API tokens stop working with it.
        try await Sessions.endAll(of: try user.requireID(), on: req.db)
        try await req.audit(.init("user.disable", recordType: "user", recordID: user.id?.uuidString), forEachOf: partnerships)
        return req.redirect(to: SiteURL.adminUser(.value(try user.requireID())).path(query: UserAdminView.Notice.disabled.query))
    }

    @Sendable
    static func enable(req: Request) async throws -> Response {
        let user = try await req.record(User.self, editable: .manageAccounts)
        let partnerships = try await UserList.partnerships(of: try user.requireID(), on: req.db)
        user.disabledAt = nil
        try await user.save(on: req.db)
        try await req.audit(.init("user.enable", recordType: "user", recordID: user.id?.uuidString), forEachOf: partnerships)
        return req.redirect(to: SiteURL.adminUser(.value(try user.requireID())).path(query: UserAdminView.Notice.enabled.query))
    }

    @Sendable
    static func resetSecondFactor(req: Request) async throws -> Response {
        let user = try await req.record(User.self, editable: .manageAccounts)
        let partnerships = try await UserList.partnerships(of: try user.requireID(), on: req.db)
        let userID = try user.requireID()
        user.totpSecret = nil
        user.totpLastStep = nil
        try await user.save(on: req.db)
        try await RecoveryCode.query(on: req.db).filter(\.$user.$id == userID).delete()
        try await Sessions.endAll(of: userID, on: req.db)
        try await req.audit(.init("user.reset-second-factor", recordType: "user", recordID: userID.uuidString), forEachOf: partnerships)
        return req.redirect(to: SiteURL.adminUser(.value(userID)).path(query: UserAdminView.Notice.reset.query))
    }

    struct MembershipForm: Content {
        var partnership: UUID?
        var role: String?
        var returnSource: String?
    }

    @Sendable
    static func addMembership(req: Request) async throws -> Response {
        let user = try await req.record(User.self)
        let visitor = try req.signedIn
        let userID = try user.requireID()
        let form = try req.content.decode(MembershipForm.self)
        // No one widens their own access: another administrator must grant it (issue 13).
        guard userID != visitor.userID else {
            throw Abort(.forbidden, reason: "You cannot give yourself a membership or role. Ask another administrator to do it.")
        }
        var problems: [FieldProblem] = []
        if form.partnership == nil || !visitor.allows(.manageAccounts, on: form.partnership!) {
            problems.append(.init(field: "partnership", message: "Select a partnership"))
        }
        let role = form.role.flatMap(Role.init(rawValue:))
        if role == nil { problems.append(.init(field: "role", message: "Select a role")) }
        let source = ReturnSource(rawValue: form.returnSource ?? "")
        if !(form.returnSource ?? "").isEmpty && source == nil { problems.append(.init(field: "returnSource", message: "Select a source from the list")) }
        if source != nil && role != .submitter { problems.append(.init(field: "returnSource", message: "Only data submitters enter the returns of one source: leave it blank for this role")) }
        if let role, let partnershipID = form.partnership,
           try await MembershipRecord.query(on: req.db).filter(\.$user.$id == userID).filter(\.$partnership.$id == partnershipID).filter(\.$role == role).first() != nil {
            problems.append(.init(field: "role", message: "The person already has this role in this partnership"))
        }
        guard problems.isEmpty, let role, let partnershipID = form.partnership else {
            var model = try await model(of: user, req: req)
            model.problems = problems
            return try await PageResponse(status: .unprocessableEntity, layout: UserAdminView.show(model, context: PageContext(req))).encodeResponse(for: req)
        }
        let membership = MembershipRecord(userID: userID, partnershipID: partnershipID, role: role, returnSource: source)
        try await membership.save(on: req.db)
        try await req.audit(.init("membership.add", recordType: "membership", recordID: membership.id?.uuidString,
                                  partnershipID: partnershipID, detail: "\(user.email) as \(role.rawValue)" + (source.map { " for \($0.rawValue)" } ?? "")))
        return req.redirect(to: SiteURL.adminUser(.value(userID)).path(query: UserAdminView.Notice.membershipAdded.query))
    }

    @Sendable
    static func removeMembership(req: Request) async throws -> Response {
        let user = try await req.record(User.self)
        let visitor = try req.signedIn
        let userID = try user.requireID()
        guard let membership = try await MembershipRecord.query(on: req.db).filter(\.$id == (try req.uuid(.membershipID)))
            .filter(\.$user.$id == userID).first() else { throw Abort(.notFound) }
        guard visitor.allows(.manageAccounts, on: membership.$partnership.id) else {
            throw HiddenRecord(recordType: "membership", id: try membership.requireID(), partnershipID: membership.$partnership.id)
        }
        try await membership.delete(on: req.db)
        try await req.audit(.init("membership.remove", recordType: "membership", recordID: membership.id?.uuidString,
                                  partnershipID: membership.$partnership.id, detail: "\(user.email) as \(membership.role.rawValue)"))
        return req.redirect(to: SiteURL.adminUser(.value(userID)).path(query: UserAdminView.Notice.membershipRemoved.query))
    }
}
