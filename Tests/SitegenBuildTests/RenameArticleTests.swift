import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `sitegen mv OLD NEW`: the file moves, the old URL becomes an alias, links follow, and
/// nothing else in any file changes.
@Suite struct RenameArticleTests {
    func text(_ site: ScratchSite, _ path: String) throws -> String {
        try String(contentsOf: site.source.appendingPathComponent(path), encoding: .utf8)
    }

    /// The fixture with links to `intro` in every form an author may write them.
    func makeSite() throws -> ScratchSite {
        let site = try ScratchSite()
        try edit(site, "content/articles/second.md") {
            $0 + """

                Again: [intro, site path](/articles/intro/#first-steps), [by reference][ref] and
                [intro.md twice](intro.md).

                [ref]: intro.md

                ```markdown
                A sample, not a link: [intro](intro.md)
                ```

                """
        }
        // A draft with CRLF line endings links to it too.
        try site.write("content/articles/unfinished.md",
                       "---\r\ntitle: Unfinished\r\nsummary: Not ready.\r\ndate: 2024-04-01\r\nskills: [alpha]\r\ndraft: true\r\n---\r\n\r\nSee [the intro](./intro.md).\r\n")
        return site
    }

    @Test func renamesMovesAliasesAndRewritesEveryLink() throws {
        let site = try makeSite()
        defer { site.remove() }
        let before = (intro: try text(site, "content/articles/intro.md"), second: try text(site, "content/articles/second.md"),
                      about: try text(site, "content/pages/about.md"), unfinished: try text(site, "content/articles/unfinished.md"))

        let outcome = try RenameArticle.run(from: "intro", to: "getting-started", source: site.source.path)
        #expect(outcome.rewritten.map(\.links).reduce(0, +) == 6)

        #expect(!FileManager.default.fileExists(atPath: site.source.appendingPathComponent("content/articles/intro.md").path))
        // The moved file: one line added before the closing ---, nothing else changed.
        #expect(try text(site, "content/articles/getting-started.md")
                == before.intro.replacingOccurrences(of: "weight: 1\n---\n", with: "weight: 1\naliases: [/articles/intro/]\n---\n"))
        #expect(try text(site, "content/articles/second.md") == before.second
            .replacingOccurrences(of: "[intro](intro.md).\n\n<div>", with: "[intro](getting-started.md).\n\n<div>")
            .replacingOccurrences(of: "(/articles/intro/#first-steps)", with: "(/articles/getting-started/#first-steps)")
            .replacingOccurrences(of: "[ref]: intro.md", with: "[ref]: getting-started.md")
            .replacingOccurrences(of: "[intro.md twice](intro.md)", with: "[intro.md twice](getting-started.md)"))
        #expect(try text(site, "content/articles/second.md").contains("A sample, not a link: [intro](intro.md)"), "code blocks are left alone")
        #expect(try text(site, "content/pages/about.md") == before.about.replacingOccurrences(of: "../articles/intro.md", with: "../articles/getting-started.md"))
        #expect(try text(site, "content/articles/unfinished.md") == before.unfinished.replacingOccurrences(of: "./intro.md", with: "./getting-started.md"), "CRLF kept")

        // The site builds clean, and the old URL redirects.
        let report = try site.builder().build()
        #expect(!report.warnings.contains { $0.severity == .error })
        #expect(try site.read("articles/intro/index.html").contains("url=/docs/articles/getting-started/"))
        #expect(try site.read("_redirects").contains("/docs/articles/intro/ /docs/articles/getting-started/ 301"))
        #expect(try site.read("articles/second/index.html").contains("href=\"/docs/articles/getting-started/#first-steps\""))
    }

    @Test func anExistingAliasListGrowsByOne() throws {
        let flow = "---\ntitle: T\naliases: [/old/]\n---\nBody\n"
        #expect(try RenameArticle.addAlias("/articles/x/", to: flow).get() == "---\ntitle: T\naliases: [/old/, /articles/x/]\n---\nBody\n")
        let empty = "---\ntitle: T\naliases: []\n---\n"
        #expect(try RenameArticle.addAlias("/articles/x/", to: empty).get() == "---\ntitle: T\naliases: [/articles/x/]\n---\n")
        let block = "---\r\ntitle: T\r\naliases:\r\n    - /old/\r\nskills: []\r\n---\r\n"
        #expect(try RenameArticle.addAlias("/articles/x/", to: block).get() == "---\r\ntitle: T\r\naliases:\r\n    - /old/\r\n    - /articles/x/\r\nskills: []\r\n---\r\n")
        #expect(throws: RenameArticle.AliasProblem.self) { try RenameArticle.addAlias("/x/", to: "---\ntitle: T\naliases: /old/\n---\n").get() }
    }

    @Test func renamedKeepsFoldersAndFragments() {
        #expect(RenameArticle.renamed("intro.md#a", old: "intro", new: "start") == "start.md#a")
        #expect(RenameArticle.renamed("../articles/intro.md", old: "intro", new: "start") == "../articles/start.md")
        #expect(RenameArticle.renamed("/articles/intro/", old: "intro", new: "start") == "/articles/start/")
        #expect(RenameArticle.renamed("/articles/intro", old: "intro", new: "start") == "/articles/start")
    }

    @Test func refusalsChangeNothing() throws {
        let site = try makeSite()
        defer { site.remove() }
        let untouched = snapshot(of: site.source)
        func failure(_ old: String, _ new: String) -> String? {
            do { _ = try RenameArticle.run(from: old, to: new, source: site.source.path); return nil } catch { return error.description }
        }
        #expect(failure("intro", "second")?.hasSuffix("content/articles/second.md: error: an article of that name exists already") == true)
        #expect(failure("intr", "x")?.hasSuffix("content/articles/intr.md: error: no such article (did you mean \"intro\"?)") == true)
        #expect(failure("intro", "Bad Name") == "error: \"Bad Name\" is not a valid slug; \(Slug.rule)")
        #expect(failure("intro", "intro") == "error: the old and new slugs are the same")
        try edit(site, "content/pages/about.md") { $0 + "\n[broken](../articles/nowhere.md)\n" }
        let broken = snapshot(of: site.source)
        #expect(failure("intro", "start")?.hasPrefix("error: the site has 1 error; fix them first") == true)
        #expect(snapshot(of: site.source) == broken)
        #expect(untouched.count == broken.count)
    }

    @Test func theCommandSaysWhatItDid() throws {
        let site = try makeSite()
        defer { site.remove() }
        let result = try SitegenCommand.run(["mv", "second", "the-second"], in: site.source)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == """
            Moved content/articles/second.md to content/articles/the-second.md; /articles/second/ now redirects to /articles/the-second/
            Rewrote 1 link in 1 file
              content/articles/intro.md (1)

            """)
        let check = try SitegenCommand.run(["check"], in: site.source)
        #expect(check.status == 0, "\(check.err)")
        let again = try SitegenCommand.run(["mv", "second", "other"], in: site.source)
        #expect(again.status == 1)
        #expect(again.err.contains("content/articles/second.md: error: no such article"), "\(again.err)")
    }
}
