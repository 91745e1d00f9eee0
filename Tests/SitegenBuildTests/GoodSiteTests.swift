import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// The good fixture, built in memory (render stage) and on disk, checked page by page.
@Suite struct GoodSiteTests {
    let files: [String: String]

    init() throws {
        let builder = Builder(options: BuildOptions(source: Fixtures.good.path, output: "/tmp/sitegen-unused-output", today: Fixtures.today))
        let (rendered, diagnostics) = builder.renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        var files: [String: String] = [:]
        for file in rendered {
            switch file.contents {
            case .text(let text): files[file.path] = text
            case .parts(let parts): files[file.path] = parts.joined()
            case .copy(let source): files[file.path] = "copy of " + URL(fileURLWithPath: source).lastPathComponent
            }
        }
        self.files = files
    }

    func page(_ path: String) throws -> String { try #require(files[path], "no \(path)") }

    @Test func writesEveryPage() {
        let expected: Set = ["index.html", "articles/index.html", "articles/intro/index.html", "articles/second/index.html",
                             "skills/index.html", "skills/alpha/index.html", "skills/beta/index.html", "skills/gamma/index.html",
                             "salaries/index.html", "pages/about/index.html", "search/index.html", "404.html",
                             "sitemap.xml", "robots.txt", "feed.xml", "images/pixel.png", ".nojekyll",
                             "search/index.json", "search/documents-0.json", "search/terms-0.json", "search/postings-0.json"]
        #expect(Set(files.keys.filter { !$0.hasPrefix("assets/") }) == expected)
        #expect(files.keys.filter { $0.hasPrefix("assets/") }.count == 2)
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        // An article (unfinished.md) and a page (plans.md) are drafts.
        #expect(files["articles/unfinished/index.html"] == nil)
        #expect(files["pages/plans/index.html"] == nil)
        let showingDraftArticle = files.filter { $0.value.contains("/docs/articles/unfinished/") || $0.value.contains("Unfinished") }
        #expect(showingDraftArticle.keys.sorted() == [], "these files show the draft article")
        let showingDraftPage = files.filter { $0.value.contains("/docs/pages/plans/") }
        #expect(showingDraftPage.keys.sorted() == [], "these files show the draft page")
        let withDrafts = Builder(options: BuildOptions(source: Fixtures.good.path, output: "/tmp/unused", includeDrafts: true)).renderSite()
        #expect(!withDrafts.diagnostics.hasErrors, "\(withDrafts.diagnostics)")
        let drafted = Dictionary(withDrafts.files.compactMap { file in file.text.map { (file.path, $0) } }, uniquingKeysWith: { a, _ in a })
        #expect(drafted["articles/unfinished/index.html"]?.contains("<h1>Unfinished</h1>") == true)
        #expect(drafted["pages/plans/index.html"]?.contains("<h1>Plans</h1>") == true)
        #expect(drafted["index.html"]?.contains("<a href=\"/docs/pages/plans/\">Plans</a>") == true)
        #expect(drafted["sitemap.xml"]?.contains("<loc>https://example.com/docs/pages/plans/</loc>") == true)
    }

    @Test func linksAreRewrittenToPageURLsUnderTheBasePath() throws {
        let intro = try page("articles/intro/index.html")
        #expect(intro.contains("<a href=\"/docs/articles/second/#details\">the second article</a>"))
        #expect(intro.contains("<a href=\"/docs/skills/alpha/\">Alpha skill</a>"))
        #expect(intro.contains("<a href=\"/docs/pages/about/\">about page</a>"))
        #expect(intro.contains("<a href=\"https://example.org/\">an outside site</a>"))
        #expect(intro.contains("<img src=\"/docs/images/pixel.png\" alt=\"pixel\" width=\"1\" height=\"1\">"), "a local image gets its size from its file")
        #expect(intro.contains("<a href=\"#first-steps\">same-page link</a>"))
        #expect(intro.contains("<link rel=\"canonical\" href=\"https://example.com/docs/articles/intro/\">"))
        #expect(try page("pages/about/index.html").contains("<a href=\"/docs/articles/intro/\">the intro</a>"))
    }

    @Test func everyInternalLinkOfEveryPageResolves() throws {
        // Independent of the build's own checker: follow every href/src on every page.
        for (path, html) in files where path.hasSuffix(".html") {
            for url in attributeValues(in: html, names: ["href", "src"]) where url.hasPrefix("/") {
                #expect(url.hasPrefix("/docs/"), "\(path): \(url) ignores the base path")
                var target = String(url.dropFirst("/docs/".count))
                var fragment: String?
                if let hash = target.firstIndex(of: "#") {
                    fragment = String(target[target.index(after: hash)...])
                    target = String(target[..<hash])
                }
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                let targetHTML = files[target]
                #expect(targetHTML != nil, "\(path) links to \(url): no \(target)")
                if let fragment, let targetHTML {
                    #expect(targetHTML.contains("id=\"\(fragment)\""), "\(path) links to \(url): no such id")
                }
            }
        }
    }

    @Test func headingsGetIdsAndTheTableOfContentsLinksThem() throws {
        let intro = try page("articles/intro/index.html")
        #expect(intro.contains("<h2 id=\"first-steps\">"))
        #expect(intro.contains("<a class=\"heading-anchor\" href=\"#first-steps\">"))
        #expect(intro.contains("<li><a href=\"#first-steps\">First steps</a><a class=\"sub\" href=\"#a-detail\">A detail</a></li>"))
    }

    @Test func articlePagesShowDatesSkillsAndNeighbours() throws {
        let intro = try page("articles/intro/index.html")
        #expect(intro.contains("<p class=\"dates\">2024-01-15 2024-02-01</p>"))
        #expect(intro.contains("<li><a href=\"/docs/skills/alpha/\">Alpha</a></li><li><a href=\"/docs/skills/beta/\">Beta &amp; Co</a></li>"))
        // Weight 1 puts intro first; second follows it.
        #expect(intro.contains("<a rel=\"next\" href=\"/docs/articles/second/\">Second article</a>"))
        #expect(!intro.contains("rel=\"prev\""))
        #expect(intro.contains("<ul class=\"related\"><li><a href=\"/docs/articles/second/\">Second article</a></li></ul>"))
        let second = try page("articles/second/index.html")
        #expect(second.contains("<a rel=\"prev\" href=\"/docs/articles/intro/\">Intro &lt;to&gt; the guide</a>"))
    }

    @Test func frontMatterValuesAreEscaped() throws {
        let intro = try page("articles/intro/index.html")
        #expect(intro.contains("<title>Intro &lt;to&gt; the guide | Fixture Guide</title>"))
        #expect(!intro.contains("<to>"))
    }

    @Test func unsafeMarkdownIsNeutralised() throws {
        let second = try page("articles/second/index.html")
        #expect(!second.contains("<div>raw html</div>"))
        #expect(second.contains("<!-- raw HTML omitted -->"))
        #expect(!second.contains("javascript:"))
        #expect(second.contains("<a href=\"\">bad scheme</a>"))
    }

    @Test func skillPagesListTheRightArticles() throws {
        let alpha = try page("skills/alpha/index.html")
        #expect(alpha.contains("/docs/articles/intro/") && !alpha.contains("/docs/articles/second/"))
        let beta = try page("skills/beta/index.html")
        #expect(beta.contains("/docs/articles/intro/") && beta.contains("/docs/articles/second/"))
        let gamma = try page("skills/gamma/index.html")
        #expect(gamma.contains("<ul class=\"articles\"></ul>"))
        let index = try page("skills/index.html")
        #expect(index.contains("<h2 id=\"letters\">Letters (2)</h2>"))
        #expect(index.contains("<a href=\"/docs/skills/beta/\">Beta &amp; Co</a>: 2 articles"))
        #expect(index.contains("<a href=\"/docs/skills/gamma/\">Gamma</a>: 0 articles"))
    }

    @Test func salaryRowsCarryTheirSourceAndDate() throws {
        let salaries = try page("salaries/index.html")
        #expect(salaries.contains("<caption>Figures in US dollars (USD)</caption><tr><td>Backend developer</td><td>United States</td><td>US$105,354</td><td>Average</td><td>Glassdoor</td><td>date not given</td></tr>"))
        #expect(salaries.contains("<td>about INR 6,50,000</td><td>Estimate</td><td><a href=\"https://example.net/survey\">Example Survey</a></td><td>March 2023, 3 years old</td>"))
    }

    @Test func navigationMarksTheCurrentSection() throws {
        let skill = try page("skills/alpha/index.html")
        #expect(skill.contains("<a href=\"/docs/skills/\" aria-current=\"true\">Skills</a>"))
        #expect(skill.contains("<a href=\"/docs/articles/\">Articles</a>"))
    }

    @Test func sitemapAndRobotsUseAbsoluteURLs() throws {
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.com/docs/articles/intro/</loc><lastmod>2024-02-01</lastmod></url>"))
        #expect(sitemap.contains("<loc>https://example.com/docs/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(try page("robots.txt").contains("Sitemap: https://example.com/docs/sitemap.xml"))
    }

    @Test func baseURLOptionMovesTheSiteToTheDomainRoot() throws {
        let builder = Builder(options: BuildOptions(source: Fixtures.good.path, output: "/tmp/unused",
                                                    baseURL: "https://guide.example/"))
        let intro = try #require(builder.renderSite().files.first { $0.path == "articles/intro/index.html" }?.text)
        #expect(intro.contains("<a href=\"/articles/second/#details\">"))
        #expect(intro.contains("href=\"https://guide.example/articles/intro/\""))
        #expect(!intro.contains("/docs/"))
    }

    @Test func unchangedFilesAreLinkedFromThePreviousBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let first = try site.builder().build()
        #expect(first.unchangedFileCount == 0)
        let second = try site.builder().build()
        let generated = second.fileCount - 3  // the stylesheet, the script and the image are copies
        #expect(second.unchangedFileCount == generated)
        let article = site.source.appendingPathComponent("content/articles/second.md")
        try Data((try String(contentsOf: article, encoding: .utf8) + "\nAn added line.\n").utf8).write(to: article)
        let third = try site.builder().build()
        // The article, the feed, and of the search index the manifest (postings sizes), the
        // vocabulary (document counts) and the postings: the documents file shows no body.
        #expect(third.unchangedFileCount == generated - 5)
        #expect(try site.read("articles/second/index.html").contains("An added line."))
        // Copies of source files are never links to them.
        var sourceInfo = stat(), outputInfo = stat()
        stat(site.source.appendingPathComponent("content/static/images/pixel.png").path, &sourceInfo)
        stat(site.output.appendingPathComponent("images/pixel.png").path, &outputInfo)
        #expect(sourceInfo.st_ino != outputInfo.st_ino)
        // The output is byte for byte what a build into an empty folder makes.
        let fresh = try ScratchSite(copying: site.source)
        defer { fresh.remove() }
        try? FileManager.default.removeItem(at: fresh.output)
        _ = try fresh.builder().build()
        #expect(snapshot(of: site.output) == snapshot(of: fresh.output))
    }

