import Mustache

/// The values templates receive. Every page template gets one `PageContext`; the parts
/// that do not apply to a page are nil, so `{{#article}}...{{/article}}` renders only on
/// article pages. Which parts each kind of page gets is `PageKind.keys`.
final class PageContext {
    var site: SiteView
    var page: PageView
    /// From the home page down to (but not including) this page.
    var breadcrumbs: [LinkView]
    var articles: [ArticleCard]?
    var article: ArticleView?
    var categories: [SkillCategoryView]?
    var skill: SkillView?
    var salaryTables: [SalaryTableView]?
    var content: PageBodyView?
    var parts: [PartView]?
    var pager: PagerView?

    init(site: SiteView, page: PageView, breadcrumbs: [LinkView], articles: [ArticleCard]? = nil, article: ArticleView? = nil, categories: [SkillCategoryView]? = nil, skill: SkillView? = nil, salaryTables: [SalaryTableView]? = nil, content: PageBodyView? = nil) {
        self.site = site
        self.page = page
        self.breadcrumbs = breadcrumbs
        self.articles = articles
        self.article = article
        self.categories = categories
        self.skill = skill
        self.salaryTables = salaryTables
        self.content = content
    }
}

extension PageContext: TemplateView {
    static let viewName = "page context"
    static let viewSummary = "What a page template receives."
    /// Every page gets these; the rest only on the kinds of page that list them in `PageKind.keys`.
    static let common: Set<String> = ["site", "page", "breadcrumbs"]
    static let fields: [ViewField<PageContext>] = [
        .object("site", "the site") { $0.site },
        .object("page", "this page") { $0.page },
        .list("breadcrumbs", "the trail above this page (empty on the home page)") { $0.breadcrumbs },
        .list("articles", "articles in reading order: on the articles list, this page's; on the home page the first `home_articles` of them; on the search and 404 pages the first few, as starting points") { $0.articles },
        .object("article", "this article") { $0.article },
        .list("categories", "the skill categories, in the order they first appear in `skills.yaml`") { $0.categories },
        .object("skill", "this skill") { $0.skill },
        .list("salaryTables", "one per currency, in the order of `salaries.yaml`") { $0.salaryTables },
        .object("content", "this page of `content/pages/`") { $0.content },
        .list("parts", "the guide's parts, each with its articles (empty when the site defines no parts): on the articles list, the parts this page shows and their articles on it; on the home page each part's first `home_articles`; on the 404 page each part's first article") { $0.parts },
        .object("pager", "where this page sits in its list, which is split into pages of `page_size` articles") { $0.pager },
    ]

    /// The root a template of this kind of page is checked against: the common values and its own.
    static func schema(for kind: PageKind) -> ViewSchema {
        let keys = common.union(kind.keys)
        let all = schema
        return ViewSchema(id: "PageContext:\(kind.rawValue)", name: all.name, summary: all.summary,
                          fields: all.fields.filter { keys.contains($0.name) })
    }

    /// The names this context holds a value for (used to check `PageKind.keys` against the renderer).
    var filledKeys: Set<String> {
        Set(Self.fields.filter { $0.value(self) != nil }.map(\.name))
    }
}

/// The kinds of page, each rendered with the template of the same name.
enum PageKind: String, CaseIterable, Sendable {
    case home, articles, article, skills, skill, salaries, page, search
    case notFound = "404"

    var template: String { rawValue }

    /// The values of `PageContext` this kind of page gets besides `PageContext.common`.
    /// The renderer asserts that it fills no others; templates are checked against these.
    var keys: [String] {
        switch self {
        case .home: ["articles", "categories", "parts"]
        case .articles: ["articles", "parts", "pager"]
        case .article: ["article"]
        case .skills: ["categories"]
        case .skill: ["skill", "pager"]
        case .salaries: ["salaryTables"]
        case .page: ["content"]
        case .search: ["categories"]
        case .notFound: ["articles", "parts"]
        }
    }
}

final class SiteView {
    var title: String
    var description: String
    var language: String
    var author: String?
    var baseURL: String
    var basePath: String
    var homeURL: String
    var nav: [NavLink]
    var articleCount: Int
    var skillCount: Int
    var salaryFigureCount: Int
    /// Salary figures whose source is named (not "not named").
    var salaryNamedSourceCount = 0
    /// The date of the newest dated salary figure ("March 2023"), nil when none is dated.
    var salaryNewestAsOf: String?
    var generator: String
    var feedURL: String
    var searchURL: String
    var searchIndexURL: String
    var asset: MustacheLambda
    /// `extra:` of `site.yaml`.
    var extra: [String: Any]?

    init(title: String, description: String, language: String, author: String? = nil, baseURL: String, basePath: String, homeURL: String, nav: [NavLink], articleCount: Int, skillCount: Int, salaryFigureCount: Int, generator: String, feedURL: String, searchURL: String, searchIndexURL: String, asset: MustacheLambda) {
        self.title = title
        self.description = description
        self.language = language
        self.author = author
        self.baseURL = baseURL
        self.basePath = basePath
        self.homeURL = homeURL
        self.nav = nav
        self.articleCount = articleCount
        self.skillCount = skillCount
        self.salaryFigureCount = salaryFigureCount
        self.generator = generator
        self.feedURL = feedURL
        self.searchURL = searchURL
        self.searchIndexURL = searchIndexURL
        self.asset = asset
    }
}

