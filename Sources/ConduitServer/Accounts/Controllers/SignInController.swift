import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Signing in with email and password, then the second factor (ASVS V6).
enum SignInController {
    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        if req.visitor?.isSignedIn == true { return req.redirect(to: SiteURL.home.path) }
        let expired = (try? req.query.get(String.self, at: "expired")) == "1"
        let signedOut = (try? req.query.get(String.self, at: "signed-out")) == "1"
        let notice: String? = expired ? "You were signed out because you had not used Conduit for a while. Sign in again to continue."
            : signedOut ? "You have signed out." : nil
        let model = SignInView.Model(email: "", next: safeNext(try? req.query.get(String.self, at: "next")), notice: notice, problems: [])
        return try await SignInView.layout(model, context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form.password ?? ""
        let next = safeNext(form.next)
        func again(_ problems: [FieldProblem], status: HTTPStatus = .unprocessableEntity) async throws -> Response {
            let model = SignInView.Model(email: email, next: next, notice: nil, problems: problems)
            return try await PageResponse(status: status, layout: SignInView.layout(model, context: PageContext(req))).encodeResponse(for: req)
        }

        var problems: [FieldProblem] = []
        if email.isEmpty { problems.append(.init(field: "email", message: "Enter your email address")) }
        if password.isEmpty { problems.append(.init(field: "password", message: "Enter your password")) }
        if !problems.isEmpty { return try await again(problems) }

        let throttles = ThrottleKeys(email: email, address: req.clientAddress)
        if let refusal = try await Throttling.admit(throttles, on: req.db, now: req.now) {
            try await req.audit(.init("sign-in", outcome: .denied, detail: "throttled"), actor: .init(id: nil, label: String(email.prefix(254))))
            return try await again([.init(field: "email", message: refusal)], status: .tooManyRequests)
        }

        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // A missing account costs the same bcrypt work as a wrong password, so timing does not tell which.
        let hash = user?.passwordHash ?? Throttling.decoyHash
        let checked = try await Passwords.verify(password, against: hash, on: req.application)
        guard let user, checked.matches, user.disabledAt == nil else {
            try await Throttling.recordFailure(for: throttles, on: req.db, now: req.now)
            try await req.audit(.init("sign-in", recordType: "user", recordID: user?.id?.uuidString, outcome: .failure,
                                      detail: user?.disabledAt != nil ? "account disabled" : "wrong email or password"),
                                actor: .init(id: user?.id, label: String(email.prefix(254))))
            return try await again([.init(field: "email", message: "Enter a correct email address and password")], status: .unauthorized)
        }

        try await Throttling.clear(for: throttles, on: req.db)
        if let rehashed = checked.rehashed {
            // A hash from before the pepper: replaced now that the password is known to be right.
            user.passwordHash = rehashed
            try await user.save(on: req.db)
        }
        let userID = try user.requireID()
        let actor = AuditTrail.Actor(id: userID, label: user.email)
        if user.hasSecondFactor {
            try await Sessions.start(userID: userID, stage: .awaitingSecondFactor, on: req)
            try await req.audit(.init("sign-in.password", recordType: "user", recordID: userID.uuidString), actor: actor)
            return req.redirect(to: SiteURL.signInCode.path(query: [("next", next ?? "")]))
        }
        if req.application.settings.requireSecondFactor {
            try await Sessions.start(userID: userID, stage: .enrolment, on: req)
            try await req.audit(.init("sign-in.password", recordType: "user", recordID: userID.uuidString, detail: "second factor to enrol"), actor: actor)
            return req.redirect(to: SiteURL.accountSecondFactor.path)
        }
        try await Sessions.start(userID: userID, stage: .signedIn, on: req)
        try await req.audit(.init("sign-in", recordType: "user", recordID: userID.uuidString, detail: "password only (second factor not required here)"), actor: actor)
        return req.redirect(to: next ?? SiteURL.home.path)
    }

    struct CodeForm: Content {
        var code: String?
        var next: String?
    }

