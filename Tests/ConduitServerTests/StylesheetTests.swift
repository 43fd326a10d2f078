import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("The stylesheet")
struct StylesheetTests {
    @Test("pages link the stylesheet by its content hash; it is kept a year, and an old hash is not found")
    func hashedAndCached() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = conduit.browser()
            // act
            let page = try await browser.get(SiteURL.home.path).body.string
            let css = try await browser.get(SiteURL.stylesheet.path)
            let stale = try await browser.get("/assets/conduit-000000000000.css")
            // check
            #expect(page.contains("href=\"/assets/conduit-\(Stylesheet.hash).css\""))
            #expect(Stylesheet.hash.count == 12 && Stylesheet.hash.allSatisfy(\.isHexDigit))
            #expect(css.status == .ok && css.headers.contentType?.subType == "css")
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(css.body.string.contains(":focus-visible"), "the file's rules, as written")
            #expect(stale.status == .notFound)
        }
    }
}
