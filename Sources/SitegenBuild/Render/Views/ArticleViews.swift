/// An article as lists show it (the home page, the articles index, skill pages, related articles).
final class ArticleCard {
    var title: String
    var summary: String
    var url: String
    var date: String
    var dateISO: String
    var level: String?
    var readingMinutes: Int
    var skills: [SkillLink]
    /// Set only where unpublished articles are shown (`serve`, `--drafts`, `--future`).
    var status = PublicationStatus()
    var extra: [String: Any]?

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

extension ArticleCard: TemplateView {
    static let viewName = "article card"
    static let viewSummary = "An article as lists show it."
    static let fields: [ViewField<ArticleCard>] = [
        .text("title", "the article's title") { $0.title },
        .text("summary", "its summary") { $0.summary },
        .text("url", "its URL") { $0.url },
        .text("date", "its publication date, \"22 November 2026\"") { $0.date },
        .text("dateISO", "the same date, `2026-11-22`") { $0.dateISO },
        .text("level", "`junior`, `mid`, `senior` or `lead` (may be absent)") { $0.level },
        .number("readingMinutes", "minutes to read it") { $0.readingMinutes },
        .list("skills", "the skills it teaches") { $0.skills },
        .flag("draft", "true for a draft (`draft: true`), shown only with `--drafts` and in `serve`") { $0.status.draft },
        .text("scheduled", "for an article dated after the build's day, shown only with `--future` and in `serve`: its date, \"5 December 2026\" (absent otherwise)") { $0.status.scheduled },
        .open("extra", "the article's `extra:` values from its front matter: `{{article.extra.reviewed_by}}` (absent when it has none)") { $0.extra },
    ]
}

/// Whether a page shown is not yet public: templates mark such pages so a preview cannot
/// be mistaken for the published site.
struct PublicationStatus: Sendable {
    var draft = false
    /// The readable date of a document dated after the build's day.
    var scheduled: String?
}

/// The article an article page shows.
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
    var part: PartView?
    var jsonLD: String
    var status = PublicationStatus()
    var extra: [String: Any]?

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

extension ArticleView: TemplateView {
    static let viewName = "article"
    static let viewSummary = "The article of an article page: the card's values and more."
    static let fields: [ViewField<ArticleView>] = [
        .text("title", "the article's title") { $0.title },
        .text("summary", "its summary") { $0.summary },
        .text("url", "its URL") { $0.url },
        .text("date", "its publication date, \"22 November 2026\"") { $0.date },
        .text("dateISO", "the same date, `2026-11-22`") { $0.dateISO },
        .text("updated", "the date of its last real revision (may be absent)") { $0.updated },
        .text("updatedISO", "the same date, `YYYY-MM-DD`") { $0.updatedISO },
        .text("level", "`junior`, `mid`, `senior` or `lead` (may be absent)") { $0.level },
        .number("readingMinutes", "minutes to read it") { $0.readingMinutes },
        .number("wordCount", "words in its body") { $0.wordCount },
        .list("skills", "the skills it teaches") { $0.skills },
        .text("html", "the rendered body, for `{{{html}}}`") { $0.html },
        .list("toc", "the table of contents (the H2s with their H3s)") { $0.toc },
        .flag("hasToc", "true when `toc` is not empty") { $0.hasToc },
        .object("previous", "the article before it in reading order (absent on the first)") { $0.previous },
        .object("next", "the article after it in reading order (absent on the last)") { $0.next },
        .list("related", "up to three articles that share the most skills with it") { $0.related },
        .object("part", "the part of the guide it belongs to (without its articles)") { $0.part },
        .text("jsonLD", "schema.org `Article` data, safe inside `<script type=\"application/ld+json\">`, for `{{{jsonLD}}}`") { $0.jsonLD },
        .flag("draft", "true for a draft, as on the card") { $0.status.draft },
        .text("scheduled", "the date of an article dated after the build's day, as on the card (absent otherwise)") { $0.status.scheduled },
        .open("extra", "its `extra:` values, as on the card") { $0.extra },
    ]
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

extension TocEntry: TemplateView {
    static let viewName = "toc entry"
    static let viewSummary = "A heading of the article's table of contents."
    static let fields: [ViewField<TocEntry>] = [
        .text("text", "the heading's text") { $0.text },
        .text("id", "its `id`, for `#fragment` links") { $0.id },
        .list("children", "the H3s below an H2 (none below an H3)") { $0.children },
    ]
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

extension SkillLink: TemplateView {
    static let viewName = "skill link"
    static let viewSummary = "A skill an article teaches."
    static let fields: [ViewField<SkillLink>] = [
        .text("id", "the skill's id") { $0.id },
        .text("name", "its name") { $0.name },
        .text("url", "its page's URL") { $0.url },
    ]
}

/// A part of the guide: on the home page and the articles list with its articles, on an
/// article page the part the article belongs to (without them).
final class PartView {
    var number: Int
    var id: String
    var title: String
    var description: String
    var url: String
    var articles: [ArticleCard]
    var articleCountLabel: String
    /// The part began on an earlier page of the articles list.
    var continued = false
    /// How many of its articles this page leaves out (the home page lists only the first few).
    var moreCount = 0

    init(number: Int, id: String, title: String, description: String, url: String, articles: [ArticleCard], articleCountLabel: String) {
        self.number = number
        self.id = id
        self.title = title
        self.description = description
        self.url = url
        self.articles = articles
        self.articleCountLabel = articleCountLabel
    }
}

extension PartView: TemplateView {
    static let viewName = "part"
    static let viewSummary = "A part of the guide (`parts:` in `site.yaml`)."
    static let fields: [ViewField<PartView>] = [
        .number("number", "its place in the guide, from 1 (\"Part 2\")") { $0.number },
        .text("id", "its id, also the `id` of its heading on the articles list") { $0.id },
        .text("title", "its title") { $0.title },
        .text("description", "one line saying what it is for") { $0.description },
        .text("url", "its heading on the articles list (on the page where the part begins)") { $0.url },
        .list("articles", "its articles (cards) this page shows, in reading order") { $0.articles },
        .text("articleCountLabel", "how many articles it has in all: \"4 articles\"") { $0.articleCountLabel },
        .flag("continued", "on the articles list: true when the part began on an earlier page") { $0.continued },
        .flag("hasMore", "true when this page leaves some of its articles out (the home page lists the first `home_articles`)") { $0.moreCount > 0 },
        .number("moreCount", "how many it leaves out") { $0.moreCount },
    ]
}
