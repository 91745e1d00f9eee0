import SitegenModel
import SitegenSupport
import Foundation

/// `search-index.json`: what the search page's script looks through. Articles carry their
/// title, summary, skills, headings and the start of their text; skills their description.
enum SearchIndex {
    struct Entry: Encodable {
        var kind: String
        var title: String
        var url: String
        var summary: String
        var skills: [String]
        var headings: [String]
        var text: String
    }

    /// Characters of body text kept per article: enough to find an article by what it
    /// says, small enough that the index of a large site stays a reasonable download.
    static let textLimit = 3000

    /// Encoded entries by article content hash, kept between rebuilds so an edit to one
    /// article re-encodes one entry. Only valid while the site key is unchanged.
    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Int: String] = [:]
        /// The entries the render in progress used: only these are kept afterwards, so an
        /// article edited a thousand times does not leave a thousand old entries behind.
        private var used: [Int: String] = [:]

        func entry(_ key: Int, make: () -> String) -> String {
            let value = lock.withLock({ entries[key] }) ?? make()
            lock.withLock { used[key] = value }
            return value
        }

        func finishRender() {
            lock.withLock {
                entries = used
                used = [:]
            }
        }

        func removeAll() { lock.withLock { entries.removeAll() } }
    }

    /// The index as pieces to write one after the other (see `OutputFile.Contents.parts`).
    static func render(site: Site, cache: Cache? = nil) -> [String] {
        let config = site.config
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // "<" only ever appears inside JSON strings, where \u003c means the same; escaping
        // it keeps the index inert even if someone inlines it into a page.
        func encode(_ entry: Entry) -> String {
            String(decoding: (try? encoder.encode(entry)) ?? Data("{}".utf8), as: UTF8.self)
                .replacingLiteral("<", with: "\\u003c")
        }
        var parts: [String] = site.articles.map { article in
            let make = {
                encode(Entry(kind: "article", title: article.title, url: config.url(article.sitePath), summary: article.summary,
                             skills: article.skills.compactMap { site.skill($0)?.name },
                             headings: article.body.headings.map(\.text),
                             text: String(article.body.plainText.prefix(textLimit)).replacingASCII(0x0A, with: 0x20)))
            }
            return cache?.entry(article.contentHash, make: make) ?? make()
        }
        parts += site.skills.map { skill in
            encode(Entry(kind: "skill", title: skill.name, url: config.url(skill.sitePath), summary: skill.description,
                         skills: [skill.category], headings: [], text: ""))
        }
        cache?.finishRender()
        var pieces = ["["]
        pieces.reserveCapacity(2 * parts.count + 1)
        for (index, part) in parts.enumerated() {
            if index > 0 { pieces.append(",") }
            pieces.append(part)
        }
        pieces.append("]")
        return pieces
    }
}

enum JSONLD {
    /// schema.org `Article` data for an article page, safe to place inside `<script>`.
    /// Written by hand (keys in a fixed order): `JSONEncoder` with sorted keys gives the
    /// same bytes but cost 2.7% of a whole 1,000-article build (callgrind: 11.49 to 11.80
    /// billion instructions, 2026-11-28), over the 2% the project allows for a hand-written
    /// format.
    static func article(_ article: Article, site: Site) -> String {
        let config = site.config
        let url = config.absoluteURL(article.sitePath)
        let publisher = config.author ?? config.title
        var json = "{\"@context\":\"https://schema.org\",\"@type\":\"Article\""
        json += ",\"author\":{\"@type\":\"Organization\",\"name\":\(string(publisher))}"
        json += ",\"dateModified\":\(string(article.lastModified.iso)),\"datePublished\":\(string(article.date.iso))"
        json += ",\"description\":\(string(article.summary)),\"headline\":\(string(article.title))"
        json += ",\"inLanguage\":\(string(config.language))"
        let skills = article.skills.compactMap { site.skill($0)?.name }
        if !skills.isEmpty { json += ",\"keywords\":\(string(skills.joined(separator: ", ")))" }
        json += ",\"mainEntityOfPage\":\(string(url))"
        json += ",\"publisher\":{\"@type\":\"Organization\",\"name\":\(string(publisher))}"
        json += ",\"url\":\(string(url)),\"wordCount\":\(article.wordCount)}"
        return json
    }

    static func string(_ text: String) -> String { ScriptSafeString.literal(text) }
}
