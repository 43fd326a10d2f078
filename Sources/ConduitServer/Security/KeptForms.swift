import ConduitCore
import Fluent
import Foundation
import Vapor

/// Keeping a form sent after its session timed out, and opening it again for its person.
extension KeptForm {
    /// How long a kept form waits for its person to sign in again.
    static let lifetime: TimeInterval = 24 * 3600

    /// Keeps the form of a request whose session timed out; nil when there is nothing to keep
    /// (no session of a person behind it, not a form, or a form of signing in).
    static func keep(_ req: Request) async throws -> UUID? {
        guard let userID = req.expiredSessionUser, req.headers.contentType == .urlEncodedForm,
              !req.url.path.hasPrefix(SiteURL.signIn.path), let body = req.body.string, !body.isEmpty else { return nil }
        let fields = pairs(of: body).filter { $0.0 != CSRF.field }
        guard !fields.isEmpty else { return nil }
        let kept = KeptForm()
        kept.path = req.url.path
        kept.fields = req.application.dataKeys.sealRestricted(String(decoding: try JSONEncoder().encode(fields.map { [$0.0, $0.1] }), as: UTF8.self))
        kept.$user.id = userID
        try await kept.create(on: req.db)
        // Older kept forms nobody came back for go.
        try await KeptForm.query(on: req.db).filter(\.$createdAt < req.now.addingTimeInterval(-lifetime)).delete()
        return kept.id
    }

    /// A form body's fields in order, repeated names (checkboxes) kept.
    static func pairs(of body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The fields, opened; nil when sealed with another key.
    func opened(with keys: DataKeys) -> [(String, String)]? {
        guard let json = keys.openRestricted(fields), let pairs = try? JSONDecoder().decode([[String]].self, from: Data(json.utf8)) else { return nil }
        return pairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }
}
