import ConduitCore
import Foundation
import Vapor

/// The responses panel a session's page and a group's page show: the Forms part owns it.
extension ResponsesPanel.Model {
    /// The panel for a subject, or nil when no form for the purpose is loaded or the person may not read its responses.
    static func of(_ purpose: FormPurpose, about subject: FormStore.Subject, canRecord: Bool, startPath: String,
                   req: Request) async throws -> ResponsesPanel.Model? {
        let visitor = try req.signedIn
        guard visitor.allows(purpose.readAction), let latest = try await FormStore.latestForms(for: purpose, on: req.db).first else { return nil }
        let filter: (String, String) = switch subject {
        case .trainingSession(let id): ("session", id.uuidString.lowercased())
        case .group(let id): ("group", id.uuidString.lowercased())
        }
        return .init(purpose: purpose, counts: try await FormStore.responseCounts(about: subject, in: visitor.scope(purpose.readAction), on: req.sql),
                     startPath: canRecord ? startPath : nil, findingsPath: SiteURL.auditFindings.path(query: [("form", latest.definition.key), filter]))
    }
}
