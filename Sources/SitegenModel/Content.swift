/// The typed content of a site, as authors write it in `content/`.

/// `content/site.yaml`.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// Where the site is published, always ending in `/` (e.g. `https://example.org/guide/`).
    /// May also be just a path (`/guide/`) for local previews.
    public let baseURL: String
    public var language: String
    public var author: String?
    /// Pass raw HTML in Markdown through. Off by default: raw HTML is omitted.
    public var allowRawHTML: Bool
    /// Salary figures older than this many years are flagged by `sitegen check`.
    public var salaryMaxAgeYears: Int?

    /// The parts the guide is grouped into, in reading order (`parts:` in `site.yaml`).
    public var parts: [Part] = []
    /// Colour code blocks at build time (`highlight_code`, on by default).
    public var highlightCode = true
    /// Free values for the theme (`extra:` in `site.yaml`), read as `site.extra.<key>`.
    public var extra: [String: ExtraValue] = [:]
    /// Articles without `updated` take the date of their file's last commit (`dates_from_git`).
    public var datesFromGit = false
    /// Where `dates_from_git` stands, for the note when git cannot answer.
    public var datesFromGitLocation: SourceLocation?
    /// How many articles one page of a list shows (`page_size`): the articles list and each
    /// skill page are split into pages of this many, so no list page grows with the site.
    public var pageSize = SiteConfig.defaultPageSize
    /// How many articles of each part the home page lists (`home_articles`), or of the
    /// reading order when there are no parts; the home page links to the rest.
    public var homeArticles = SiteConfig.defaultHomeArticles

    public static let defaultPageSize = 50
    public static let defaultHomeArticles = 10
    /// The range `page_size` and `home_articles` accept: a page of more than a thousand
    /// cards is the page weight pagination exists to avoid.
    public static let listSizeRange = 1...1000

    public static let keys = ["title", "description", "base_url", "language", "author", "allow_raw_html",
                       "salary_max_age_years", "parts", "highlight_code", "extra", "dates_from_git",
                       "page_size", "home_articles"]

    /// The path part of `baseURL`, starting and ending with `/`: the prefix of every internal URL.
    public var basePath: String { Self.path(of: baseURL) }

    public static func path(of baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        return rest.hasSuffix("/") ? String(rest) : rest + "/"
    }

    /// The absolute form of a site path (`/articles/x/`) for canonical links, feeds and
    /// sitemaps; just the prefixed path when the base URL has no host.
    public func absoluteURL(_ sitePath: String) -> String {
        let origin = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let prefix = basePath.dropLast()  // basePath without its trailing slash
        let originWithoutPath = origin.hasSuffix(prefix) ? String(origin.dropLast(prefix.count)) : origin
        return originWithoutPath + url(sitePath)
    }

    /// A site path (`/articles/x/`) with the base path applied (`/guide/articles/x/`).
    public func url(_ sitePath: String) -> String {
        basePathCache + sitePath.drop { $0 == "/" }
    }

    /// `basePath`, computed once: URLs are made for every link of every page.
    private let basePathCache: String

    public init(title: String, description: String, baseURL: String, language: String, author: String? = nil, allowRawHTML: Bool = false, salaryMaxAgeYears: Int? = nil) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.author = author
        self.allowRawHTML = allowRawHTML
        self.salaryMaxAgeYears = salaryMaxAgeYears
        basePathCache = Self.path(of: baseURL)
    }
}

/// One article: `content/articles/<slug>.md`.
///
/// A class, not a struct: a site holds thousands, and every sort, filter and list of
/// them would otherwise copy (and retain) a dozen strings per article.
/// A part of the guide: a group of articles read in order ("Learn the skills").
public struct Part: Sendable, Hashable {
    public var id: String
    public var title: String
    /// One line saying what the part is for.
    public var description: String
    public var location: SourceLocation

    public static let keys = ["id", "title", "description"]

    public init(id: String, title: String, description: String, location: SourceLocation) {
        self.id = id
        self.title = title
        self.description = description
        self.location = location
    }
}

