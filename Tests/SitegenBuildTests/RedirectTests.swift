import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `aliases:`: old URLs answered with a redirect page each and one `_redirects` file.
@Suite struct RedirectTests {
    func makeSite() throws -> ScratchSite {
        let site = try ScratchSite()
        try edit(site, "content/articles/second.md") {
            $0.replacingOccurrences(of: "  - beta\n", with: "  - beta\naliases: [/old-second/, /guides/second.html]\n")
        }
        try edit(site, "content/pages/about.md") { $0.replacingOccurrences(of: "updated: 2024-05-01\n", with: "updated: 2024-05-01\naliases:\n  - /about-us\n") }
        return site
    }

    @Test func eachAliasGetsARedirectPageAndALineOfRedirects() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let page = try site.read("old-second/index.html")
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/docs/articles/second/\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.com/docs/articles/second/\">"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<title>Moved: Second article</title>"))
        #expect(page.contains("<main>\n<h1>This page has moved</h1>\n<p>It is now <a href=\"/docs/articles/second/\">Second article</a>.</p>\n</main>"))
        #expect(try site.read("guides/second.html") == page)
        #expect(try site.read("about-us/index.html").contains("url=/docs/pages/about/"))
        let rules = try site.read("_redirects").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rules == ["/docs/old-second/ /docs/articles/second/ 301", "/docs/guides/second.html /docs/articles/second/ 301",
                          "/docs/about-us/ /docs/pages/about/ 301"])
        // Old URLs are not pages of the site.
        #expect(try !site.read("sitemap.xml").contains("old-second"))
    }

    @Test func theRulesFollowTheBasePath() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try site.builder(baseURL: "https://example.org/").build()
        #expect(try site.read("_redirects").contains("\n/old-second/ /articles/second/ 301\n"))
        #expect(try site.read("old-second/index.html").contains("href=\"https://example.org/articles/second/\""))
    }

    @Test func noAliasesNoRedirectsFile() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("_redirects").path))
    }

    @Test func aliasesThatClashAreErrorsNamingBothPlaces() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("content/static/old.html", "<p>old</p>")
        try edit(site, "content/articles/intro.md") {
            $0.replacingOccurrences(of: "weight: 1\n", with: "weight: 1\naliases: [/old-second/, /articles/second/, /old.html, /skills/]\n")
        }
        let errors = try #require(site.buildErrors())
        #expect(errors.contains("content/articles/second.md:7:11: error: aliases: \"/old-second/\" is also an alias at content/articles/intro.md:9:11 (of /articles/intro/); one old URL can send readers to one place only"), "\(errors)")
        #expect(errors.contains("content/articles/intro.md:9:25: error: aliases: \"/articles/second/\" collides with content/articles/second.md, which is published at /articles/second/index.html"), "\(errors)")
        #expect(errors.contains("content/articles/intro.md:9:44: error: aliases: \"/old.html\" collides with content/static/old.html, which is published at /old.html"), "\(errors)")
        #expect(errors.contains("content/articles/intro.md:9:55: error: aliases: \"/skills/\" collides with skills index, which is published at /skills/index.html"), "\(errors)")
        #expect(errors.count == 4, "\(errors)")
    }

    @Test func anAliasMustBeAPlainSitePath() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try edit(site, "content/articles/second.md") {
            $0.replacingOccurrences(of: "  - beta\n", with: "  - beta\naliases: [old/, \"/a b/\", /x/../y/, \"https://example.org/x/\", \"/x?y\"]\n")
        }
        let errors = try #require(site.buildErrors())
        #expect(errors == [
            "content/articles/second.md:7:11: error: aliases: \"old/\" must be a path on this site starting with /, such as /old-name/ (written without the base path)",
            "content/articles/second.md:7:17: error: aliases: \"/a b/\" may hold only letters, digits and - . _ ~ / % (no spaces, query or fragment)",
            "content/articles/second.md:7:26: error: aliases: \"/x/../y/\" must not contain . or .. segments or //",
            "content/articles/second.md:7:36: error: aliases: \"https://example.org/x/\" must be a path on this site starting with /, such as /old-name/ (written without the base path)",
            "content/articles/second.md:7:62: error: aliases: \"/x?y\" may hold only letters, digits and - . _ ~ / % (no spaces, query or fragment)",
        ], "\(errors)")
    }

    @Test func aRebuildAfterAddingAnAliasEqualsAFreshBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let pipeline = Pipeline(options: site.builder().options)
        _ = pipeline.run(checkOutputFolder: false)
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "  - beta\n", with: "  - beta\naliases: [/old-second/]\n") }
        let rebuilt = pipeline.run(checkOutputFolder: false)
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(contents(rebuilt.files) == freshBuild(site))
        #expect(rebuilt.files.contains { $0.path == "old-second/index.html" })
    }
}
