import Crypto
import Foundation

/// The one stylesheet, `Resources/conduit.css`, served at a URL holding its content hash
/// (`/assets/conduit-<hash>.css`): a browser may keep it for a year, and a changed file gets
/// a new URL, so nobody is left with an old one.
enum Stylesheet {
    static let css: String = {
        guard let url = Bundle.module.url(forResource: "conduit", withExtension: "css"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("Resources/conduit.css is missing from the ConduitServer bundle")
        }
        return text
    }()

    /// The first 12 hex digits of the file's SHA-256.
    static let hash = String(SHA256.hash(data: Data(css.utf8)).map { String(format: "%02x", $0) }.joined().prefix(12))
}

/// The one script, `Resources/exit-this-page.js`: the keyboard shortcut and history handling
/// of "Leave this page", on the public pages about harmful practices. Everything else works
/// without JavaScript, and so does that button. Served like the stylesheet, by content hash.
enum ExitScript {
    static let javascript: String = {
        guard let url = Bundle.module.url(forResource: "exit-this-page", withExtension: "js"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("Resources/exit-this-page.js is missing from the ConduitServer bundle")
        }
        return text
    }()

    static let hash = String(SHA256.hash(data: Data(javascript.utf8)).map { String(format: "%02x", $0) }.joined().prefix(12))
}
