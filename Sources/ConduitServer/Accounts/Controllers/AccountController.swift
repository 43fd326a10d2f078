import ConduitCore
import Fluent
import Foundation
import Vapor

/// A person's own account: memberships, password, second factor, sessions.
enum AccountController {
    @Sendable
    static func show(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let notice = AccountView.Notice.read(req)?.message(partnership: visitor.currentPartnership?.name)
        return AccountView.layout(.init(visitor: visitor, notice: notice), context: PageContext(req))
    }

    struct PartnershipForm: Content { var partnership: UUID? }

    /// Chooses which of the person's partnerships the header and new records use.
    @Sendable
    static func choosePartnership(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let form = try req.content.decode(PartnershipForm.self)
        guard let chosen = form.partnership, visitor.grants.contains(where: { $0.partnershipID == chosen }),
              let sessionID = visitor.sessionID, let session = try await UserSession.find(sessionID, on: req.db)
        else { throw Abort(.notFound) }
        session.$currentPartnership.id = chosen
        try await session.save(on: req.db)
        return req.redirect(to: SiteURL.account.path(query: AccountView.Notice.partnership.query))
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    @Sendable
    static func showPassword(req: Request) async throws -> Layout {
        PasswordView.layout(problems: [], context: PageContext(req))
    }

    @Sendable
    static func changePassword(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await User.find(visitor.userID, on: req.db) else { throw Abort(.notFound) }
        var problems: [FieldProblem] = []
        let current = form.current ?? "", new = form.new ?? ""
        // A wrong current password is a guess at the password like one at sign-in: throttled
        // by the same count, and recorded (issue 13).
        let throttles = ThrottleKeys(email: user.email, address: req.clientAddress)
        if current.isEmpty {
            problems.append(.init(field: "current", message: "Enter your current password"))
        } else if let refusal = try await Throttling.admit(throttles, on: req.db, now: req.now) {
            try await req.audit(.init("password.change", recordType: "user", recordID: visitor.userID.uuidString, outcome: .denied, detail: "throttled"))
            return try await PageResponse(status: .tooManyRequests, layout: PasswordView.layout(problems: [.init(field: "current", message: refusal)], context: PageContext(req)))
                .encodeResponse(for: req)
        } else if try await !Passwords.verify(current, against: user.passwordHash, on: req.application).matches {
            try await Throttling.recordFailure(for: throttles, on: req.db, now: req.now)
            try await req.audit(.init("password.change", recordType: "user", recordID: visitor.userID.uuidString, outcome: .failure, detail: "wrong current password"))
            problems.append(.init(field: "current", message: "Your current password is not correct"))
        } else {
            try await Throttling.clear(for: throttles, on: req.db)
        }
        if let problem = PasswordRules.check(new, email: user.email) {
            problems.append(.init(field: "new", message: problem.message))
        } else if new != form.confirm {
            problems.append(.init(field: "confirm", message: "The passwords do not match: enter the new password again"))
        }
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: PasswordView.layout(problems: problems, context: PageContext(req))).encodeResponse(for: req)
        }
        user.passwordHash = try await Passwords.hash(new, on: req.application)
        try await user.save(on: req.db)
        // Other sessions may be an attacker's: end them, and start this one anew.
        try await Sessions.endAll(of: visitor.userID, on: req.db)
        try await Sessions.start(userID: visitor.userID, stage: .signedIn, currentPartnership: visitor.currentPartnership?.id, on: req)
        try await req.audit(.init("password.change", recordType: "user", recordID: visitor.userID.uuidString))
        return req.redirect(to: SiteURL.account.path(query: AccountView.Notice.password.query))
    }

    /// Enrolment: a new secret, shown as text and as an otpauth URI, confirmed with a code.
    @Sendable
    static func showSecondFactor(req: Request) async throws -> Response {
        guard let visitor = req.visitor, let sessionID = visitor.sessionID else { throw Abort(.unauthorized) }
        if visitor.hasSecondFactor {
            return try await SecondFactorView.alreadySet(context: PageContext(req)).encodeResponse(for: req)
        }
        guard let session = try await UserSession.find(sessionID, on: req.db) else { throw Abort(.unauthorized) }
        let keys = req.application.dataKeys
        if session.pendingTOTPSecret.flatMap(keys.open) == nil {
            session.pendingTOTPSecret = keys.seal(Base32.encode(TOTP.generateSecret()))
            try await session.save(on: req.db)
        }
        return try await SecondFactorView.enrol(secret: keys.open(session.pendingTOTPSecret!)!, email: visitor.email, problems: [], context: PageContext(req))
            .encodeResponse(for: req)
    }

    struct CodeForm: Content { var code: String? }

    @Sendable
    static func enrolSecondFactor(req: Request) async throws -> Response {
        guard let visitor = req.visitor, let sessionID = visitor.sessionID, !visitor.hasSecondFactor,
              let session = try await UserSession.find(sessionID, on: req.db), let sealed = session.pendingTOTPSecret,
              let secretText = req.application.dataKeys.open(sealed),
              let secret = Base32.decode(secretText), let user = try await User.find(visitor.userID, on: req.db)
        else { return req.redirect(to: SiteURL.accountSecondFactor.path) }
        let code = (try req.content.decode(CodeForm.self).code ?? "").trimmingCharacters(in: .whitespaces)
        guard let step = TOTP(secret: secret).matchingStep(for: code, at: req.now, after: nil) else {
            let message = code.isEmpty ? "Enter the 6-digit code from your authenticator app" : "The code is not correct: check the app shows Conduit and enter the code it shows now"
            return try await PageResponse(status: .unprocessableEntity,
                layout: SecondFactorView.enrol(secret: secretText, email: visitor.email, problems: [.init(field: "code", message: message)], context: PageContext(req)))
                .encodeResponse(for: req)
        }
        user.totpSecret = req.application.dataKeys.seal(secretText)
        user.totpLastStep = step
        try await user.save(on: req.db)
        let codes = RecoveryCodes.generate()
        try await RecoveryCode.query(on: req.db).filter(\.$user.$id == visitor.userID).delete()
        for code in codes { try await RecoveryCode(userID: visitor.userID, codeDigest: RecoveryCodes.digest(code)).save(on: req.db) }
        try await Sessions.start(userID: visitor.userID, stage: .signedIn, on: req)
        try await req.audit(.init("second-factor.enrol", recordType: "user", recordID: visitor.userID.uuidString))
        // Shown once, in this response only: never in a URL, never stored in clear.
        return try await SecondFactorView.recoveryCodes(codes, context: PageContext(req)).encodeResponse(for: req)
    }
}
