import SitegenModel
import SitegenSupport
import Mustache

/// The values templates receive. Every page template gets one `PageContext`; the parts
/// that do not apply to a page are nil, so `{{#article}}...{{/article}}` renders only on
/// article pages. Property names are the names templates use (see the README).
final class PageContext {
    var site: SiteView
    var page: PageView
    /// From the home page down to (but not including) this page.
    var breadcrumbs: [LinkView]
    /// The home page and the articles list: every article, in reading order.
    var articles: [ArticleCard]?
    /// Article pages.
    var article: ArticleView?
    /// The home page and the skills index.
    var categories: [SkillCategoryView]?
    /// Skill pages.
    var skill: SkillView?
    /// The salaries page: one table per currency.
    var salaryTables: [SalaryTableView]?
    /// Standalone pages (`content/pages/`).
    var content: PageBodyView?
    /// The home page and the articles list: the guide's parts, each with its articles
    /// (empty when the site defines no parts).
    var parts: [PartView]?

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

final class SiteView {
    var title: String
    var description: String
    var language: String
    var author: String?
    /// The absolute base URL, e.g. `https://example.org/guide/`.
    var baseURL: String
    /// The path every internal URL starts with, e.g. `/guide/`.
    var basePath: String
    var homeURL: String
    var nav: [NavLink]
    var articleCount: Int
    var skillCount: Int
    var salaryFigureCount: Int
    /// Salary figures whose source is named (not "not named").
    var salaryNamedSourceCount: Int = 0
    /// The date of the newest dated salary figure ("March 2023"), nil when none is dated.
    var salaryNewestAsOf: String?
    var generator: String
    /// The Atom feed's URL.
    var feedURL: String
    /// The search page's URL, and the search index its script loads.
    var searchURL: String
    var searchIndexURL: String
    /// `{{#site.asset}}assets/style.css{{/site.asset}}`: the URL of a theme asset, with
    /// the content-hashed name of CSS and JS files.
    var asset: MustacheLambda

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

final class NavLink {
    var title: String
    var url: String
    /// This link leads to the current page or its section (for `aria-current`).
    var current: Bool

    init(title: String, url: String, current: Bool) {
        self.title = title
        self.url = url
        self.current = current
    }
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

final class PageView {
    /// The `<title>`: the page's name and the site's.
    var documentTitle: String
    var title: String
    var description: String
    var url: String
    var canonicalURL: String
    /// `home`, `articles`, `article`, `skills`, `skill`, `salaries`, `page`, `search` or `404`.
    var kind: String
    /// Open Graph type: `article` on articles, `website` elsewhere.
    var ogType: String

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

final class SkillLink {
    var id: String
    var name: String
    var url: String

    init(id: String, name: String, url: String) {
        self.id = id
        self.name = name
        self.url = url
    }
}

final class ArticleCard {
    var title: String
    var summary: String
    var url: String
    var date: String
    var dateISO: String
    var level: String?
    var readingMinutes: Int
    var skills: [SkillLink]

    init(title: String, summary: String, url: String, date: String, dateISO: String, level: String? = nil, readingMinutes: Int, skills: [SkillLink]) {
        self.title = title
        self.summary = summary
        self.url = url
        self.date = date
        self.dateISO = dateISO
        self.level = level
        self.readingMinutes = readingMinutes
        self.skills = skills
    }
}

final class TocEntry {
    var text: String
    var id: String
    var children: [TocEntry]

    init(text: String, id: String, children: [TocEntry]) {
        self.text = text
        self.id = id
        self.children = children
    }
}

final class ArticleView {
    var title: String
    var summary: String
    var url: String
    var date: String
    var dateISO: String
    var updated: String?
    var updatedISO: String?
    var level: String?
    var readingMinutes: Int
    var wordCount: Int
    var skills: [SkillLink]
    var html: String
    var toc: [TocEntry]
    var hasToc: Bool
    var previous: LinkView?
    var next: LinkView?
    var related: [ArticleCard]
    /// The part of the guide the article belongs to.
    var part: PartView?
    /// schema.org JSON-LD, already safe to put inside `<script type="application/ld+json">` with `{{{...}}}`.
    var jsonLD: String