    /// `build` writes each file as soon as it is rendered and keeps none; what lands on
    /// disk is exactly what the in-memory render (the one `serve` and `check` use) makes.
    @Test func aStreamedBuildWritesExactlyWhatTheRenderMakes() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let report = try site.builder().build()
        let written = snapshot(of: site.output).filter { !$0.key.hasPrefix("/.sitegen-output") }
        let rendered = site.builder().renderSite()
        #expect(!rendered.diagnostics.hasErrors)
        #expect(report.fileCount == rendered.files.count)
        #expect(Set(written.keys) == Set(rendered.files.map { "/" + $0.path }))
        for file in rendered.files {
            let expected: Data
            switch file.contents {
            case .text(let text): expected = Data(text.utf8)
            case .parts(let parts): expected = Data(parts.joined().utf8)
            case .copy(let source): expected = try Data(contentsOf: URL(fileURLWithPath: source))
            }
            #expect(written["/" + file.path] == expected, "\(file.path) differs from the render")
        }
    }

    @Test func buildTellsProgressWhatEachStageDoes() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        final class Messages: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func add(_ message: String) { lock.withLock { all.append(message) } }
        }
        let messages = Messages()
        let report = try site.builder().build { messages.add($0) }
        #expect(messages.all == ["Loading content…", "Rendering and writing \(report.fileCount) files…", "Checking links…",
                                 "Publishing \(report.fileCount) files…"])
    }

    @Test func buildWritesTheSiteAndReplacesItWhole() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let report = try site.builder().build()
        #expect(report.pageCount == 12)
        #expect(try site.read("articles/intro/index.html").contains("<h1>Intro &lt;to&gt; the guide</h1>"))
        // A page that disappears from the content disappears from the output.
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/pages/about.md"))
        try site.write("content/articles/intro.md", try String(contentsOf: site.source.appendingPathComponent("content/articles/intro.md"), encoding: .utf8)
            .replacingOccurrences(of: "[about page](../pages/about.md)", with: "about page"))
        _ = try site.builder().build()
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("pages/about/index.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.source.path).filter { $0.contains("sitegen-") && $0 != ".public.sitegen-lock" }  // the build lock stays by design
        #expect(leftovers.isEmpty)
    }
}