    @Sendable
    static func showCode(req: Request) async throws -> Response {
        guard case .session(_, _, .awaitingSecondFactor)? = req.visitor?.credential else { return req.redirect(to: SiteURL.home.path) }
        let model = SignInCodeView.Model(next: safeNext(try? req.query.get(String.self, at: "next")), problems: [])
        return try await SignInCodeView.layout(model, context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func submitCode(req: Request) async throws -> Response {
        guard let visitor = req.visitor, case .session(_, _, .awaitingSecondFactor) = visitor.credential else {
            return req.redirect(to: SiteURL.home.path)
        }
        let form = try req.content.decode(CodeForm.self)
        let code = (form.code ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let next = safeNext(form.next)
        func again(_ message: String, status: HTTPStatus) async throws -> Response {
            let model = SignInCodeView.Model(next: next, problems: [.init(field: "code", message: message)])
            return try await PageResponse(status: status, layout: SignInCodeView.layout(model, context: PageContext(req))).encodeResponse(for: req)
        }
        if code.isEmpty { return try await again("Enter the code from your authenticator app, or a recovery code", status: .unprocessableEntity) }

        let throttles = ThrottleKeys(secondFactorOf: visitor.userID, address: req.clientAddress)
        let actor = AuditTrail.Actor(id: visitor.userID, label: visitor.email)
        if let refusal = try await Throttling.admit(throttles, on: req.db, now: req.now) {
            try await req.audit(.init("sign-in.second-factor", recordType: "user", recordID: visitor.userID.uuidString, outcome: .denied, detail: "throttled"), actor: actor)
            return try await again(refusal, status: .tooManyRequests)
        }
        guard let method = try await SecondFactor.accept(code, userID: visitor.userID, on: req) else {
            try await Throttling.recordFailure(for: throttles, on: req.db, now: req.now)
            try await req.audit(.init("sign-in.second-factor", recordType: "user", recordID: visitor.userID.uuidString, outcome: .failure,
                                      detail: "wrong or reused code"), actor: actor)
            return try await again("The code is not correct or has already been used. Enter the current code from your authenticator app", status: .unauthorized)
        }
        try await Throttling.clear(for: throttles, on: req.db)
        try await Sessions.start(userID: visitor.userID, stage: .signedIn, on: req)
        try await req.audit(.init("sign-in", recordType: "user", recordID: visitor.userID.uuidString, detail: method), actor: actor)
        return req.redirect(to: next ?? SiteURL.home.path)
    }

    @Sendable
    static func kept(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        // Only its own person sees it, once, within its lifetime; otherwise it is as if it never was.
        guard let kept = try await KeptForm.find(try req.uuid(.keptFormID), on: req.db), kept.$user.id == visitor.userID,
              let created = kept.createdAt, req.now.timeIntervalSince(created) < KeptForm.lifetime,
              let fields = kept.opened(with: req.application.dataKeys) else { throw MissingRecord() }
        try await kept.delete(on: req.db)
        return SignInView.kept(.init(path: kept.path, fields: fields), context: PageContext(req))
    }

    @Sendable
    static func signOut(req: Request) async throws -> Response {
        if let visitor = req.visitor {
            try await req.audit(.init("sign-out", recordType: "user", recordID: visitor.userID.uuidString))
        }
        try await Sessions.end(on: req)
        return req.redirect(to: SiteURL.signIn.path(query: [("signed-out", "1")]))
    }

    @Sendable
    static func signOutEverywhere(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        try await req.audit(.init("sign-out.everywhere", recordType: "user", recordID: visitor.userID.uuidString))
        try await Sessions.endAll(of: visitor.userID, on: req.db)
        req.visitor = nil
        req.cookieChange = .clear
        return req.redirect(to: SiteURL.signIn.path(query: [("signed-out", "1")]))
    }

    /// Only paths within Conduit are followed after sign-in (no open redirect): parsed as a
    /// URL with no scheme or host, written without control characters or white space (a
    /// browser drops a tab, so `/\t/evil.example` is `//evil.example` to it), starting with
    /// one `/` and not `//` or `/\`, and no encoded slash or backslash at the start either.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.utf8.count < 300,
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }),
              let components = URLComponents(string: next),
              components.scheme == nil, components.host == nil, components.user == nil, components.port == nil,
              components.percentEncodedPath.hasPrefix("/"), !components.percentEncodedPath.hasPrefix("//"),
              !next.contains("\\")
        else { return nil }
        let decoded = components.path
        guard decoded.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }),
              !decoded.hasPrefix("//"), !decoded.hasPrefix("/\\") else { return nil }
        return next
    }
}
