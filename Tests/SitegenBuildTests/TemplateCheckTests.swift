import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// The template check: every `{{name}}` of the theme is looked up in the views when the
/// templates load. Most cases load the templates of a copy of the good fixture with some
/// replaced; `BadInputTests` also runs `Fixtures/bad/unknown-template-variable`.
@Suite struct TemplateCheckTests {
    /// The error lines of loading the good fixture's templates with `replaced` written over them.
    func templateErrors(_ replaced: [String: String]) throws -> [String] {
        let site = try ScratchSite()
        defer { site.remove() }
        for (name, text) in replaced { try site.write("templates/\(name).mustache", text) }
        let (_, diagnostics) = TemplateSet.load(layout: SiteLayout(source: site.source.path))
        return diagnostics.sorted { $0.location < $1.location }.map {
            $0.description.replacingOccurrences(of: site.source.path + "/", with: "")
        }
    }

    func expectErrors(_ replaced: [String: String], _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let errors = try templateErrors(replaced)
        #expect(errors == expected, sourceLocation: sourceLocation)
    }

    /// A page template in the fixture's layout.
    func page(_ main: String) -> String { "{{<layout}}{{$main}}\(main){{/main}}{{/layout}}" }

    @Test func aMisspeltNameFailsTheBuildAtItsLineAndColumn() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("templates/article.mustache", "{{<layout}}{{$main}}{{#article}}<h1>{{title}}</h1>\n  <p>{{article.titel}}</p>{{/article}}{{/main}}{{/layout}}")
        #expect(site.buildErrors() == ["templates/article.mustache:2:6: error: unknown template variable \"article.titel\" (did you mean \"article.title\"?)"])
    }

    @Test func theFixturesAndTheGuidesTemplatesPass() throws {
        try expectErrors([:], [])
        let (_, diagnostics) = TemplateSet.load(layout: SiteLayout(source: Fixtures.repository.path))
        #expect(diagnostics.map(\.description) == [])
    }

    @Test func namesInsideASectionResolveAgainstItsItemFirst() throws {
        try expectErrors(["home": page("{{#articles}}{{title}} {{site.title}} {{page.title}}{{#skills}}{{name}} {{summary}}{{/skills}}{{/articles}}")], [])
        try expectErrors(["home": page("{{#articles}}\n{{titel}}{{/articles}}")], ["templates/home.mustache:2:1: error: unknown template variable \"titel\" (did you mean \"title\"?)"])
        // Outside the section, the item's names are unknown.
        try expectErrors(["home": page("{{#articles}}{{title}}{{/articles}}{{summary}}")], ["templates/home.mustache:1:56: error: unknown template variable \"summary\""])
    }

    @Test func anUnknownSectionIsReportedOnceNotItsContents() throws {
        try expectErrors(["home": page("{{#artcles}}{{title}}{{/artcles}}{{^categorys}}none{{/categorys}}")], ["templates/home.mustache:1:21: error: unknown template variable \"artcles\" (did you mean \"articles\"?)",
                    "templates/home.mustache:1:54: error: unknown template variable \"categorys\" (did you mean \"categories\"?)"])
    }

    @Test func partialsAreCheckedWhereTheyAreIncluded() throws {
        // `category` exists only where the card is included inside `{{#skill}}`: one place is enough.
        try expectErrors(["partials/card": "<li>{{title}} {{category}} {{site.title}}</li>"], [])
        try expectErrors(["partials/card": "<li>{{title}}\n  {{sumary}}</li>"], ["templates/partials/card.mustache:2:3: error: unknown template variable \"sumary\" (did you mean \"summary\"?)"])
        // A partial included only outside any section sees only the page's values.
        try expectErrors(["partials/header": "<h1>{{title}}</h1>", "home": page("{{>partials/header}}")], ["templates/partials/header.mustache:1:5: error: unknown template variable \"title\" (did you mean \"site\"?)"])
        // Recursive partials end.
        try expectErrors(["partials/toc": "{{#children}}{{text}}{{>partials/toc}}{{/children}}",
                                    "article": page("{{#article}}{{#toc}}{{>partials/toc}}{{/toc}}{{/article}}")], [])
    }

    @Test func lambdasAreFineAsSections() throws {
        // The section's text goes to the helper unread: `{{ }}` in it is not a name.
        try expectErrors(["page": page("{{#site.asset}}assets/site.css{{/site.asset}}{{site.asset}}")], [])
        try expectErrors(["page": page("{{#site.aset}}assets/site.css{{/site.aset}}")], ["templates/page.mustache:1:21: error: unknown template variable \"site.aset\" (did you mean \"site.asset\"?)"])
        try expectErrors(["page": page("{{site.asset.url}}")], ["templates/page.mustache:1:21: error: unknown template variable \"site.asset.url\""])
    }

    @Test func eachPageTemplateIsCheckedAgainstItsKindOfPage() throws {
        try expectErrors(["home": page("{{article.title}}")], ["templates/home.mustache:1:21: error: unknown template variable \"article.title\": \"article\" is given only to article pages"])
        // The layout serves every kind: `{{#article}}` in it is fine.
        let layout = try String(contentsOf: Fixtures.good.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        try expectErrors(["layout": layout + "{{#article}}{{title}}{{/article}}{{#skill}}{{name}}{{/skill}}"], [])
    }

    @Test func blocksAreCheckedWhereTheirParentPlacesThem() throws {
        // The page's `{{$title}}` is placed inside `{{#page}}`: `documentTitle` is the page's.
        let layout = "<title>{{#page}}{{$title}}{{title}}{{/title}}{{/page}}</title>{{$head}}{{site.title}}{{/head}}{{$main}}{{/main}}"
        try expectErrors(["layout": layout, "page": "{{<layout}}{{$title}}{{documentTitle}}{{/title}}{{/layout}}"], [])
        try expectErrors(["layout": layout, "page": "{{<layout}}{{$title}}{{documentTitel}}{{/title}}{{/layout}}"],
                         ["templates/page.mustache:1:22: error: unknown template variable \"documentTitel\" (did you mean \"documentTitle\"?)"])
        // Each filling of a parent is checked, also when one template fills it twice.
        try expectErrors(["box": "<div>{{$body}}{{/body}}</div>",
                          "page": page("{{<box}}{{$body}}{{site.title}}{{/body}}{{/box}}{{<box}}{{$body}}{{site.titl}}{{/body}}{{/box}}")],
                         ["templates/page.mustache:1:86: error: unknown template variable \"site.titl\" (did you mean \"site.title\"?)"])
        // A block's default is checked where no template fills it (here: every page but `page`).
        let filled = "{{<layout}}{{$head}}{{page.title}}{{/head}}{{/layout}}"
        try expectErrors(["layout": layout.replacingOccurrences(of: "{{site.title}}", with: "{{site.titel}}"), "page": filled],
                         ["templates/layout.mustache:1:72: error: unknown template variable \"site.titel\" (did you mean \"site.title\"?)"])
    }

    @Test func transformsCommentsAndDelimitersAreUnderstood() throws {
        let fine = page("""
            {{! {{not.a.name}} }}{{^empty(articles)}}{{count(articles)}}{{/empty(articles)}}\
            {{#first(articles)}}{{title}} {{uppercased(title)}}{{/first(articles)}}\
            {{#articles}}{{#first()}}first{{/first()}}{{index()}}{{plusone(readingMinutes)}}{{/articles}}\
            {{=<% %>=}}<%site.title%><%={{ }}=%>{{site.title}}{{{site.title}}}{{& site.title}}{{.}}
            """)
        try expectErrors(["home": fine], [])
        let wrong = page("{{#emtpy(articles)}}{{/emtpy(articles)}}{{index()}}{{=<% %>=}}\n  <%site.titel%><%{site.titel%>}<%={{ }}=%>")
        try expectErrors(["home": wrong], [
            "templates/home.mustache:1:21: error: unknown template transform \"emtpy\" on list \"articles\" (did you mean \"empty\"?)",
            "templates/home.mustache:1:61: error: \"index()\" works only directly inside a list section",
            "templates/home.mustache:2:3: error: unknown template variable \"site.titel\" (did you mean \"site.title\"?)",
            "templates/home.mustache:2:17: error: unknown template variable \"site.titel\" (did you mean \"site.title\"?)",
        ])
    }

    @Test func everyUnknownNameOfEveryTemplateIsReportedInOneRun() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("templates/home.mustache", page("{{site.titel}}"))
        try site.write("templates/skill.mustache", page("{{#skill}}{{nmae}}{{/skill}}"))
        try site.write("templates/partials/card.mustache", "{{urll}}")
        #expect(site.buildErrors() == [
            "templates/home.mustache:1:21: error: unknown template variable \"site.titel\" (did you mean \"site.title\"?)",
            "templates/partials/card.mustache:1:1: error: unknown template variable \"urll\" (did you mean \"url\"?)",
            "templates/skill.mustache:1:31: error: unknown template variable \"nmae\" (did you mean \"name\"?)",
        ])
    }

    @Test func anOpenValueAcceptsAnyNameBelowIt() {
        // Front matter `extra:` maps will be open: authors choose their keys.
        let text = "{{extra.anything.deep}}{{#extra}}{{whatever}}{{/extra}}{{#extra.list}}{{title}}{{/extra.list}}{{extr.x}}"
        let file = SourceFile(displayPath: "templates/open.mustache", relativePath: "open.mustache", text: text)
        let checker = TemplateChecker(trees: ["open": TemplateScanner.tree(of: text)])
        let errors = checker.check(files: ["open": file], roots: [("open", OpenView.schema)]).map(\.description)
        #expect(errors == ["templates/open.mustache:1:95: error: unknown template variable \"extr.x\""])
    }

    final class OpenView: TemplateView {
        static let viewName = "open"
        static let viewSummary = "A view with an open map."
        static let fields: [ViewField<OpenView>] = [.open("extra", "any keys") { _ in [:] }]
    }

    @Test func scannerFindsTagsWithTheirPositions() {
        let tags = TemplateScanner.tags(in: "a {{x}}\n {{#empty(list)}}{{/empty(list)}}{{=| |=}}|> p| |y|")
        #expect(tags.map(\.kind) == [.variable, .section, .close, .partial, .variable])
        #expect(tags.map(\.name) == ["x", "list", "list", "p", "y"])
        #expect(tags[1].transforms == ["empty"] && tags[1].written == "empty(list)")
        #expect(tags.map(\.line) == [1, 2, 2, 2, 2])
        #expect(tags.map(\.column) == [3, 2, 18, 43, 49])
    }
}

