import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// The guide's parts: `parts:` in site.yaml, `part:` in front matter.
@Suite struct PartsTests {
    static let siteYAML = """
        title: Fixture Guide
        description: A small site for sitegen's tests.
        base_url: https://example.com/docs/
        language: en-GB
        parts:
          - id: basics
            title: The basics
            description: Start here.
          - id: advanced
            title: Further on
            description: Later.

        """

    func article(_ title: String, part: String?, weight: Int? = nil) -> String {
        """
        ---
        title: \(title)
        summary: About \(title).
        date: 2024-01-01
        skills: []
        \(part.map { "part: \($0)\n" } ?? "")\(weight.map { "weight: \($0)\n" } ?? "")---

        Text.

        """
    }

    @Test func readingOrderFollowsThePartsThenWeight() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/site.yaml", Self.siteYAML)
        // Weights alone would put "zeta" first; its part comes second.
        try site.write("content/articles/zeta.md", article("Zeta", part: "advanced", weight: 1))
        try site.write("content/articles/alpha.md", article("Alpha", part: "basics", weight: 9))
        try site.write("content/articles/beta.md", article("Beta", part: nil, weight: 0))
        try site.write("templates/articles.mustache",
                       "{{<layout}}{{$main}}{{#parts}}[{{number}} {{title}}:{{#articles}} {{title}}{{/articles}}]{{/parts}}{{/main}}{{/layout}}")
        let pipeline = Pipeline(options: site.builder().options)
        let outcome = pipeline.run(checkOutputFolder: false)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let order = try #require(pipeline.lastSite).articles.map(\.slug)
        #expect(order.firstIndex(of: "alpha")! < order.firstIndex(of: "zeta")!)
        #expect(order.firstIndex(of: "zeta")! < order.firstIndex(of: "beta")!, "an article in no part comes after every part")
        let list = try #require(outcome.files.first { $0.path == "articles/index.html" }?.text)
        #expect(list.contains("[1 The basics: Alpha][2 Further on: Zeta][3 More articles:"))
    }

    @Test func anUnknownPartIsAnErrorWithASuggestion() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/site.yaml", Self.siteYAML)
        try site.write("content/articles/zeta.md", article("Zeta", part: "advanced-x"))
        let errors = try #require(site.buildErrors())
        #expect(errors.contains("content/articles/zeta.md:6:7: error: part: unknown part \"advanced-x\" (did you mean \"advanced\"?); parts are defined in content/site.yaml"),
                "\(errors)")
    }

    @Test func aBadPartsListIsReportedAtItsLine() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/site.yaml", Self.siteYAML + "  - id: basics\n    title: Again\n    description: Twice.\n")
        let errors = try #require(site.buildErrors())
        #expect(errors.contains { $0.hasPrefix("content/site.yaml:12:9: error: duplicate part id \"basics\" (first defined at line 6)") }, "\(errors)")
    }
}
