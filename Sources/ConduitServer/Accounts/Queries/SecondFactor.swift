import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Checking the second factor: a TOTP code (once only) or an unused recovery code.
enum SecondFactor {
    /// How the code was accepted, for the audit trail, or nil if it was not.
    static func accept(_ code: String, userID: UUID, on req: Request) async throws -> String? {
        guard let user = try await User.find(userID, on: req.db), let sealed = user.totpSecret,
              let secretText = req.application.dataKeys.open(sealed), let secret = Base32.decode(secretText) else { return nil }
        let sql = req.db as! any SQLDatabase
        let digits = code.filter { !$0.isWhitespace }
        if digits.count == 6, digits.allSatisfy(\.isNumber) {
            guard let step = TOTP(secret: secret).matchingStep(for: digits, at: req.now, after: user.totpLastStep) else { return nil }
            // Conditional, so two requests racing with the same code cannot both succeed.
            let claimed = try await sql.update(User.schema).set("totp_last_step", to: step)
                .where("id", .equal, userID)
                .where { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) }
                .returning("id").first()
            return claimed == nil ? nil : "authenticator code"
        }
        let digest = RecoveryCodes.digest(code)
        let used = try await sql.update(RecoveryCode.schema).set("used_at", to: req.now)
            .where("user_id", .equal, userID).where("code_digest", .equal, digest).where("used_at", .is, SQLLiteral.null)
            .returning("id").first()
        guard used != nil else { return nil }
        let left = try await RecoveryCode.query(on: req.db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
        return "recovery code (\(left) left)"
    }
}