public final class Article: Sendable {
    public let slug: String
    public let source: SourceLocation
    public let title: String
    public let summary: String
    public let date: Day
    public let updated: Day?
    public let level: String?
    public let skills: [String]
    public let draft: Bool
    /// Lower comes first in the guide's reading order; unset articles follow, newest first.
    public let weight: Int?
    /// The id of the part of the guide it belongs to, if any (`part:`).
    public let part: String?
    /// Where `part` stands in the front matter, for diagnostics.
    public let partLocation: SourceLocation?
    public let body: RenderedMarkdown
    /// Where each skill id stands in the front matter, for diagnostics.
    public let skillLocations: [SourceLocation]
    /// A fingerprint of the source file's text: equal text, equal page body.
    public let contentHash: Int
    /// Free values for the theme (`extra:`), read as `article.extra.<key>`.
    public let extra: [String: ExtraValue]
    /// Old URLs of the article (`aliases:`), each answered with a redirect to it.
    public let aliases: [Alias]

    public init(slug: String, source: SourceLocation, title: String, summary: String, date: Day, updated: Day?,
         level: String?, skills: [String], draft: Bool, weight: Int?, part: String? = nil,
         partLocation: SourceLocation? = nil, body: RenderedMarkdown,
         skillLocations: [SourceLocation], contentHash: Int, extra: [String: ExtraValue] = [:], aliases: [Alias] = []) {
        self.extra = extra
        self.aliases = aliases
        self.slug = slug
        self.source = source
        self.title = title
        self.summary = summary
        self.date = date
        self.updated = updated
        self.level = level
        self.skills = skills
        self.draft = draft
        self.weight = weight
        self.part = part
        self.partLocation = partLocation
        self.body = body
        self.skillLocations = skillLocations
        self.contentHash = contentHash
        sitePath = "/articles/\(slug)/"
        outputPath = "articles/\(slug)/index.html"
    }

    public static let keys = ["title", "summary", "date", "updated", "skills", "level", "draft", "weight", "part", "extra", "aliases"]
    public static let levels = ["junior", "mid", "senior", "lead"]

    /// `/articles/<slug>/`, made once: every list of articles links to it.
    public let sitePath: String
    public let outputPath: String
    public var wordCount: Int { body.wordCount }
    /// Minutes at about 220 words a minute, never less than one.
    public var readingMinutes: Int { Self.readingMinutes(words: wordCount) }
    public static func readingMinutes(words: Int) -> Int { max(1, Int((Double(words) / 220).rounded())) }
    public var lastModified: Day { updated ?? date }

    /// The same article with `updated` set (from git, for an article that gives none).
    public func with(updated day: Day) -> Article {
        Article(slug: slug, source: source, title: title, summary: summary, date: date, updated: day, level: level,
                skills: skills, draft: draft, weight: weight, part: part, partLocation: partLocation, body: body,
                skillLocations: skillLocations, contentHash: contentHash, extra: extra, aliases: aliases)
    }
}

/// A standalone page: `content/pages/<slug>.md` (for example "About").
public struct Page: Sendable {
    public var slug: String
    public var source: SourceLocation
    public var title: String
    public var summary: String
    /// When the page goes live (optional): a page dated after the build's day is held back.
    public var date: Day?
    public var updated: Day?
    public var draft: Bool
    public var body: RenderedMarkdown
    public var contentHash: Int
    /// Free values for the theme (`extra:`), read as `page.extra.<key>` and `content.extra.<key>`.
    public var extra: [String: ExtraValue] = [:]
    /// Old URLs of the page (`aliases:`), each answered with a redirect to it.
    public var aliases: [Alias] = []

    public static let keys = ["title", "summary", "date", "updated", "draft", "extra", "aliases"]
    public var sitePath: String { "/pages/\(slug)/" }

    public init(slug: String, source: SourceLocation, title: String, summary: String, date: Day? = nil, updated: Day? = nil, draft: Bool, body: RenderedMarkdown, contentHash: Int) {
        self.date = date
        self.slug = slug
        self.source = source
        self.title = title
        self.summary = summary
        self.updated = updated
        self.draft = draft
        self.body = body
        self.contentHash = contentHash
    }
}

