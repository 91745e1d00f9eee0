import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `extra:`: free values in front matter and site.yaml that templates read as
/// `article.extra.x`, `page.extra.x` and `site.extra.x`.
@Suite struct ExtraTests {
    static let article = """
        ---
        title: With extras
        summary: An article with free fields.
        date: 2024-03-01
        skills: [alpha]
        extra:
          reviewed_by:
            name: "Reviewer <b>"
            on: 2024-03-02
          video: https://video.example/abc
          featured: true
          hidden: false
          stars: 4
          ratio: 0.5
          quoted: "true"
          nothing: ~
          links:
            - title: One
              url: https://one.example/
            - title: Two
              url: https://two.example/
        ---

        Text.

        """

    func makeSite() throws -> ScratchSite {
        let site = try ScratchSite()
        try site.write("content/articles/with-extras.md", Self.article)
        try edit(site, "content/site.yaml") { $0 + "extra:\n  repository: https://git.example/guide\n  social: [mastodon, rss]\n" }
        try edit(site, "content/pages/about.md") { $0.replacingOccurrences(of: "---\n\n", with: "extra:\n  contact: team@example.org\n---\n\n") }
        try site.write("templates/article.mustache", """
            {{<layout}}{{$main}}{{#article}}<h1>{{title}}</h1>
            <p class="reviewed">{{extra.reviewed_by.name}} on {{article.extra.reviewed_by.on}}</p>
            <p class="flags">{{#extra.featured}}featured{{/extra.featured}}{{#extra.hidden}}hidden{{/extra.hidden}}{{^extra.hidden}}shown{{/extra.hidden}} {{extra.stars}} {{extra.ratio}} {{#extra.quoted}}quoted:{{.}}{{/extra.quoted}}[{{extra.nothing}}]</p>
            <ul class="links">{{#extra.links}}<li><a href="{{url}}">{{title}}</a></li>{{/extra.links}}</ul>
            <p class="video">{{page.extra.video}}</p>{{{html}}}{{/article}}{{/main}}{{/layout}}
            """)
        try site.write("templates/page.mustache",
                       "{{<layout}}{{$main}}{{#content}}<h1>{{title}}</h1><p class=\"contact\">{{extra.contact}} {{page.extra.contact}}</p>{{/content}}{{/main}}{{/layout}}")
        try site.write("templates/home.mustache",
                       "{{<layout}}{{$main}}<p class=\"repo\">{{site.extra.repository}}</p><p>{{#site.extra.social}}[{{.}}]{{/site.extra.social}}</p><ul>{{#articles}}{{>partials/card}}{{/articles}}</ul>{{/main}}{{/layout}}")
        try site.write("templates/partials/card.mustache", "<li><a href=\"{{url}}\">{{title}}</a>{{#extra.featured}} ★{{/extra.featured}}</li>")
        return site
    }

    @Test func templatesReadEveryKindOfValue() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let article = try site.read("articles/with-extras/index.html")
        #expect(article.contains("<p class=\"reviewed\">Reviewer &lt;b&gt; on 2024-03-02</p>"), "values are escaped; dates stay text")
        #expect(article.contains("<p class=\"flags\">featuredshown 4 0.5 quoted:true[]</p>"))
        #expect(article.contains("<ul class=\"links\"><li><a href=\"https://one.example/\">One</a></li><li><a href=\"https://two.example/\">Two</a></li></ul>"))
        #expect(article.contains("<p class=\"video\">https://video.example/abc</p>"))
        #expect(try site.read("pages/about/index.html").contains("<p class=\"contact\">team@example.org team@example.org</p>"))
        let home = try site.read("index.html")
        #expect(home.contains("<p class=\"repo\">https://git.example/guide</p><p>[mastodon][rss]</p>"))
        #expect(home.contains("With extras</a> ★</li>"))
        // An article without extra shows nothing for it.
        #expect(try site.read("articles/intro/index.html").contains("<p class=\"reviewed\"> on </p>"))
    }

    @Test func aChangedExtraRendersTheListsAgain() throws {
        let site = try makeSite()
        defer { site.remove() }
        let pipeline = Pipeline(options: site.builder().options)
        _ = pipeline.run(checkOutputFolder: false)
        try edit(site, "content/articles/with-extras.md") { $0.replacingOccurrences(of: "featured: true", with: "featured: false") }
        let rebuilt = pipeline.run(checkOutputFolder: false)
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(contents(rebuilt.files) == freshBuild(site))
        #expect(rebuilt.files.first { $0.path == "index.html" }?.text?.contains("★") == false)
    }

    @Test func badExtrasAreErrorsAtTheirPlace() throws {
        let site = try makeSite()
        defer { site.remove() }
        try edit(site, "content/articles/with-extras.md") {
            $0.replacingOccurrences(of: "  stars: 4\n", with: "  stars: 4\n  a.b: 1\n")
        }
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "extra:\n  repository: https://git.example/guide\n  social: [mastodon, rss]\n", with: "extra: [a, b]\n") }
        try edit(site, "content/pages/about.md") { $0.replacingOccurrences(of: "extra:", with: "extras:") }
        let errors = try #require(site.buildErrors())
        #expect(errors.contains("content/articles/with-extras.md:14:3: error: extra: \"a.b\" is not a name templates can read; use letters, digits, _ and - (such as reviewed_by)"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/site.yaml:") && $0.hasSuffix("error: extra: expected a mapping of names to values (such as reviewed_by: Ada), found a list") }, "\(errors)")
        #expect(errors.contains { $0.contains("unknown key \"extras\" in front matter (did you mean \"extra\"?)") }, "\(errors)")
    }

    @Test func theTemplateCheckTreatsExtraAsOpen() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("templates/articles.mustache",
                       "{{<layout}}{{$main}}{{site.extra.anything.at.all}}{{#articles}}{{extra.whatever}}{{/articles}}\n{{site.extar}}{{/main}}{{/layout}}")
        let errors = try #require(site.buildErrors())
        #expect(errors == ["templates/articles.mustache:2:1: error: unknown template variable \"site.extar\" (did you mean \"site.extra\"?)"], "\(errors)")
    }
}
