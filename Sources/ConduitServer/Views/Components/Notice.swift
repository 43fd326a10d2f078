import Foundation
import Vapor

/// What a page says when a change has just brought someone to it. The change's redirect names
/// the notice in the URL (`done=` and its code), and the page reads it back: each page's codes
/// and their words are one enum beside the page (issue 15), so a redirect cannot name a notice
/// its page does not have.
protocol PageNotice: RawRepresentable, Sendable where RawValue == String {}

extension PageNotice {
    /// The query that names it, for the redirect.
    var query: [(String, String)] { [("done", rawValue)] }

    /// The notice a change sent the person here with, if any.
    static func read(_ req: Request) -> Self? { Self(rawValue: req.queryText("done")) }
}
