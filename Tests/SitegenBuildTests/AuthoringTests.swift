import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

@Suite struct NewCommandTests {
    @Test func newArticleWritesValidFrontMatterAndNeverOverwrites() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let path = try Scaffold.newArticle(title: "Caching: Why & How, in Practice", source: site.source.path,
                                           today: Day(iso: "2026-11-22")!)
        #expect(path.hasSuffix("content/articles/caching-why-how-in-practice.md"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"Caching: Why & How, in Practice\"\n"))
        #expect(text.contains("date: 2026-11-22\nskills: []\ndraft: true\n"))
        // It builds (as a draft it stays out of the site until published).
        let builder = Builder(options: BuildOptions(source: site.source.path, output: site.output.path, includeDrafts: true))
        let (files, diagnostics) = builder.renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(files.contains { $0.path == "articles/caching-why-how-in-practice/index.html" })

        try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newArticle(title: "Caching: why & how, in practice", source: site.source.path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine")
    }

    @Test func slugsAreASCII() {
        #expect(Scaffold.slug(for: "Déjà vu: Ünïcode Titles!") == "deja-vu-unicode-titles")
        #expect(Scaffold.slug(for: "  C++ & C#  ") == "c-c")
        #expect(Scaffold.slug(for: "日本語") == "")
    }

    @Test func newSkillAppendsWithoutDisturbingTheFile() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let url = site.source.appendingPathComponent("content/skills.yaml")
        let before = try String(contentsOf: url, encoding: .utf8)
        try Scaffold.newSkill(id: "message-queues", source: site.source.path)
        let after = try String(contentsOf: url, encoding: .utf8)
        #expect(after.hasPrefix(before))
        #expect(after.dropFirst(before.count).hasPrefix("- id: message-queues\n  name: Message Queues\n"))
        let (_, diagnostics) = Builder(options: BuildOptions(source: site.source.path, output: site.output.path)).renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newSkill(id: "alpha", source: site.source.path) }
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newSkill(id: "Bad Id", source: site.source.path) }
        #expect(try String(contentsOf: url, encoding: .utf8) == after)
    }
}

@Suite struct CheckCommandTests {
    @Test func lintsAreReportedWithPositions() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/articles/lint.md", """
        ---
        title: Lint
        summary: An article with things to fix.
        date: 2024-01-15
        skills: []
        ---

        ### Skipped a level

        ![](../static/images/pixel.png)

        See [the web](https://example.org/page).

        """)
        try site.write("content/salaries.yaml", """
        - role: Backend developer
          region: United States
          currency: USD
          amount: 100000
          source: Old Survey
          as_of: 2019
        """)
        let diagnostics = Builder(options: BuildOptions(source: site.source.path))
            .check(lints: Lints.Options(salaryMaxAgeYears: 3, today: Day(iso: "2026-11-22")!))
            .map { $0.description.replacingOccurrences(of: site.source.path + "/", with: "") }
        #expect(diagnostics.contains("content/articles/lint.md: warning: article names no skills"))
        #expect(diagnostics.contains("content/articles/lint.md:8:1: warning: heading \"Skipped a level\" skips from level 1 to 3"))
        #expect(diagnostics.contains("content/articles/lint.md:10:5: warning: image \"../static/images/pixel.png\" has no alt text; describe it, e.g. ![A diagram of ...](...)"))
        #expect(diagnostics.contains("content/articles/lint.md:12:15: note: external link https://example.org/page (not checked)"))
        #expect(diagnostics.contains("content/skills.yaml:9:7: warning: skill \"gamma\" is taught by no article"))
        #expect(diagnostics.contains("content/salaries.yaml:1:3: warning: salary figure for \"Backend developer, United States\" is from 2019, more than 3 years ago"))
        #expect(!diagnostics.contains { $0.contains(": error: ") })
    }

    @Test func checkReportsBuildErrorsWithoutWriting() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.apply(overlay: Fixtures.bad.appendingPathComponent("unknown-skill"))
        let diagnostics = Builder(options: BuildOptions(source: site.source.path)).check()
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("unknown skill \"betta\"") })
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}
