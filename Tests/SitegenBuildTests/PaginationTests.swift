import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// Pages a reader can load at any size: the articles list and skill pages split into pages of
/// `page_size`, the home page lists the first `home_articles` of each part, the 404 and search
/// pages offer starting points rather than every article.
@Suite struct PaginationTests {
    // MARK: - The arithmetic

    @Test func pageCountsAndRangesAtTheBoundaries() {
        let empty = Pagination(listPath: "/skills/x/", itemCount: 0, pageSize: 3)
        #expect(empty.pageCount == 1, "an empty list still has its page")
        #expect(empty.range(of: 1) == 0..<0)
        let exact = Pagination(listPath: "/articles/", itemCount: 6, pageSize: 3)
        #expect(exact.pageCount == 2)
        #expect(exact.range(of: 2) == 3..<6)
        let onePast = Pagination(listPath: "/articles/", itemCount: 7, pageSize: 3)
        #expect(onePast.pageCount == 3)
        #expect(onePast.range(of: 3) == 6..<7)
        #expect(onePast.page(of: 0) == 1 && onePast.page(of: 2) == 1 && onePast.page(of: 3) == 2 && onePast.page(of: 6) == 3)
    }

    @Test func theFirstPageIsTheListsOwnURL() {
        let pages = Pagination(listPath: "/skills/sql/", itemCount: 10, pageSize: 4)
        #expect(pages.sitePath(of: 1) == "/skills/sql/")
        #expect(pages.sitePath(of: 3) == "/skills/sql/page/3/")
        #expect(pages.outputPath(of: 1) == "skills/sql/index.html")
        #expect(pages.outputPath(of: 2) == "skills/sql/page/2/index.html")
        #expect(pages.title("SQL", page: 1) == "SQL")
        #expect(pages.title("SQL", page: 2) == "SQL, page 2 of 3")
    }

    @Test func aPagerLinksTheEndsAndTheNeighboursWithGapsBetween() {
        let pages = Pagination(listPath: "/articles/", itemCount: 12, pageSize: 1)
        #expect(pages.window(around: 6) == [1, nil, 4, 5, 6, 7, 8, nil, 12])
        #expect(pages.window(around: 1) == [1, 2, 3, nil, 12])
        // A gap of one page shows that page instead.
        #expect(pages.window(around: 4) == [1, 2, 3, 4, 5, 6, nil, 12])
        #expect(pages.window(around: 12) == [1, nil, 10, 11, 12])
        #expect(Pagination(listPath: "/a/", itemCount: 2, pageSize: 1).window(around: 2) == [1, 2])
        #expect(Pagination(listPath: "/a/", itemCount: 0, pageSize: 1).window(around: 1) == [1])
    }

    @Test func aPartsArticlesOnAPageAreFoundByTheirPositions() {
        let group = PartGroups.Group(number: 1, id: "a", title: "A", description: "", members: [2, 3, 7, 8, 9], firstPage: 1)
        #expect(Array(group.members(in: 0..<3)) == [2])
        #expect(Array(group.members(in: 3..<7)) == [3])
        #expect(Array(group.members(in: 4..<7)) == [])
        #expect(Array(group.members(in: 6..<9)) == [7, 8])
        #expect(Array(group.members(in: 9..<12)) == [9])
        #expect(Array(group.members(in: 10..<12)) == [])
    }

    // MARK: - A site