/// The views' names come from one table each (`TemplateView.fields`), which `child(named:)`
/// answers from; these tests check that each declared kind matches the value it returns.
@Suite struct ViewSchemaTests {
    /// A page context with every value present and every list non-empty.
    static func sampleContext() -> PageContext {
        let skill = SkillLink(id: "alpha", name: "Alpha", url: "/skills/alpha/")
        let card = ArticleCard(title: "T", summary: "S", url: "/a/", date: "1 May 2024", dateISO: "2024-05-01", level: "junior", readingMinutes: 3, skills: [skill])
        let link = LinkView(title: "L", url: "/l/", part: "Part")
        let part = PartView(number: 1, id: "p", title: "Part", description: "D", url: "/articles/#p", articles: [card], articleCountLabel: "1 article")
        let toc = TocEntry(text: "H2", id: "h2", children: [TocEntry(text: "H3", id: "h3", children: [])])
        let summary = SkillSummary(id: "alpha", name: "Alpha", url: "/skills/alpha/", description: "D", articleCount: 1, articleCountLabel: "1 article")
        let site = SiteView(title: "Site", description: "D", language: "en", author: "A", baseURL: "https://example.org/", basePath: "/",
                           homeURL: "/", nav: [NavLink(title: "N", url: "/n/", current: true)], articleCount: 1, skillCount: 1,
                           salaryFigureCount: 1, generator: "sitegen", feedURL: "/feed.xml", searchURL: "/search/",
                           searchIndexURL: "/search-index.json", asset: AssetCatalog(assets: []).lambda(basePath: "/"))
        site.salaryNewestAsOf = "March 2023"
        let article = ArticleView(title: "T", summary: "S", url: "/a/", date: "1 May 2024", dateISO: "2024-05-01", updated: "2 May 2024",
                                  updatedISO: "2024-05-02", level: "mid", readingMinutes: 3, wordCount: 600, skills: [skill], html: "<p>",
                                  toc: [toc], hasToc: true, previous: link, next: link, related: [card], jsonLD: "{}")
        article.part = part
        let preview = PublicationStatus(draft: true, scheduled: "5 December 2026")
        (card.status, article.status) = (preview, preview)
        let extra: [String: Any] = ["reviewed_by": "R"]
        (card.extra, article.extra, site.extra) = (extra, extra, extra)
        let content = PageBodyView(title: "T", summary: "S", html: "<p>", updated: "1 May 2024", updatedISO: "2024-05-01")
        content.status = preview
        content.extra = extra
        let context = PageContext(
            site: site,
            page: PageView(documentTitle: "P | Site", title: "P", description: "D", url: "/p/", canonicalURL: "https://example.org/p/", kind: "page", ogType: "website"),
            breadcrumbs: [link], articles: [card],
            article: article,
            categories: [SkillCategoryView(name: "C", id: "c", skillCount: 1, skills: [summary])],
            skill: SkillView(id: "alpha", name: "Alpha", category: "C", categoryURL: "/skills/#c", description: "D", articleCountLabel: "1 article", articles: [card]),
            salaryTables: [SalaryTableView(currency: "USD", caption: "C", rows: [SalaryRowView(role: "R", level: "L", region: "US", statistic: "Median", amount: "$1", source: "S", sourceURL: "https://s", asOf: "2023", asOfISO: "2023", note: "N")], chartSVG: "<svg>")],
            content: content)
        context.parts = [part]
        context.pager = PagerView(pageNumber: 2, pageCount: 3, previousURL: "/articles/", nextURL: "/articles/page/3/",
                                  firstURL: "/articles/", lastURL: "/articles/page/3/",
                                  pages: [PagerLink(number: 1, url: "/articles/", current: false), .gap])
        context.page.extra = extra
        return context
    }

