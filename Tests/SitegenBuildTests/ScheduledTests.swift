import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// Articles and pages dated after the build's day wait for it: left out of every list,
/// the feed, sitemap, search index and skill pages; links to them are errors.
@Suite struct ScheduledTests {
    static let today = Day(iso: "2026-11-28")!

    static let scheduledArticle = """
        ---
        title: Coming soon
        summary: An article that goes live next week.
        date: 2026-12-05
        skills: [alpha]
        ---

        ## Soon

        Text.

        """

    static let scheduledPage = """
        ---
        title: Launch
        summary: A page that goes live next year.
        date: 2027-01-10
        ---

        Text.

        """

    /// The fixture's card partial, marking drafts and scheduled articles.
    static let markingCard = "<li><a href=\"{{url}}\">{{title}}</a>{{#draft}} [draft]{{/draft}}{{#scheduled}} [scheduled for {{.}}]{{/scheduled}}</li>"

    func makeSite() throws -> ScratchSite {
        let site = try ScratchSite()
        try site.write("content/articles/coming-soon.md", Self.scheduledArticle)
        try site.write("content/pages/launch.md", Self.scheduledPage)
        try site.write("templates/partials/card.mustache", Self.markingCard)
        try site.write("templates/page.mustache",
                       "{{<layout}}{{$main}}{{#content}}<h1>{{title}}</h1>{{#scheduled}}<p>[scheduled for {{.}}]</p>{{/scheduled}}{{{html}}}{{/content}}{{/main}}{{/layout}}")
        return site
    }