    init(title: String, summary: String, url: String, date: String, dateISO: String, updated: String? = nil, updatedISO: String? = nil, level: String? = nil, readingMinutes: Int, wordCount: Int, skills: [SkillLink], html: String, toc: [TocEntry], hasToc: Bool, previous: LinkView? = nil, next: LinkView? = nil, related: [ArticleCard], jsonLD: String) {
        self.title = title
        self.summary = summary
        self.url = url
        self.date = date
        self.dateISO = dateISO
        self.updated = updated
        self.updatedISO = updatedISO
        self.level = level
        self.readingMinutes = readingMinutes
        self.wordCount = wordCount
        self.skills = skills
        self.html = html
        self.toc = toc
        self.hasToc = hasToc
        self.previous = previous
        self.next = next
        self.related = related
        self.jsonLD = jsonLD
    }
}

final class SkillSummary {
    var id: String
    var name: String
    var url: String
    var description: String
    var articleCount: Int
    /// "1 article", "3 articles".
    var articleCountLabel: String

    init(id: String, name: String, url: String, description: String, articleCount: Int, articleCountLabel: String) {
        self.id = id
        self.name = name
        self.url = url
        self.description = description
        self.articleCount = articleCount
        self.articleCountLabel = articleCountLabel
    }
}

final class SkillCategoryView {
    var name: String
    /// For `#fragment` links to the category on the skills index.
    var id: String
    var skillCount: Int
    var skills: [SkillSummary]

    init(name: String, id: String, skillCount: Int, skills: [SkillSummary]) {
        self.name = name
        self.id = id
        self.skillCount = skillCount
        self.skills = skills
    }
}

final class SkillView {
    var id: String
    var name: String
    var category: String
    var categoryURL: String
    var description: String
    var articleCountLabel: String
    var articles: [ArticleCard]

    init(id: String, name: String, category: String, categoryURL: String, description: String, articleCountLabel: String, articles: [ArticleCard]) {
        self.id = id
        self.name = name
        self.category = category
        self.categoryURL = categoryURL
        self.description = description
        self.articleCountLabel = articleCountLabel
        self.articles = articles
    }
}

final class SalaryTableView {
    var currency: String
    var caption: String
    var rows: [SalaryRowView]
    /// An inline SVG bar chart of the rows (`{{{chartSVG}}}`), with its own title and description.
    var chartSVG: String

    init(currency: String, caption: String, rows: [SalaryRowView], chartSVG: String) {
        self.currency = currency
        self.caption = caption
        self.rows = rows
        self.chartSVG = chartSVG
    }
}

final class SalaryRowView {
    var role: String
    var level: String?
    var region: String
    /// "Average", "Median", "Estimate".
    var statistic: String
    var amount: String
    var source: String
    var sourceURL: String?
    /// "March 2023", "2023" or "date not given".
    var asOf: String
    var asOfISO: String?
    var note: String?

    init(role: String, level: String? = nil, region: String, statistic: String, amount: String, source: String, sourceURL: String? = nil, asOf: String, asOfISO: String? = nil, note: String? = nil) {
        self.role = role
        self.level = level
        self.region = region
        self.statistic = statistic
        self.amount = amount
        self.source = source
        self.sourceURL = sourceURL
        self.asOf = asOf
        self.asOfISO = asOfISO
        self.note = note
    }
}

final class PageBodyView {
    var title: String
    var summary: String
    var html: String
    var updated: String?
    var updatedISO: String?