/// An old URL of an article or page (`aliases: [/old/path/]`), as written (a site path
/// without the base path), with where it was written.
public struct Alias: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }

    /// The file the redirect page is written to: `old/path/index.html` for `/old/path/`
    /// (and for `/old/path`), `old.html` for `/old.html`.
    public var outputPath: String {
        let relative = String(path.drop { $0 == "/" })
        if relative.hasSuffix(".html") || relative.hasSuffix(".htm") { return relative }
        if relative.isEmpty { return "index.html" }
        return relative.hasSuffix("/") ? relative + "index.html" : relative + "/index.html"
    }

    /// The path a host sees in a request: `/old/path/` (a folder always ends in `/`).
    public var requestPath: String {
        outputPath.hasSuffix("index.html") ? "/" + outputPath.dropLast("index.html".count) : "/" + outputPath
    }

    /// Why `path` cannot be an alias, or nil: a path on this site, starting with `/`,
    /// of plain URL characters, without `.`/`..` segments, a query or a fragment.
    public static func problem(with path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else {
            return "must be a path on this site starting with /, such as /old-name/ (written without the base path)"
        }
        let allowed = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-._~/%".unicodeScalars.contains($0)
        }
        guard allowed else { return "may hold only letters, digits and - . _ ~ / % (no spaces, query or fragment)" }
        if path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) || path.contains("//") {
            return "must not contain . or .. segments or //"
        }
        return nil
    }
}

/// An entry of `content/skills.yaml`.
public struct Skill: Sendable {
    public var id: String
    public var name: String
    public var category: String
    public var description: String
    public var source: SourceLocation

    public static let keys = ["id", "name", "category", "description"]
    public var sitePath: String { "/skills/\(id)/" }

    public init(id: String, name: String, category: String, description: String, source: SourceLocation) {
        self.id = id
        self.name = name
        self.category = category
        self.description = description
        self.source = source
    }
}

/// An entry of `content/salaries.yaml`: one published figure, with where it came from.
public struct SalaryFigure: Sendable {
    public var role: String
    public var region: String
    /// ISO 4217 code, e.g. `USD`.
    public var currency: String
    public var amount: Double
    public var source: String {
        didSet { hasNamedSource = Self.names(source) }
    }
    /// Whether the figure names its publisher: "not named", "source not named" (any case or
    /// spacing) or an empty source mean it was quoted without one. Decided once, when the
    /// source is set, rather than by every page that shows the figure on every rebuild.
    public private(set) var hasNamedSource: Bool
    public var level: String?
    /// `average`, `median` or `estimate`.
    public var statistic: String?
    /// A year (`2023`) or a month (`2023-03`), as the source gave it.
    public var asOf: String?
    public var sourceURL: String?
    public var note: String?
    public var location: SourceLocation

    public static let keys = ["role", "region", "currency", "amount", "source", "level", "statistic", "as_of",
                       "source_url", "note"]
    public static let statistics = ["average", "median", "estimate"]

    public init(role: String, region: String, currency: String, amount: Double, source: String, level: String? = nil, statistic: String? = nil, asOf: String? = nil, sourceURL: String? = nil, note: String? = nil, location: SourceLocation) {
        self.role = role
        self.region = region
        self.currency = currency
        self.amount = amount
        self.source = source
        hasNamedSource = Self.names(source)
        self.level = level
        self.statistic = statistic
        self.asOf = asOf
        self.sourceURL = sourceURL
        self.note = note
        self.location = location
    }

    private static func names(_ source: String) -> Bool {
        let words = source.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        return !words.isEmpty && words != ["not", "named"] && words != ["source", "not", "named"]
    }
}

/// A file copied to the output as it is (`content/static/**`).
public struct StaticFile: Sendable {
    /// Path inside the output folder, e.g. `images/logo.png`.
    public var outputPath: String
    public var sourceURLPath: String
    /// The path shown in diagnostics.
    public var displayPath: String

    public init(outputPath: String, sourceURLPath: String, displayPath: String) {
        self.outputPath = outputPath
        self.sourceURLPath = sourceURLPath
        self.displayPath = displayPath
    }
}

/// Slugs and ids: lowercase letters, digits and single hyphens, so they are safe as
/// folder names and URLs everywhere.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public static let rule = "use lowercase letters, digits and hyphens only, e.g. \"my-article\""
}
