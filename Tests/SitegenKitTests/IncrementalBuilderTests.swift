import Foundation
import Testing
@testable import SitegenKit

/// A rebuild must do only the work an edit calls for, and must always produce exactly
/// what a fresh full build of the same sources produces.
@Suite struct IncrementalBuilderTests {
    func contents(_ files: [OutputFile]) -> [String: OutputFile.Contents] {
        Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
    }

    func freshBuild(_ site: ScratchSite) -> [String: OutputFile.Contents] {
        contents(IncrementalBuilder(options: site.builder().options).rebuild().files)
    }

    func edit(_ site: ScratchSite, _ path: String, _ change: (String) -> String) throws {
        let url = site.source.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try site.write(path, change(text))
    }

    @Test func serialAndParallelBuildsAreByteIdentical() throws {
        let site = try ScratchSite(copying: Fixtures.repository)
        defer { site.remove() }
        try? FileManager.default.removeItem(at: site.output)
        let parallel = try site.builder().build()
        let parallelFiles = snapshot(of: site.output)
        ParallelMap.serial = true
        defer { ParallelMap.serial = false }
        try FileManager.default.removeItem(at: site.output)
        let serial = try site.builder().build()
        #expect(serial.fileCount == parallel.fileCount)
        #expect(snapshot(of: site.output) == parallelFiles)
    }

    @Test func aRebuildWithNoChangeRendersNothing() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        let first = builder.rebuild()
        #expect(first.renderedCount == first.files.count)
        let second = builder.rebuild()
        #expect(second.renderedCount == 0)
        #expect(second.changedPaths.isEmpty)
        #expect(contents(second.files) == contents(first.files))
    }

    @Test func editingOneArticleBodyRendersOnlyWhatShowsIt() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        _ = builder.rebuild()
        try edit(site, "content/articles/second.md") { $0 + "\nOne more sentence.\n" }
        let outcome = builder.rebuild()
        #expect(outcome.changedPaths == ["articles/second/index.html", "feed.xml", "search-index.json"])
        // The sitemap and the feed's neighbours were checked by key, not re-rendered needlessly.
        #expect(outcome.renderedCount <= 4, "rendered \(outcome.renderedCount)")
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func editingATitleUpdatesEveryPageThatShowsIt() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        _ = builder.rebuild()
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "title: Second article", with: "title: Renamed article") }
        let outcome = builder.rebuild()
        for path in ["index.html", "articles/index.html", "articles/second/index.html", "articles/intro/index.html",
                     "skills/beta/index.html", "search/index.html", "404.html", "feed.xml", "search-index.json"] {
            #expect(outcome.changedPaths.contains(path), "\(path) should show the new title")
        }
        #expect(!outcome.changedPaths.contains("skills/alpha/index.html"))
        #expect(!outcome.changedPaths.contains("salaries/index.html"))
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func addingRemovingAndBreakingFilesMatchesAFreshBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        _ = builder.rebuild()

        try site.write("content/articles/third.md", "---\ntitle: Third\nsummary: New.\ndate: 2024-05-01\nskills: [alpha, beta]\n---\n\n## Part\n\nSee [intro](intro.md).\n")
        var outcome = builder.rebuild()
        #expect(outcome.changedPaths.contains("articles/third/index.html"))
        #expect(contents(outcome.files) == freshBuild(site))

        // A broken edit fails; fixing it recovers, with nothing stale left behind.
        try edit(site, "content/articles/third.md") { $0.replacingOccurrences(of: "skills: [alpha, beta]", with: "skills: [alpah]") }
        outcome = builder.rebuild()
        #expect(outcome.diagnostics.contains { $0.message.contains("unknown skill \"alpah\"") })
        #expect(outcome.files.isEmpty)
        try edit(site, "content/articles/third.md") { $0.replacingOccurrences(of: "skills: [alpah]", with: "skills: [gamma]") }
        outcome = builder.rebuild()
        #expect(!outcome.diagnostics.hasErrors)
        #expect(contents(outcome.files) == freshBuild(site))

        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/articles/third.md"))
        outcome = builder.rebuild()
        #expect(outcome.changedPaths.contains("articles/third/index.html"))
        #expect(!outcome.files.contains { $0.path == "articles/third/index.html" })
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func renamingAHeadingBreaksFragmentLinksFromUnchangedArticles() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        #expect(!builder.rebuild().diagnostics.hasErrors)
        // intro.md links to second.md#details; only second.md changes.
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "## Details", with: "## Particulars") }
        let broken = builder.rebuild().diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(broken.count == 1)
        #expect(broken.first?.hasSuffix("content/articles/intro.md:11:33: error: broken link \"second.md#details\": no heading or element with id \"details\" in /articles/second/") == true, "\(broken)")
        // And back: the same unchanged article is fine again.
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "## Particulars", with: "## Details") }
        #expect(!builder.rebuild().diagnostics.hasErrors)
        // Removing the target page breaks it too.
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/pages/about.md"))
        let missing = builder.rebuild().diagnostics.filter { $0.severity == .error }
        #expect(missing.count == 1 && missing[0].message.hasPrefix("broken link \"../pages/about.md\""))
    }

    @Test func changingTheThemeOrSettingsRendersEverythingAgain() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = IncrementalBuilder(options: site.builder().options)
        let first = builder.rebuild()
        try edit(site, "templates/layout.mustache") { $0.replacingOccurrences(of: "<main id=\"main\">", with: "<main id=\"main\" class=\"x\">") }
        var outcome = builder.rebuild()
        #expect(outcome.renderedCount == first.files.count)
        #expect(contents(outcome.files) == freshBuild(site))
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "https://example.com/docs/", with: "https://example.com/") }
        outcome = builder.rebuild()
        #expect(outcome.files.first { $0.path == "articles/intro/index.html" }?.text?.contains("href=\"/articles/second/#details\"") == true)
        #expect(contents(outcome.files) == freshBuild(site))
    }
}