    @Test func everyNameOfEveryViewGivesAValueOfItsKind() {
        var checked: Set<String> = []
        func visit(_ object: AnyObject, _ schema: ViewSchema) {
            guard checked.insert(schema.id).inserted else { return }
            #expect(String(describing: type(of: object)) == schema.id)
            guard let view = object as? any TemplateView else { Issue.record("\(schema.id) is not a TemplateView"); return }
            #expect(Set(schema.fields.map(\.name)).count == schema.fields.count, "\(schema.id) declares a name twice")
            #expect(view.child(named: "noSuchName") == nil)
            for field in schema.fields {
                let value = view.child(named: field.name)
                let label = "\(schema.id).\(field.name)"
                switch field.kind {
                case .text: #expect(value is String, "\(label)")
                case .number: #expect(value is Int, "\(label)")
                case .flag: #expect(value is Bool, "\(label)")
                case .lambda: #expect(value != nil && !(value is String), "\(label)")
                case .open: #expect(value != nil, "\(label)")
                case .object(let child):
                    guard let object = value.map({ $0 as AnyObject }) else { Issue.record("\(label) is nil"); continue }
                    visit(object, child())
                case .list(let item):
                    guard let items = value as? [AnyObject], let first = items.first else { Issue.record("\(label) is not a non-empty list"); continue }
                    visit(first, item())
                }
            }
        }
        visit(Self.sampleContext(), PageContext.schema)
        // Every view class of Render/Views is reachable from the page context.
        #expect(checked.count == 18, "\(checked.sorted())")
    }

