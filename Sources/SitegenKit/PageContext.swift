import Mustache

/// The values templates receive. Every page template gets one `PageContext`; the parts
/// that do not apply to a page are nil, so `{{#article}}...{{/article}}` renders only on
/// article pages. Property names are the names templates use (see the README).
struct PageContext {
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
}

struct SiteView {
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
    var generator: String
    /// The Atom feed's URL.
    var feedURL: String
    /// The search page's URL, and the search index its script loads.
    var searchURL: String
    var searchIndexURL: String
    /// `{{#site.asset}}assets/style.css{{/site.asset}}`: the URL of a theme asset, with
    /// the content-hashed name of CSS and JS files.
    var asset: MustacheLambda
}

struct NavLink {
    var title: String
    var url: String
    /// This link leads to the current page or its section (for `aria-current`).
    var current: Bool
}

struct LinkView {
    var title: String
    var url: String
}

struct PageView {
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
}

struct SkillLink {
    var id: String
    var name: String
    var url: String
}

struct ArticleCard {
    var title: String
    var summary: String
    var url: String
    var date: String
    var dateISO: String
    var level: String?
    var readingMinutes: Int
    var skills: [SkillLink]
}

struct TocEntry {
    var text: String
    var id: String
    var children: [TocEntry]
}

struct ArticleView {
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
    /// schema.org JSON-LD, already safe to put inside `<script type="application/ld+json">` with `{{{...}}}`.
    var jsonLD: String
}

struct SkillSummary {
    var id: String
    var name: String
    var url: String
    var description: String
    var articleCount: Int
    /// "1 article", "3 articles".
    var articleCountLabel: String
}

struct SkillCategoryView {
    var name: String
    /// For `#fragment` links to the category on the skills index.
    var id: String
    var skillCount: Int
    var skills: [SkillSummary]
}

struct SkillView {
    var id: String
    var name: String
    var category: String
    var categoryURL: String
    var description: String
    var articleCountLabel: String
    var articles: [ArticleCard]
}

struct SalaryTableView {
    var currency: String
    var caption: String
    var rows: [SalaryRowView]
    /// An inline SVG bar chart of the rows (`{{{chartSVG}}}`), with its own title and description.
    var chartSVG: String
}

struct SalaryRowView {
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
}

struct PageBodyView {
    var title: String
    var summary: String
    var html: String
    var updated: String?
    var updatedISO: String?
}