    func exists(_ site: ScratchSite, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path)
    }

    @Test func aScheduledArticleIsLeftOutOfEveryList() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try site.builder(today: Self.today).build()
        #expect(!exists(site, "articles/coming-soon/index.html"))
        #expect(!exists(site, "pages/launch/index.html"))
        for path in ["index.html", "articles/index.html", "skills/alpha/index.html", "search/index.html", "404.html",
                     "feed.xml", "sitemap.xml", "search/documents-0.json"] {
            let text = try site.read(path)
            #expect(!text.contains("coming-soon") && !text.contains("Coming soon"), "\(path) shows the scheduled article")
            #expect(!text.contains("pages/launch"), "\(path) shows the scheduled page")
        }
        #expect(report.scheduled.map(\.sitePath) == ["/articles/coming-soon/", "/pages/launch/"])
        #expect(report.summary.hasSuffix("; held back 2 scheduled articles and pages until 2026-12-05 (the next) to 2027-01-10 (the last); --future includes them"),
                "\(report.summary)")
    }

    @Test func theHeldBackLineNamesWhatAndUntilWhen() {
        let one = ScheduledDocument(sitePath: "/articles/a/", noun: "article", date: Day(iso: "2026-12-05")!, source: SourceLocation(path: "a.md"))
        var two = one
        two.sitePath = "/articles/b/"
        #expect(BuildReport.heldBackLine([]) == nil)
        #expect(BuildReport.heldBackLine([one]) == "held back 1 scheduled article until 2026-12-05; --future includes them")
        #expect(BuildReport.heldBackLine([one, two]) == "held back 2 scheduled articles until 2026-12-05; --future includes them")
    }

    @Test func onItsDayAnArticleIsPublished() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try site.builder(today: Day(iso: "2026-12-05")!).build()
        #expect(exists(site, "articles/coming-soon/index.html"))
        #expect(try site.read("feed.xml").contains("coming-soon"))
        #expect(try !site.read("articles/index.html").contains("[scheduled"), "a published article is not marked")
        #expect(report.scheduled.map(\.sitePath) == ["/pages/launch/"])
    }

    @Test func futureIncludesThemMarked() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try site.builder(future: true, today: Self.today).build()
        #expect(report.scheduled.isEmpty)
        #expect(!report.summary.contains("held back"))
        #expect(try site.read("articles/index.html").contains("Coming soon</a> [scheduled for 5 December 2026]</li>"))
        #expect(try site.read("skills/alpha/index.html").contains("[scheduled for 5 December 2026]"))
        #expect(try site.read("pages/launch/index.html").contains("<p>[scheduled for 10 January 2027]</p>"))
        #expect(try site.read("sitemap.xml").contains("articles/coming-soon/"))
    }

    @Test func aLinkToAScheduledArticleOrPageIsAnError() throws {
        let site = try makeSite()
        defer { site.remove() }
        try edit(site, "content/articles/second.md") { $0 + "\nSee [what is coming](coming-soon.md) and [the launch](../pages/launch.md).\n" }
        let lines = try String(contentsOf: site.source.appendingPathComponent("content/articles/second.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.lastIndex { $0.hasPrefix("See [what") }! + 1
        let errors = try #require(site.buildErrors())
        #expect(errors.contains("content/articles/second.md:\(line):22: error: broken link \"coming-soon.md\": links to an article scheduled for 2026-12-05 (build with --future to include it)"), "\(errors)")
        #expect(errors.contains("content/articles/second.md:\(line):55: error: broken link \"../pages/launch.md\": links to a page scheduled for 2027-01-10 (build with --future to include it)"), "\(errors)")
        // With --future, the same links resolve.
        #expect(throws: Never.self) { try site.builder(future: true).build() }
    }

    @Test func aScheduledDraftIsADraft() throws {
        let site = try makeSite()
        defer { site.remove() }
        try edit(site, "content/articles/coming-soon.md") { $0.replacingOccurrences(of: "skills: [alpha]", with: "skills: [alpha]\ndraft: true") }
        let report = try site.builder(future: true, today: Self.today).build()
        #expect(!exists(site, "articles/coming-soon/index.html"), "--future does not publish drafts")
        #expect(report.scheduled.isEmpty)
        _ = try site.builder(drafts: true, future: true, today: Self.today).build()
        #expect(try site.read("articles/index.html").contains("Coming soon</a> [draft] [scheduled for 5 December 2026]</li>"))
    }

    @Test func aPageDateMustBeADate() throws {
        let site = try makeSite()
        defer { site.remove() }
        try edit(site, "content/pages/launch.md") { $0.replacingOccurrences(of: "date: 2027-01-10", with: "date: soon") }
        let errors = try #require(site.buildErrors())
        #expect(errors.contains { $0.hasPrefix("content/pages/launch.md:4:7: error: date:") }, "\(errors)")
    }

    /// `--now` fixes the build's day like SITEGEN_NOW and wins over it; `--future` publishes
    /// what is scheduled; the summary line says what was held back.
    @Test func nowAndFutureOnTheCommandLine() throws {
        let site = try makeSite()
        defer { site.remove() }
        let held = try SitegenCommand.run(["build", "--now", "2026-11-28"], in: site.source, environment: ["SITEGEN_NOW": "2030-01-01"])
        #expect(held.status == 0, "\(held.err)")
        #expect(held.out.contains("; held back 2 scheduled articles and pages until 2026-12-05 (the next) to 2027-01-10 (the last); --future includes them"), "\(held.out)")
        #expect(!exists(site, "articles/coming-soon/index.html"))

        let later = try SitegenCommand.run(["build", "--now", "2026-12-05"], in: site.source)
        #expect(later.status == 0)
        #expect(exists(site, "articles/coming-soon/index.html"))
        #expect(later.out.contains("held back 1 scheduled page until 2027-01-10"), "\(later.out)")

        let future = try SitegenCommand.run(["build", "--now", "2026-11-28", "--future"], in: site.source)
        #expect(future.status == 0)
        #expect(!future.out.contains("held back"))
        #expect(exists(site, "pages/launch/index.html"))

        let check = try SitegenCommand.run(["check", "--now", "2026-11-28", "--future"], in: site.source)
        #expect(check.status == 0, "\(check.err)")

        let bad = try SitegenCommand.run(["build", "--now", "next week"], in: site.source)
        #expect(bad.status == 64)
        #expect(bad.err.contains("--now \"next week\" is not a date; write it as YYYY-MM-DD"), "\(bad.err)")
    }
}