    @Test func pageKindsListValuesOfThePageContext() {
        let names = Set(PageContext.fields.map(\.name))
        for kind in PageKind.allCases {
            #expect(Set(kind.keys).isSubset(of: names.subtracting(PageContext.common)), "\(kind)")
        }
        #expect(TemplateSet.pageTemplates == ["home", "articles", "article", "skills", "skill", "salaries", "page", "search", "404"])
    }
}

/// README.md's "Values every template receives" and "Values of each template" are
/// generated from the views. `SITEGEN_UPDATE_README=1 swift test --filter TemplateReferenceTests`
/// rewrites them.
@Suite struct TemplateReferenceTests {
    @Test func theReadmeReferenceIsGeneratedFromTheViews() throws {
        let url = Fixtures.repository.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let updated = try #require(TemplateReference.updating(readme: readme), "README.md lacks the template reference markers")
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_README"] == "1", updated != readme {
            try Data(updated.utf8).write(to: url)
            return
        }
        #expect(updated == readme, "README.md's template reference is out of date: run SITEGEN_UPDATE_README=1 swift test --filter TemplateReferenceTests")
    }

    @Test func theReferenceNamesEveryValue() {
        let text = TemplateReference.markdown()
        var seen: Set<String> = []
        func visit(_ schema: ViewSchema, prefix: String) {
            guard seen.insert(schema.id).inserted else { return }
            for field in schema.fields {
                // `site` and `page` are listed by their values: `site.title`...
                let flattened = schema.id == "SiteView" || schema.id == "PageView"
                if !(schema.id == "PageContext" && ["site", "page"].contains(field.name)) {
                    #expect(text.contains("| `\(flattened ? prefix : "")\(field.name)` |"), "\(schema.id).\(field.name)")
                }
                if let child = field.kind.view { visit(child, prefix: field.name + ".") }
            }
        }
        visit(PageContext.schema, prefix: "")
    }
}