extension SiteView: TemplateView {
    static let viewName = "site"
    static let viewSummary = "The site as a whole, the same on every page."
    static let fields: [ViewField<SiteView>] = [
        .text("title", "the site's name, from `site.yaml`") { $0.title },
        .text("description", "from `site.yaml`") { $0.description },
        .text("language", "from `site.yaml`") { $0.language },
        .text("author", "from `site.yaml` (may be absent)") { $0.author },
        .text("baseURL", "the absolute base URL, `https://example.org/guide/`") { $0.baseURL },
        .text("basePath", "the path every internal URL starts with, `/guide/`: `{{site.basePath}}skills/`") { $0.basePath },
        .text("homeURL", "the home page's URL") { $0.homeURL },
        .list("nav", "the main navigation") { $0.nav },
        .number("articleCount", "how many articles the site has") { $0.articleCount },
        .number("skillCount", "how many skills") { $0.skillCount },
        .number("salaryFigureCount", "how many salary figures") { $0.salaryFigureCount },
        .number("salaryNamedSourceCount", "how many salary figures name their source") { $0.salaryNamedSourceCount },
        .text("salaryNewestAsOf", "the date of the newest dated salary figure (\"March 2023\"), absent when none is dated") { $0.salaryNewestAsOf },
        .text("generator", "`sitegen <version>`") { $0.generator },
        .text("feedURL", "the Atom feed") { $0.feedURL },
        .text("searchURL", "the search page") { $0.searchURL },
        .text("searchIndexURL", "the search index's manifest (`search/index.json`), which the search page's script loads first") { $0.searchIndexURL },
        .lambda("asset", "a helper: `{{#site.asset}}assets/style.css{{/site.asset}}` gives that asset's (hashed) URL") { $0.asset },
        .open("extra", "the `extra:` values of `site.yaml`, any YAML: `{{site.extra.repository}}`, `{{#site.extra.social}}...{{/site.extra.social}}` (absent when there are none)") { $0.extra },
    ]
}

final class PageView {
    var documentTitle: String
    var title: String
    var description: String
    var url: String
    var canonicalURL: String
    var kind: String
    var ogType: String
    /// The `extra:` of the article or page this page renders.
    var extra: [String: Any]?

    init(documentTitle: String, title: String, description: String, url: String, canonicalURL: String, kind: String, ogType: String) {
        self.documentTitle = documentTitle
        self.title = title
        self.description = description
        self.url = url
        self.canonicalURL = canonicalURL
        self.kind = kind
        self.ogType = ogType
    }
}

extension PageView: TemplateView {
    static let viewName = "page"
    static let viewSummary = "The page being rendered."
    static let fields: [ViewField<PageView>] = [
        .text("documentTitle", "the `<title>`: \"Page title | Site title\" (the site title alone on the home page)") { $0.documentTitle },
        .text("title", "this page's title") { $0.title },
        .text("description", "this page's meta description") { $0.description },
        .text("url", "this page's URL") { $0.url },
        .text("canonicalURL", "this page's absolute URL") { $0.canonicalURL },
        .text("kind", PageKind.allCases.dropLast().map { "`\($0.rawValue)`" }.joined(separator: ", ") + " or `\(PageKind.notFound.rawValue)`") { $0.kind },
        .text("ogType", "`article` on articles, `website` elsewhere (for Open Graph)") { $0.ogType },
        .open("extra", "on article pages and pages of `content/pages/`: the `extra:` values of its front matter, so the layout can read them (`{{page.extra.video}}`); absent elsewhere") { $0.extra },
    ]
}

final class NavLink {
    var title: String
    var url: String
    var current: Bool

    init(title: String, url: String, current: Bool) {
        self.title = title
        self.url = url
        self.current = current
    }
}

extension NavLink: TemplateView {
    static let viewName = "nav link"
    static let viewSummary = "An entry of the main navigation."
    static let fields: [ViewField<NavLink>] = [
        .text("title", "the section's name") { $0.title },
        .text("url", "its URL") { $0.url },
        .flag("current", "true on that section's pages (for `aria-current`)") { $0.current },
    ]
}

final class LinkView {
    var title: String
    var url: String
    /// Previous and next articles: the title of the part they belong to.
    var part: String?

    init(title: String, url: String, part: String? = nil) {
        self.title = title
        self.url = url
        self.part = part
    }
}

extension LinkView: TemplateView {
    static let viewName = "link"
    static let viewSummary = "A link to another page."
    static let fields: [ViewField<LinkView>] = [
        .text("title", "the page's title") { $0.title },
        .text("url", "its URL") { $0.url },
        .text("part", "on previous and next articles: the title of the part of the guide it belongs to") { $0.part },
    ]
}