    init(title: String, summary: String, html: String, updated: String? = nil, updatedISO: String? = nil) {
        self.title = title
        self.summary = summary
        self.html = html
        self.updated = updated
        self.updatedISO = updatedISO
    }
}

// MARK: - Fast lookup for templates

// swift-mustache looks values up through `Mirror` unless a value answers by name itself;
// reflection dominated render time on large sites, so every view answers directly. The
// names are the property names, so templates and the README stay as they are.

extension PageContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "site": return self.site
        case "page": return self.page
        case "breadcrumbs": return self.breadcrumbs
        case "articles": return self.articles
        case "article": return self.article
        case "categories": return self.categories
        case "skill": return self.skill
        case "salaryTables": return self.salaryTables
        case "content": return self.content
        case "parts": return self.parts
        default: return nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "description": return self.description
        case "language": return self.language
        case "author": return self.author
        case "baseURL": return self.baseURL
        case "basePath": return self.basePath
        case "homeURL": return self.homeURL
        case "nav": return self.nav
        case "articleCount": return self.articleCount
        case "skillCount": return self.skillCount
        case "salaryFigureCount": return self.salaryFigureCount
        case "salaryNamedSourceCount": return self.salaryNamedSourceCount
        case "salaryNewestAsOf": return self.salaryNewestAsOf
        case "generator": return self.generator
        case "feedURL": return self.feedURL
        case "searchURL": return self.searchURL
        case "searchIndexURL": return self.searchIndexURL
        case "asset": return self.asset
        default: return nil
        }
    }
}

extension NavLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "url": return self.url
        case "current": return self.current
        default: return nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "url": return self.url
        case "part": return self.part
        default: return nil
        }
    }
}

extension PageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "documentTitle": return self.documentTitle
        case "title": return self.title
        case "description": return self.description
        case "url": return self.url
        case "canonicalURL": return self.canonicalURL
        case "kind": return self.kind
        case "ogType": return self.ogType
        default: return nil
        }
    }
}

extension SkillLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "name": return self.name
        case "url": return self.url
        default: return nil
        }
    }
}

extension ArticleCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "summary": return self.summary
        case "url": return self.url
        case "date": return self.date
        case "dateISO": return self.dateISO
        case "level": return self.level
        case "readingMinutes": return self.readingMinutes
        case "skills": return self.skills
        default: return nil
        }
    }
}

extension TocEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": return self.text
        case "id": return self.id
        case "children": return self.children
        default: return nil
        }
    }
}

extension ArticleView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "summary": return self.summary
        case "url": return self.url
        case "date": return self.date
        case "dateISO": return self.dateISO
        case "updated": return self.updated
        case "updatedISO": return self.updatedISO
        case "level": return self.level
        case "readingMinutes": return self.readingMinutes
        case "wordCount": return self.wordCount
        case "skills": return self.skills
        case "html": return self.html
        case "toc": return self.toc
        case "hasToc": return self.hasToc
        case "previous": return self.previous
        case "next": return self.next
        case "related": return self.related
        case "part": return self.part
        case "jsonLD": return self.jsonLD
        default: return nil
        }
    }
}

extension SkillSummary: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "name": return self.name
        case "url": return self.url
        case "description": return self.description
        case "articleCount": return self.articleCount
        case "articleCountLabel": return self.articleCountLabel
        default: return nil
        }
    }
}

extension SkillCategoryView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return self.name
        case "id": return self.id
        case "skillCount": return self.skillCount
        case "skills": return self.skills
        default: return nil
        }
    }
}

extension SkillView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "name": return self.name
        case "category": return self.category
        case "categoryURL": return self.categoryURL
        case "description": return self.description
        case "articleCountLabel": return self.articleCountLabel
        case "articles": return self.articles
        default: return nil
        }
    }
}

extension SalaryTableView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "currency": return self.currency
        case "caption": return self.caption
        case "rows": return self.rows
        case "chartSVG": return self.chartSVG
        default: return nil
        }
    }
}

extension SalaryRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "role": return self.role
        case "level": return self.level
        case "region": return self.region
        case "statistic": return self.statistic
        case "amount": return self.amount
        case "source": return self.source
        case "sourceURL": return self.sourceURL
        case "asOf": return self.asOf
        case "asOfISO": return self.asOfISO
        case "note": return self.note
        default: return nil
        }
    }
}

extension PageBodyView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "summary": return self.summary
        case "html": return self.html
        case "updated": return self.updated
        case "updatedISO": return self.updatedISO
        default: return nil
        }
    }
}
