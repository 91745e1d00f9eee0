import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// A rebuild must do only the work an edit calls for, and must always produce exactly
/// what a fresh full build of the same sources produces.
@Suite struct IncrementalBuilderTests {
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
        let serialFiles = snapshot(of: site.output)
        let differing = Set(serialFiles.keys).union(parallelFiles.keys).filter { serialFiles[$0] != parallelFiles[$0] }.sorted()
        #expect(differing.isEmpty, "files that differ: \(differing)")
        // Kept for a look at what differs (a flaky difference is hard to catch twice).
        for path in differing.prefix(3) {
            let name = path.replacingOccurrences(of: "/", with: "_")
            try? parallelFiles[path]?.write(to: URL(fileURLWithPath: "/tmp/sitegen-parallel\(name)"))
            try? serialFiles[path]?.write(to: URL(fileURLWithPath: "/tmp/sitegen-serial\(name)"))
        }
    }

    @Test func aRebuildWithNoChangeRendersNothing() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        let first = builder.run()
        #expect(first.renderedCount == first.files.count)
        let second = builder.run()
        #expect(second.renderedCount == 0)
        #expect(second.changedPaths.isEmpty)
        #expect(contents(second.files) == contents(first.files))
    }

    @Test func editingOneArticleBodyRendersOnlyWhatShowsIt() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        _ = builder.run()
        try edit(site, "content/articles/second.md") { $0 + "\nOne more sentence.\n" }
        let outcome = builder.run()
        // Of the search index, what counts and places terms changed; the documents file shows no body.
        #expect(outcome.changedPaths == ["articles/second/index.html", "feed.xml", "search/index.json",
                                         "search/terms-0.json", "search/postings-0.json"])
        // The sitemap and the feed's neighbours were checked by key, not re-rendered needlessly.
        #expect(outcome.renderedCount <= 6, "rendered \(outcome.renderedCount)")
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func aWordRemovedByAnEditLeavesTheSearchIndex() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        try edit(site, "content/articles/second.md") { $0 + "\nA zeppelin passes.\n" }
        let first = builder.run()
        #expect(first.files.contains { $0.path.hasPrefix("search/terms-") && $0.text?.contains("\"zeppelin\"") == true })
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "A zeppelin passes.", with: "A plane passes.") }
        let outcome = builder.run()
        #expect(!outcome.files.contains { $0.path.hasPrefix("search/") && $0.text?.contains("zeppelin") == true })
        #expect(contents(outcome.files) == freshBuild(site))
    }

    /// The pages', salaries' and skills' search documents are kept between rebuilds while
    /// what they are made from holds: an edited page must still reach the index.
    @Test func anEditedPageReachesTheSearchIndex() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        _ = builder.run()
        try edit(site, "content/articles/second.md") { $0 + "\nAn article edit first.\n" }
        _ = builder.run()
        try edit(site, "content/pages/about.md") { $0 + "\nA zeppelin passes.\n" }
        let outcome = builder.run()
        #expect(outcome.files.contains { $0.path.hasPrefix("search/terms-") && $0.text?.contains("\"zeppelin\"") == true })
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func editingATitleUpdatesEveryPageThatShowsIt() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        _ = builder.run()
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "title: Second article", with: "title: Renamed article") }
        let outcome = builder.run()
        for path in ["index.html", "articles/index.html", "articles/second/index.html", "articles/intro/index.html",
                     "skills/beta/index.html", "404.html", "feed.xml", "search/documents-0.json"] {
            #expect(outcome.changedPaths.contains(path), "\(path) should show the new title")
        }
        #expect(!outcome.changedPaths.contains("skills/alpha/index.html"))
        #expect(!outcome.changedPaths.contains("salaries/index.html"))
        #expect(contents(outcome.files) == freshBuild(site))
    }

    /// An article page shows its neighbours' titles: retitling one article must render its
    /// neighbours again. In Fixtures/ranking, message-queues sits between writing-docs and
    /// authentication and shares no skill with either, so it is on no related list there:
    /// only the neighbours' cards in an article page's render key make them change.
    @Test func retitlingAnArticleRendersItsNeighboursAgain() throws {
        let site = try ScratchSite.ranking()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        let first = builder.run()
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics)")
        func page(_ files: [OutputFile], _ slug: String) -> String {
            files.first { $0.path == "articles/\(slug)/index.html" }?.text ?? ""
        }
        #expect(page(first.files, "writing-docs").contains("<a rel=\"next\" href=\"/articles/message-queues/\">Message queues</a>"))
        #expect(page(first.files, "authentication").contains("<a rel=\"prev\" href=\"/articles/message-queues/\">Message queues</a>"))
        #expect(!page(first.files, "writing-docs").contains("<ul class=\"related\"><li>"))

        try edit(site, "content/articles/message-queues.md") {
            $0.replacingOccurrences(of: "title: \"Message queues\"", with: "title: \"Queues and workers\"")
        }
        let outcome = builder.run()
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        for slug in ["message-queues", "writing-docs", "authentication"] {
            #expect(outcome.changedPaths.contains("articles/\(slug)/index.html"), "\(slug) shows the new title")
        }
        #expect(page(outcome.files, "writing-docs").contains("<a rel=\"next\" href=\"/articles/message-queues/\">Queues and workers</a>"))
        #expect(page(outcome.files, "authentication").contains("<a rel=\"prev\" href=\"/articles/message-queues/\">Queues and workers</a>"))
        // Articles that show nothing of it are left alone.
        #expect(!outcome.changedPaths.contains("articles/cache-basics/index.html"))
        #expect(!outcome.changedPaths.contains("articles/building-a-service/index.html"))
        let fresh = freshBuild(site), rebuilt = contents(outcome.files)
        #expect(Set(fresh.keys).union(rebuilt.keys).filter { fresh[$0] != rebuilt[$0] }.sorted() == [],
                "these files differ from a fresh build")
    }

    @Test func addingRemovingAndBreakingFilesMatchesAFreshBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        _ = builder.run()

        try site.write("content/articles/third.md", "---\ntitle: Third\nsummary: New.\ndate: 2024-05-01\nskills: [alpha, beta]\n---\n\n## Part\n\nSee [intro](intro.md).\n")
        var outcome = builder.run()
        #expect(outcome.changedPaths.contains("articles/third/index.html"))
        #expect(contents(outcome.files) == freshBuild(site))

        // A broken edit fails; fixing it recovers, with nothing stale left behind.
        try edit(site, "content/articles/third.md") { $0.replacingOccurrences(of: "skills: [alpha, beta]", with: "skills: [alpah]") }
        outcome = builder.run()
        #expect(outcome.diagnostics.contains { $0.message.contains("unknown skill \"alpah\"") })
        #expect(outcome.files.isEmpty)
        try edit(site, "content/articles/third.md") { $0.replacingOccurrences(of: "skills: [alpah]", with: "skills: [gamma]") }
        outcome = builder.run()
        #expect(!outcome.diagnostics.hasErrors)
        #expect(contents(outcome.files) == freshBuild(site))

        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/articles/third.md"))
        outcome = builder.run()
        #expect(outcome.changedPaths.contains("articles/third/index.html"))
        #expect(!outcome.files.contains { $0.path == "articles/third/index.html" })
        #expect(contents(outcome.files) == freshBuild(site))
    }

    @Test func renamingAHeadingBreaksFragmentLinksFromUnchangedArticles() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        #expect(!builder.run().diagnostics.hasErrors)
        // intro.md links to second.md#details; only second.md changes.
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "## Details", with: "## Particulars") }
        let broken = builder.run().diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(broken.count == 1)
        #expect(broken.first?.hasSuffix("content/articles/intro.md:11:33: error: broken link \"second.md#details\": no heading or element with id \"details\" in /articles/second/") == true, "\(broken)")
        // And back: the same unchanged article is fine again.
        try edit(site, "content/articles/second.md") { $0.replacingOccurrences(of: "## Particulars", with: "## Details") }
        #expect(!builder.run().diagnostics.hasErrors)
        // Removing the target page breaks it too.
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/pages/about.md"))
        let missing = builder.run().diagnostics.filter { $0.severity == .error }
        #expect(missing.count == 1 && missing[0].message.hasPrefix("broken link \"../pages/about.md\""))
    }

    @Test func changingTheThemeOrSettingsRendersEverythingAgain() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        let first = builder.run()
        try edit(site, "templates/layout.mustache") { $0.replacingOccurrences(of: "<main id=\"main\">", with: "<main id=\"main\" class=\"x\">") }
        var outcome = builder.run()
        #expect(outcome.renderedCount == first.files.count)
        #expect(contents(outcome.files) == freshBuild(site))
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "https://example.com/docs/", with: "https://example.com/") }
        outcome = builder.run()
        #expect(outcome.files.first { $0.path == "articles/intro/index.html" }?.text?.contains("href=\"/articles/second/#details\"") == true)
        #expect(contents(outcome.files) == freshBuild(site))
    }

    /// The reading order and the related lists are reused while the articles' places and
    /// skills hold: random edits to what decides them (title, date, weight, part, skills),
    /// and to what does not, must each give what a fresh build gives.
    @Test func editsToWhatOrdersArticlesMatchAFreshBuild() throws {
        let site = try ScratchSite.ranking()
        defer { site.remove() }
        try edit(site, "content/site.yaml") {
            $0 + "parts:\n  - {id: one, title: Part one, description: First.}\n  - {id: two, title: Part two, description: Second.}\n"
        }
        let folder = site.source.appendingPathComponent("content/articles")
        let slugs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        let skills = ["api", "sql", "cache", "queue", "auth", "docs"]
        var random = SeededGenerator(seed: 41)
        struct Front { var title: String; var date: String; var weight: Int?; var part: String?; var skills: [String]; var body = "Words." }
        var fronts = slugs.enumerated().map { index, slug in
            Front(title: ["Alpha", "Beta", "Gamma"][index % 3], date: "2024-0\(index % 3 + 1)-01", weight: nil, part: nil, skills: [skills[index % 6]])
        }
        func write(_ index: Int) throws {
            let front = fronts[index]
            try site.write("content/articles/\(slugs[index])", Self.article(
                title: front.title, date: front.date, skills: front.skills, body: front.body,
                more: (front.weight.map { "weight: \($0)\n" } ?? "") + (front.part.map { "part: \($0)\n" } ?? "")))
        }
        for index in slugs.indices { try write(index) }
        let builder = Pipeline(options: site.builder().options)
        let first = builder.run()
        try #require(!first.diagnostics.hasErrors && !first.files.isEmpty, "\(first.diagnostics)")
        #expect(contents(first.files) == freshBuild(site))
        for step in 0..<36 {
            let index = Int.random(in: 0..<slugs.count, using: &random)
            let before = fronts[index]
            var what = ""
            // Few dates and titles, so ties make the next key decide.
            while fronts[index].title == before.title && fronts[index].date == before.date && fronts[index].weight == before.weight
                    && fronts[index].part == before.part && fronts[index].skills == before.skills && fronts[index].body == before.body {
                switch step % 6 {
                case 0: fronts[index].title = ["Alpha", "Beta", "Gamma"].randomElement(using: &random)!; what = "title"
                case 1: fronts[index].date = ["2024-01-01", "2024-02-01", "2024-03-01"].randomElement(using: &random)!; what = "date"
                case 2: fronts[index].weight = [nil, 1, 2].randomElement(using: &random)!; what = "weight"
                case 3: fronts[index].part = [nil, "one", "two"].randomElement(using: &random)!; what = "part"
                case 4: fronts[index].skills = Array(skills.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random))); what = "skills"
                default: fronts[index].body += " More \(step)."; what = "body"
                }
            }
            try write(index)
            let outcome = builder.run()
            #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
            #expect(contents(outcome.files) == freshBuild(site), "step \(step): \(what) of \(slugs[index])")
        }
    }

    /// Link results are reused by a source's place, text, the site's paths and the ids of
    /// the pages it links into: random edits to each (links added and removed, headings
    /// renamed, articles reordered, two articles with the same text) must report exactly
    /// what a fresh check reports.
    @Test func linkErrorsAfterAnyEditMatchAFreshCheck() throws {
        let site = try ScratchSite.ranking()
        defer { site.remove() }
        let folder = site.source.appendingPathComponent("content/articles")
        let slugs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        var random = SeededGenerator(seed: 8)
        struct Text { var date: String; var heading: String; var links: [String] }
        let headings = ["Overview", "Summary"]
        func anyLink() -> String {
            let target = slugs.randomElement(using: &random)!
            return target + ["", "#overview", "#summary"].randomElement(using: &random)!
        }
        var texts = slugs.map { _ in Text(date: "2024-01-01", heading: "Overview", links: []) }
        func write(_ index: Int) throws {
            let text = texts[index]
            try site.write("content/articles/\(slugs[index])", Self.article(
                title: "Same", date: text.date, skills: ["api"],
                body: "## \(text.heading)\n\n" + text.links.map { "[a link](\($0))" }.joined(separator: " and ")))
        }
        for index in slugs.indices {
            texts[index].links = (0..<3).map { _ in anyLink() }
            try write(index)
        }
        let builder = Pipeline(options: site.builder().options)
        func errors(_ outcome: Pipeline.Outcome) -> [String] {
            outcome.diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        var reported = errors(builder.run())
        #expect(reported == errors(Pipeline(options: site.builder().options).run()))
        #expect(!reported.isEmpty, "some links start out broken")
        for step in 0..<40 {
            let index = Int.random(in: 0..<slugs.count, using: &random)
            switch step % 5 {
            case 0: texts[index].links.append(anyLink())
            case 1: if !texts[index].links.isEmpty { texts[index].links.removeFirst() }
            case 2: texts[index].heading = headings.first { $0 != texts[index].heading }!
            case 3: texts[index].date = "2024-0\(Int.random(in: 1...9, using: &random))-01"
            default: texts[index] = texts[(index + 1) % slugs.count]  // the same text as another
            }
            try write(index)
            reported = errors(builder.run())
            #expect(reported == errors(Pipeline(options: site.builder().options).run()), "step \(step)")
        }
    }

    /// Two articles with the same text (so the same fingerprint): when a third moves past
    /// them, each must keep its own results, which name its own file.
    @Test func articlesWithTheSameTextKeepTheirOwnLinkErrors() throws {
        let site = try ScratchSite.ranking()
        defer { site.remove() }
        let folder = site.source.appendingPathComponent("content/articles")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        func article(date: String) -> String {
            Self.article(title: "Same", date: date, skills: ["api"], body: "A [broken link](nowhere.md).")
        }
        try site.write("content/articles/a.md", article(date: "2024-01-01"))
        try site.write("content/articles/b.md", article(date: "2024-01-01"))
        try site.write("content/articles/c.md", article(date: "2024-03-01"))  // newest: first
        let builder = Pipeline(options: site.builder().options)
        func errors(_ outcome: Pipeline.Outcome) -> [String] {
            outcome.diagnostics.filter { $0.severity == .error }.map { $0.location.path }
        }
        #expect(errors(builder.run()).map { URL(fileURLWithPath: $0).lastPathComponent } == ["c.md", "a.md", "b.md"])
        try site.write("content/articles/c.md", article(date: "2023-03-01"))  // now last
        #expect(errors(builder.run()).map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.md", "b.md", "c.md"])
    }

    /// An article file of the tests above: front matter (with `more` lines) and body.
    static func article(title: String, date: String, skills: [String], body: String, more: String = "") -> String {
        "---\ntitle: \"\(title)\"\nsummary: \"S.\"\ndate: \(date)\nskills: [\(skills.joined(separator: ", "))]\n\(more)---\n\n\(body)\n"
    }
}