    /// The good fixture's content with the repository's own theme, `page_size` and
    /// `home_articles` set, and `extra` more articles teaching alpha (besides intro, which
    /// teaches alpha and beta, and second, which teaches beta). Reading order: intro, p01,
    /// p02, ..., second.
    func site(pageSize: Int, extra: Int, homeArticles: Int? = nil, parts: Bool = false) throws -> ScratchSite {
        let site = try ScratchSite(copying: Fixtures.good, templatesFrom: Fixtures.repository)
        var yaml = try String(contentsOf: site.source.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        yaml += "page_size: \(pageSize)\n"
        if let homeArticles { yaml += "home_articles: \(homeArticles)\n" }
        if parts {
            yaml += "parts:\n  - id: basics\n    title: The basics\n    description: Start here.\n"
                + "  - id: advanced\n    title: Further on\n    description: Later.\n"
        }
        try site.write("content/site.yaml", yaml)
        for number in 1...max(1, extra) where extra > 0 {
            try site.write("content/articles/\(slug(number)).md", article(number, part: parts ? (number <= 3 ? "basics" : "advanced") : nil))
        }
        return site
    }

    func slug(_ number: Int) -> String { String(format: "p%02d", number) }

    func article(_ number: Int, part: String? = nil, skills: String = "[alpha]") -> String {
        "---\ntitle: Article \(number)\nsummary: Number \(number).\ndate: 2024-01-01\nskills: \(skills)\nweight: \(10 + number)\n"
            + (part.map { "part: \($0)\n" } ?? "") + "---\n\nText.\n"
    }

    func build(_ site: ScratchSite) throws -> [String: String] {
        let outcome = Pipeline(options: site.builder().options).run(checkOutputFolder: false)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        return Dictionary(outcome.files.compactMap { file in file.text.map { (file.path, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func aListOfExactlyPageSizeArticlesIsOnePage() throws {
        let site = try site(pageSize: 4, extra: 2)  // intro, p01, p02, second
        defer { site.remove() }
        let files = try build(site)
        let list = try #require(files["articles/index.html"])
        #expect(files["articles/page/2/index.html"] == nil)
        #expect(count("class=\"card\"", in: list) == 4)
        #expect(!list.contains("rel=\"next\"") && !list.contains("rel=\"prev\""))
        #expect(!list.contains("page-nav"), "a list of one page shows no pager")
        #expect(list.contains("<title>Articles | Fixture Guide</title>"))
    }

    @Test func oneArticleMoreThanPageSizeMakesASecondPage() throws {
        let site = try site(pageSize: 4, extra: 3)  // intro, p01, p02, p03 | second
        defer { site.remove() }
        let files = try build(site)
        let first = try #require(files["articles/index.html"])
        let second = try #require(files["articles/page/2/index.html"])
        #expect(files["articles/page/1/index.html"] == nil, "the first page is the list's own URL")
        #expect(files["articles/page/3/index.html"] == nil)
        #expect(count("class=\"card\"", in: first) == 4)
        #expect(count("class=\"card\"", in: second) == 1)
        #expect(second.contains("/docs/articles/second/") && !first.contains("href=\"/docs/articles/second/\""))

        // rel=prev/next in the head.
        #expect(first.contains("<link rel=\"next\" href=\"/docs/articles/page/2/\">"))
        #expect(!first.contains("<link rel=\"prev\""))
        #expect(second.contains("<link rel=\"prev\" href=\"/docs/articles/\">"))
        #expect(!second.contains("<link rel=\"next\""))

        // Titles, canonical URL and the visible pager.
        #expect(second.contains("<title>Articles, page 2 of 2 | Fixture Guide</title>"))
        #expect(second.contains("<h1>Articles, page 2 of 2</h1>"))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://example.com/docs/articles/page/2/\">"))
        #expect(second.contains("<nav class=\"page-nav\" aria-label=\"Pages of this list\">"))
        #expect(second.contains("<a href=\"/docs/articles/page/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"))
        #expect(second.contains("<a href=\"/docs/articles/\"><span class=\"visually-hidden\">Page </span>1</a>"))
        #expect(first.contains("<a href=\"/docs/articles/\" aria-current=\"page\">"))
        #expect(first.contains("<a href=\"/docs/articles/page/2/\" rel=\"next\">Next"))
        #expect(second.contains("<a href=\"/docs/articles/\" rel=\"prev\">"))
        // The trail: Home › Articles › this page; the main navigation still marks Articles.
        #expect(second.contains("<li><a href=\"/docs/articles/\">Articles</a></li><li aria-current=\"page\">Articles, page 2 of 2</li>"))

        // Every page is in the sitemap.
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.com/docs/articles/</loc>"))
        #expect(sitemap.contains("<loc>https://example.com/docs/articles/page/2/</loc>"))
        #expect(!sitemap.contains("articles/page/3/"))
    }

    @Test func skillPagesPaginateAndAnEmptySkillHasOnePage() throws {
        let site = try site(pageSize: 2, extra: 2)  // alpha: intro, p01 | p02
        defer { site.remove() }
        let files = try build(site)
        let first = try #require(files["skills/alpha/index.html"])
        let second = try #require(files["skills/alpha/page/2/index.html"])
        #expect(files["skills/alpha/page/3/index.html"] == nil)
        #expect(first.contains("/docs/articles/p01/") && !first.contains("/docs/articles/p02/"))
        #expect(second.contains("/docs/articles/p02/") && !second.contains("/docs/articles/p01/"))
        #expect(first.contains("(3 articles)") && second.contains("(3 articles)"), "the count is the skill's, on every page")
        #expect(first.contains("<link rel=\"next\" href=\"/docs/skills/alpha/page/2/\">"))
        #expect(second.contains("<link rel=\"prev\" href=\"/docs/skills/alpha/\">"))
        #expect(second.contains("<title>Alpha, page 2 of 2 | Fixture Guide</title>"))
        // Home › Skills › Alpha › this page.
        #expect(second.contains("<li><a href=\"/docs/skills/alpha/\">Alpha</a></li><li aria-current=\"page\">Alpha, page 2 of 2</li>"))
        // beta (intro and second) fits on one page.
        #expect(files["skills/beta/page/2/index.html"] == nil)

        let gamma = try #require(files["skills/gamma/index.html"])
        #expect(gamma.contains("No article covers this skill yet."))
        #expect(!gamma.contains("page-nav") && !gamma.contains("rel=\"next\""))
        #expect(!files.keys.contains { $0.hasPrefix("skills/gamma/page/") })

        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.com/docs/skills/alpha/page/2/</loc>"))
        #expect(sitemap.contains("<loc>https://example.com/docs/skills/gamma/</loc>"))
        #expect(!sitemap.contains("skills/gamma/page/"))
    }

    @Test func aLongListShowsGapsInItsPager() throws {
        let site = try site(pageSize: 1, extra: 10)  // 12 pages
        defer { site.remove() }
        let files = try build(site)
        let sixth = try #require(files["articles/page/6/index.html"])
        #expect(count("<li class=\"page-gap\" aria-hidden=\"true\">…</li>", in: sixth) == 2)
        for shown in [1, 4, 5, 7, 8, 12] {
            #expect(sixth.contains("<span class=\"visually-hidden\">Page </span>\(shown)</a>"), "page \(shown)")
        }
        for hidden in [2, 3, 9, 10, 11] {
            #expect(!sixth.contains("<span class=\"visually-hidden\">Page </span>\(hidden)</a>"), "page \(hidden)")
        }
        #expect(files["articles/page/12/index.html"] != nil && files["articles/page/13/index.html"] == nil)
    }

    // MARK: - Home, 404 and search

    @Test func theHomePageListsTheFirstArticlesOfEachPartAndLinksToTheRest() throws {
        // basics: p01-p03, advanced: p04-p05; intro and second are in no part ("More articles").
        let site = try site(pageSize: 2, extra: 5, homeArticles: 2, parts: true)
        defer { site.remove() }
        let files = try build(site)
        let home = try #require(files["index.html"])
        #expect(home.contains("/docs/articles/p01/") && home.contains("/docs/articles/p02/"))
        #expect(!home.contains("/docs/articles/p03/"), "the third article of a part is past home_articles")
        #expect(home.contains("/docs/articles/p04/") && home.contains("/docs/articles/p05/"))
        // basics begins on page 1 of the list, advanced on page 2 (p01 p02 | p03 p04 | p05 intro | second).
        #expect(home.contains("<p class=\"part-more\"><a href=\"/docs/articles/#basics\">All 3 articles of “The basics”</a></p>"))
        #expect(!home.contains("All 2 articles of “Further on”"), "a part that fits shows no link to the rest")

        // A part that continues on the next page says so; its link points where it begins.
        let secondPage = try #require(files["articles/page/2/index.html"])
        #expect(secondPage.contains("The basics <span class=\"count\">(continued)</span></h2>"))
        #expect(!secondPage.contains("Further on <span class=\"count\">(continued)</span>"))
        let article = try #require(files["articles/p05/index.html"])
        #expect(article.contains("/docs/articles/page/2/#advanced"), "an article's part links to the page where the part begins")
    }

    @Test func withoutPartsTheHomePageListsTheFirstArticles() throws {
        let site = try site(pageSize: 50, extra: 4, homeArticles: 3)
        defer { site.remove() }
        let home = try #require(try build(site)["index.html"])
        // Without parts the theme's home page lists `articles`: intro, p01, p02 and no more.
        #expect(home.contains("/docs/articles/p02/") && !home.contains("/docs/articles/p03/") && !home.contains("/docs/articles/second/"))
        #expect(home.contains("<a href=\"/docs/articles/\">All 6 articles</a>"))
    }

    @Test func the404AndSearchPagesNeverListEveryArticle() throws {
        let site = try site(pageSize: 50, extra: 10, parts: true)
        defer { site.remove() }
        let files = try build(site)
        let notFound = try #require(files["404.html"])
        let search = try #require(files["search/index.html"])
        let articleLinks = (1...10).map { "href=\"/docs/articles/\(slug($0))/\"" }
        #expect(articleLinks.filter(notFound.contains).count <= Renderer.startingPoints)
        #expect(articleLinks.filter(search.contains).count <= Renderer.startingPoints)
        // The 404 page: each part and where it starts, the search form, the whole list one click away.
        #expect(notFound.contains("Part 1: The basics</a>, starting with <a href=\"/docs/articles/p01/\">"))
        #expect(notFound.contains("Part 2: Further on</a>, starting with <a href=\"/docs/articles/p04/\">"))
        #expect(notFound.contains("<form class=\"search-form\" role=\"search\" action=\"/docs/search/\""))
        #expect(notFound.contains("<a href=\"/docs/articles/\">list of all 12 articles</a>"))
        #expect(search.contains("<a href=\"/docs/articles/\">articles list</a>"), "readers without JavaScript find every article one click away")
    }

    // MARK: - Errors

    @Test func aPageSizeOutOfRangeIsAnErrorAtItsValue() throws {
        for (value, message) in [("0", "page_size: expected a whole number of articles per page from 1 to 1000"),
                                 ("1001", "page_size: expected a whole number of articles per page from 1 to 1000"),
                                 ("2.5", "page_size: expected a whole number of articles per page from 1 to 1000"),
                                 ("ten", "page_size: expected a number, found \"ten\"")] {
            let site = try ScratchSite()
            defer { site.remove() }
            try site.write("content/site.yaml", "title: T\ndescription: D.\nbase_url: https://example.com/docs/\nlanguage: en\npage_size: \(value)\n")
            let errors = try #require(site.buildErrors(), "page_size: \(value) must fail")
            #expect(errors == ["content/site.yaml:5:12: error: \(message)"], "\(errors)")
        }
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/site.yaml", "title: T\ndescription: D.\nbase_url: https://example.com/docs/\nlanguage: en\nhome_articles: -3\npage_size: 1000\n")
        #expect(site.buildErrors() == ["content/site.yaml:5:16: error: home_articles: expected a whole number of articles per part on the home page from 1 to 1000"])
    }

    @Test func aMisspeltPageSizeKeyIsAnUnknownKey() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/site.yaml", "title: T\ndescription: D.\nbase_url: https://example.com/docs/\nlanguage: en\npage_sise: 10\n")
        let errors = try #require(site.buildErrors())
        #expect(errors.contains { $0.hasPrefix("content/site.yaml:5:1: error: ") && $0.contains("did you mean \"page_size\"") }, "\(errors)")
    }

    // MARK: - The sitemap

    @Test func aSitemapOfMoreURLsThanTheProtocolAllowsBecomesAnIndex() throws {
        let config = SiteConfig(title: "T", description: "D", baseURL: "https://example.com/docs/", language: "en")
        let entries = (1...5).map { Sitemap.Entry(sitePath: "/articles/a\($0)/", lastModified: $0 == 5 ? Day(iso: "2024-01-02") : nil) }
        #expect(Sitemap.paths(entryCount: 2, limit: 2) == ["sitemap.xml"])
        #expect(Sitemap.paths(entryCount: 5, limit: 2) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        #expect(Sitemap.paths(entryCount: Sitemap.urlsPerFile) == ["sitemap.xml"])
        #expect(Sitemap.paths(entryCount: Sitemap.urlsPerFile + 1).count == 3)

        let index = Sitemap.text(of: "sitemap.xml", entries: entries, config: config, limit: 2)
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(count("<sitemap><loc>", in: index) == 3)
        #expect(index.contains("<sitemap><loc>https://example.com/docs/sitemap-3.xml</loc></sitemap>"))
        #expect(!index.contains("<url>"))
        let second = Sitemap.text(of: "sitemap-2.xml", entries: entries, config: config, limit: 2)
        #expect(count("<url>", in: second) == 2)
        #expect(second.contains("<loc>https://example.com/docs/articles/a3/</loc>") && second.contains("/articles/a4/"))
        let last = Sitemap.text(of: "sitemap-3.xml", entries: entries, config: config, limit: 2)
        #expect(last.contains("<url><loc>https://example.com/docs/articles/a5/</loc><lastmod>2024-01-02</lastmod></url>"))
        #expect(count("<url>", in: last) == 1)
        // Small enough: one urlset, as always.
        let whole = Sitemap.text(of: "sitemap.xml", entries: entries, config: config, limit: 5)
        #expect(whole.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset ") && count("<url>", in: whole) == 5)
    }

    // MARK: - Rebuilds

    @Test func addingAnArticleThatOpensANewPageRebuildsLikeAFreshBuild() throws {
        let site = try site(pageSize: 2, extra: 2)  // intro, p01 | p02, second
        defer { site.remove() }
        let pipeline = Pipeline(options: site.builder().options)
        let first = pipeline.run()
        #expect(!first.diagnostics.hasErrors)
        #expect(!first.files.contains { $0.path == "articles/page/3/index.html" })
        try site.write("content/articles/p03.md", article(3))
        let added = pipeline.run()
        #expect(added.files.contains { $0.path == "articles/page/3/index.html" })
        #expect(added.files.contains { $0.path == "skills/alpha/page/2/index.html" })
        #expect(contents(added.files) == freshBuild(site))
        // And back: the page it opened goes away.
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/articles/p03.md"))
        let removed = pipeline.run()
        #expect(!removed.files.contains { $0.path == "articles/page/3/index.html" })
        #expect(contents(removed.files) == freshBuild(site))
    }

    @Test func changingThePageSizeRebuildsLikeAFreshBuild() throws {
        let site = try site(pageSize: 2, extra: 3, parts: true)
        defer { site.remove() }
        let pipeline = Pipeline(options: site.builder().options)
        _ = pipeline.run()
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "page_size: 2", with: "page_size: 3") }
        let outcome = pipeline.run()
        #expect(!outcome.diagnostics.hasErrors)
        #expect(contents(outcome.files) == freshBuild(site))
        // Moving an article to another part changes where parts begin without changing the count.
        try edit(site, "content/articles/p03.md") { $0.replacingOccurrences(of: "part: basics", with: "part: advanced") }
        let moved = pipeline.run()
        #expect(contents(moved.files) == freshBuild(site))
    }

    /// An article page links to its part where the part begins on the articles list: when that
    /// page moves, the article page changes though nothing it shows of other articles did.
    @Test func anArticlesPartLinkFollowsThePageWhereThePartBegins() throws {
        let site = try site(pageSize: 3, extra: 5, parts: true)  // p01 p02 p03 | p04 p05 intro | second
        defer { site.remove() }
        // No shared skills, so no related articles: p05 shows only its neighbours p04 and intro.
        for number in 1...5 {
            try site.write("content/articles/\(slug(number)).md", article(number, part: number <= 3 ? "basics" : "advanced", skills: "[]"))
        }
        let pipeline = Pipeline(options: site.builder().options)
        let before = pipeline.run()
        let page = try #require(before.files.first { $0.path == "articles/p05/index.html" }?.text)
        #expect(page.contains("/docs/articles/page/2/#advanced"))
        // p01 joins "Further on" first: the part now begins on page 1 (p02 p03 p01 | p04 p05 ...).
        try site.write("content/articles/p01.md", article(1, part: "advanced", skills: "[]"))
        let after = pipeline.run()
        #expect(after.changedPaths.contains("articles/p05/index.html"))
        #expect(contents(after.files) == freshBuild(site))
        let moved = try #require(after.files.first { $0.path == "articles/p05/index.html" }?.text)
        #expect(moved.contains("/docs/articles/#advanced"))
    }
}
