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

    public static let keys = ["title", "description", "base_url", "language", "author", "allow_raw_html",
                       "salary_max_age_years", "parts", "highlight_code"]

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

    public init(slug: String, source: SourceLocation, title: String, summary: String, date: Day, updated: Day?,
         level: String?, skills: [String], draft: Bool, weight: Int?, part: String? = nil,
         partLocation: SourceLocation? = nil, body: RenderedMarkdown,
         skillLocations: [SourceLocation], contentHash: Int) {
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

    public static let keys = ["title", "summary", "date", "updated", "skills", "level", "draft", "weight", "part"]
    public static let levels = ["junior", "mid", "senior", "lead"]

    /// `/articles/<slug>/`, made once: every list of articles links to it.
    public let sitePath: String
    public let outputPath: String
    public var wordCount: Int { body.wordCount }
    /// Minutes at about 220 words a minute, never less than one.
    public var readingMinutes: Int { Self.readingMinutes(words: wordCount) }
    public static func readingMinutes(words: Int) -> Int { max(1, Int((Double(words) / 220).rounded())) }
    public var lastModified: Day { updated ?? date }
}

/// A standalone page: `content/pages/<slug>.md` (for example "About").
public struct Page: Sendable {
    public var slug: String
    public var source: SourceLocation
    public var title: String
    public var summary: String
    public var updated: Day?
    public var draft: Bool
    public var body: RenderedMarkdown
    public var contentHash: Int

    public static let keys = ["title", "summary", "updated", "draft"]
    public var sitePath: String { "/pages/\(slug)/" }

    public init(slug: String, source: SourceLocation, title: String, summary: String, updated: Day? = nil, draft: Bool, body: RenderedMarkdown, contentHash: Int) {
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
    public var source: String
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
        self.level = level
        self.statistic = statistic
        self.asOf = asOf
        self.sourceURL = sourceURL
        self.note = note
        self.location = location
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