/// The features a reader meets: feed, search index, JSON-LD, chart, hashed assets.
@Suite struct ReaderFeatureTests {
    let files: [String: String]

    init() {
        let builder = Builder(options: BuildOptions(source: Fixtures.good.path, output: "/tmp/sitegen-unused-output", today: Fixtures.today))
        files = Dictionary(builder.renderSite().files.compactMap { file in file.text.map { (file.path, $0) } },
                           uniquingKeysWith: { a, _ in a })
    }

    @Test func atomFeedListsArticlesNewestFirstWithAbsoluteLinks() throws {
        let feed = try #require(files["feed.xml"])
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.com/docs/feed.xml\"/>"))
        let second = try #require(feed.range(of: "<id>https://example.com/docs/articles/second/</id>"))
        let intro = try #require(feed.range(of: "<id>https://example.com/docs/articles/intro/</id>"))
        #expect(second.lowerBound < intro.lowerBound)
        #expect(feed.contains("<title>Intro &lt;to&gt; the guide</title>"))
        #expect(feed.contains("<published>2024-01-15T00:00:00Z</published>"))
        #expect(feed.contains("<updated>2024-02-01T00:00:00Z</updated>"))
        #expect(feed.contains("<category term=\"beta\" label=\"Beta &amp; Co\"/>"))
        // Links inside content are absolute: feed readers do not know the page's URL.
        #expect(feed.contains("href=&quot;https://example.com/docs/articles/second/#details&quot;"))
        #expect(feed.contains("href=&quot;https://example.com/docs/articles/intro/#first-steps&quot;"))
        #expect(!feed.contains("href=&quot;/docs/"))
    }

    @Test func searchPageLinksToTheListsInsteadOfListingEveryArticle() throws {
        let search = try #require(files["search/index.html"])
        #expect(!search.contains("/docs/articles/intro/") && !search.contains("/docs/articles/second/"))
        #expect(search.contains("<script src=\"/docs/assets/search."))
        #expect(search.contains("data-search-index=\"/docs/search/index.json\""))
    }

    @Test func jsonLDDescribesTheArticleAndCannotCloseItsScript() throws {
        let page = try #require(files["articles/intro/index.html"])
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page[start.upperBound...].range(of: "</script>"))
        let json = String(page[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "Article")
        #expect(object["headline"] as? String == "Intro <to> the guide")
        #expect(object["datePublished"] as? String == "2024-01-15")
        #expect(object["dateModified"] as? String == "2024-02-01")
        #expect(object["url"] as? String == "https://example.com/docs/articles/intro/")
    }

    @Test func salaryChartIsInlineSVGWithATextAlternative() throws {
        let page = try #require(files["salaries/index.html"])
        #expect(page.components(separatedBy: "<svg class=\"salary-chart\"").count == 3)
        #expect(page.contains("role=\"img\" aria-labelledby=\"chart-USD-title chart-USD-desc\""))
        #expect(page.contains("<title id=\"chart-USD-title\">Bar chart of the USD salary figures</title>"))
        #expect(page.contains("<desc id=\"chart-INR-desc\">Backend developer, India: about INR 6,50,000 (Example Survey, March 2023, 3 years old).</desc>"))
        #expect(page.contains(">US$105,354</text>"))
        // The largest figure of a currency fills the whole bar area.
        #expect(page.contains("<rect class=\"chart-bar\" x=\"0\" y=\"22\" width=\"308\""))
    }

    @Test func cssAndJSGetContentHashedNames() throws {
        let home = try #require(files["index.html"])
        let css = try #require(attributeValues(in: home, names: ["href"]).first { $0.hasSuffix(".css") })
        #expect(css.wholeMatch(of: /\/docs\/assets\/site\.[0-9a-f]{10}\.css/) != nil, "\(css)")

        // Changing the file changes its name; the old name is gone from the output.
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("templates/assets/site.css", "body { color: navy; }\n")
        let files = site.builder().renderSite().files
        let newCSS = try #require(files.first { $0.path.hasPrefix("assets/site.") }?.path)
        #expect("/docs/" + newCSS != css)
        #expect(files.first { $0.path == "index.html" }?.text?.contains("/docs/\(newCSS)") == true)
    }

    @Test func anUnknownAssetIsAnError() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("templates/page.mustache", "{{<layout}}{{$main}}<script src=\"{{#site.asset}}assets/missing.js{{/site.asset}}\"></script>{{/main}}{{/layout}}")
        let errors = try #require(site.buildErrors())
        #expect(errors == ["templates: error: a template asks for asset \"assets/missing.js\", which is not in templates/"])
    }
}

/// Values of the given attributes in an HTML text (enough for generated pages).
func attributeValues(in html: String, names: [String]) -> [String] {
    var values: [String] = []
    for name in names {
        var rest = html[...]
        while let range = rest.range(of: " \(name)=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
    }
    return values
}
