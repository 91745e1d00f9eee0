import SitegenModel
import SitegenSupport
import Foundation

/// The search index, split so the search page downloads only what a query needs
/// (README, "Search"). All files live in `search/`:
///
/// - `index.json`, the manifest: how many documents, how they are sharded, which
///   vocabulary file holds each two-letter group of terms, the size of every postings file.
/// - `terms-N.json`: vocabulary, `{"term": [postings file, documents containing it]}`,
///   one or more whole two-letter groups per file. The script fetches the group of each
///   query word and picks exact, prefix and one-typo matches from it.
/// - `postings-N.json`: `{"term": "encoded postings"}`, terms in sorted order, cut by size.
///   Each posting is a document number (as the gap from the previous one) and how much the
///   term weighs there (title, skill, heading, summary, body), packed in a few characters.
/// - `documents-N.json`: what a result shows, `[kind, title, url, summary, detail]`,
///   `documentsPerShard` documents a file, in document-number order.
///
/// Documents are the articles in reading order, then the standalone pages, the salaries
/// page and the skills. Scheduled and draft articles never reach `site.articles` unless
/// the build asked for them, so they are never indexed by accident.
enum SearchIndex {
    static let manifestPath = "search/index.json"

    /// Where a term appears in a document, as the ranking weighs it. The script reads
    /// these from the manifest; 3 bits, packed beside the document number.
    enum Weight: UInt8, CaseIterable {
        case body = 1, bodyRepeated = 2, summary = 3, heading = 4, skill = 5, title = 7

        var name: String {
            switch self {
            case .body: "body"
            case .bodyRepeated: "bodyRepeated"
            case .summary: "summary"
            case .heading: "heading"
            case .skill: "skill"
            case .title: "title"
            }
        }
    }

    /// A body word that appears this often counts as `bodyRepeated`.
    static let repeatedCount = 3
    /// Summaries are cut to this many characters in `documents-N.json`.
    static let summaryLimit = 200

    /// How the index is cut into files. Sizes are targets: a file closes once it reaches
    /// its target, and one term's postings or one group are never split.
    struct Layout: Sendable {
        var documentsPerShard = 50
        var postingBytes = 48 * 1024
        var vocabularyBytes = 16 * 1024
        static let standard = Layout()
    }

    /// One indexed document: its result record (JSON) and its terms with their weights.
    struct Document: Sendable {
        var record: String
        var terms: [(String, UInt8)]
        /// The document as the merge reads it (terms numbered by a `TermTable`), when it
        /// was made for a cache: made once with the document and cached with it.
        var entry: SearchPostings.Entry?
    }

    /// Terms by number. Merging ten thousand documents' terms by string hashed every
    /// term of every document on each rebuild (most of a one-edit rebuild); numbered once
    /// when a document is made (and cached with it), they merge by array index.
    final class TermTable: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String: Int32] = [:]
        private var terms: [String] = []

        func intern(_ batch: [(String, UInt8)]) -> [Int32] {
            lock.withLock {
                batch.map { term, _ in
                    if let id = ids[term] { return id }
                    let id = Int32(terms.count)
                    terms.append(term)
                    ids[term] = id
                    return id
                }
            }
        }

        var all: [String] { lock.withLock { terms } }
    }

    // MARK: - Documents

    /// `articleKeys`: the site's `articleKeys(_:)`, when the caller has them.
    /// `otherKey`: what the pages, salaries and skills documents are made from besides the
    /// site key; with a cache, they are made again only when it changes (every rebuild
    /// made them again, a sixth of a one-edit rebuild).
    static func documents(site: Site, cache: Cache? = nil, articleKeys keys: [Int]? = nil, otherKey: Int? = nil) -> [Document] {
        let config = site.config
        let articleDocument: @Sendable (Int) -> Document = { index in
            let article = site.articles[index]
            let skills = article.skills.compactMap { site.skill($0)?.name }
            let part = article.part.flatMap { id in config.parts.first { $0.id == id }?.title }
            return document(kind: "article", title: article.title, url: config.url(article.sitePath),
                            summary: article.summary, detail: ([part].compactMap { $0 } + skills).joined(separator: " · "),
                            fields: [(article.title, .title), ((skills + [part].compactMap { $0 }).joined(separator: " "), .skill),
                                     (article.body.headings.map(\.text).joined(separator: " "), .heading),
                                     (article.summary, .summary), (article.body.plainText, .body)])
        }
        var documents: [Document]
        if let cache {
            documents = cache.articleDocuments(keys: keys ?? articleKeys(site)) { index in
                var document = articleDocument(index)
                document.entry = SearchPostings.Entry(document, table: cache.table)
                // The entry holds the terms as numbers; the strings (some 10 KB an
                // article) would stay in memory for every article of the site.
                document.terms = []
                return document
            }
        } else {
            documents = ParallelMap.map(Array(site.articles.indices), articleDocument)
        }
        if let cache, let otherKey {
            documents += cache.otherDocuments(key: otherKey) {
                otherDocuments(site).map { document in
                    var document = document
                    document.entry = SearchPostings.Entry(document, table: cache.table)
                    return document
                }
            }
        } else {
            documents += otherDocuments(site)
        }
        return documents
    }

    /// A document's record and terms. A term takes the highest weight of the fields it
    /// appears in; in the body, its count decides between `body` and `bodyRepeated`.
    static func document(kind: String, title: String, url: String, summary: String, detail: String,
                         fields: [(String, Weight)]) -> Document {
        var weights: [String: UInt8] = [:]
        var bodyCounts: [String: Int] = [:]
        weights.reserveCapacity(512)
        bodyCounts.reserveCapacity(512)
        for (text, weight) in fields {
            SearchTerms.forEachTerm(text) { term in
                if weight == .body {
                    bodyCounts[term, default: 0] += 1
                } else {
                    weights[term] = max(weights[term] ?? 0, weight.rawValue)
                }
            }
        }
        for (term, count) in bodyCounts {
            let weight = count >= repeatedCount ? Weight.bodyRepeated : .body
            weights[term] = max(weights[term] ?? 0, weight.rawValue)
        }
        let short = summary.count > summaryLimit ? String(summary.prefix(summaryLimit - 1)) + "…" : summary
        let record = "[" + [kind, title, url, short, detail].map(ScriptSafeString.literal).joined(separator: ",") + "]"
        return Document(record: record, terms: weights.map { ($0.key, $0.value) })
    }

    /// What each article's document is made from besides the site key: its text and where
    /// it lives (a renamed file keeps its text). The place is hashed by bytes: Swift's
    /// String hashing of ten thousand paths cost milliseconds a rebuild.
    static func articleKeys(_ site: Site) -> [Int] { site.articles.map(articleKey) }

    static func articleKey(_ article: Article) -> Int {
        Hashing.combine(article.contentHash, Int(truncatingIfNeeded: Hashing.stable(article.sitePath)))
    }

    /// The documents of the standalone pages, the salaries page and the skills, in that order.
    static func otherDocuments(_ site: Site) -> [Document] {
        let config = site.config
        var documents = site.pages.map { page in
            document(kind: "page", title: page.title, url: config.url(page.sitePath), summary: page.summary, detail: "",
                     fields: [(page.title, .title), (page.body.headings.map(\.text).joined(separator: " "), .heading),
                              (page.summary, .summary), (page.body.plainText, .body)])
        }
        // The salaries page: found by "salary", "salaries" and by what its rows name.
        let rows = site.salaries.map { [$0.role, $0.level ?? "", $0.region, $0.source].joined(separator: " ") }
        documents.append(document(kind: "salaries", title: "Salaries", url: config.url("/salaries/"),
                                  summary: "Published backend developer salary figures side by side, each with its source and date.",
                                  detail: "\(site.salaries.count) salary figures",
                                  fields: [("Salaries salary", .title), (Set(site.salaries.map(\.currency)).sorted().joined(separator: " "), .skill),
                                           ("Published backend developer salary figures pay compensation", .summary),
                                           (rows.joined(separator: " "), .body)]))
        documents += site.skills.map { skill in
            document(kind: "skill", title: skill.name, url: config.url(skill.sitePath), summary: skill.description,
                     detail: skill.category,
                     fields: [(skill.name, .title), (skill.category, .skill), (skill.description, .summary)])
        }
        return documents
    }

    // MARK: - Files

    /// Every file of the index, path (inside the output folder) and text.
    static func files(site: Site, cache: Cache? = nil, layout: Layout = .standard) -> [(path: String, text: String)] {
        guard let cache else { return files(documents: documents(site: site), layout: layout) }
        // Everything an index is made from besides the site key (config, skills, parts):
        // the articles' and pages' contents, the salary rows.
        var others = Hasher()
        for page in site.pages { others.combine(page.contentHash); others.combine(page.sitePath) }
        for figure in site.salaries { others.combine(figure.role); others.combine(figure.level); others.combine(figure.region); others.combine(figure.source); others.combine(figure.currency) }
        others.combine(site.config.baseURL)
        let otherKey = others.finalize()
        let articleKeys = cache.articleKeys.values(of: site.articles, make: articleKey)
        var hasher = Hasher()
        hasher.combine(articleKeys)
        hasher.combine(otherKey)
        return cache.files(for: hasher.finalize()) {
            cache.files(of: documents(site: site, cache: cache, articleKeys: articleKeys, otherKey: otherKey), layout: layout)
        }
    }

    /// The index of `documents`, merged afresh.
    static func files(documents: [Document], layout: Layout) -> [(path: String, text: String)] {
        let table = TermTable()
        let entries = documents.map { SearchPostings.Entry($0, table: table) }
        var postings = SearchPostings(entries: entries, names: table.all)
        return postings.files(layout: layout)
    }
}

/// Postings packed as text: each is `gap << 3 | weight` (gap: this document number
/// minus the previous one, the first counted from -1) written in base 32, most
/// significant digit first, every digit but the last from `more` and the last from
/// `last`, so numbers need no separator. A term found in every document costs one
/// character a document. All characters are JSON- and HTML-safe.
enum PostingCode {
    static let last = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    static let more = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".utf8)

    static func encode(_ postings: [UInt32]) -> String {
        // Measured first, then written straight into the string, last digit first: a
        // scratch array of digits read back reversed cost 13% of a one-edit rebuild.
        var length = 0
        var previous: Int64 = -1
        for posting in postings {
            let number = Int64(posting >> 3)
            length += digitCount(UInt64(number - previous) << 3 | UInt64(posting & 7))
            previous = number
        }
        return last.withUnsafeBufferPointer { last in
            more.withUnsafeBufferPointer { more in
                String(unsafeUninitializedCapacity: length) { buffer in
                    var end = 0
                    var previous: Int64 = -1
                    for posting in postings {
                        let number = Int64(posting >> 3)
                        var value = UInt64(number - previous) << 3 | UInt64(posting & 7)
                        previous = number
                        end += digitCount(value)
                        var at = end - 1
                        buffer[at] = last[Int(value & 31)]
                        value >>= 5
                        while value > 0 {
                            at -= 1
                            buffer[at] = more[Int(value & 31)]
                            value >>= 5
                        }
                    }
                    return end
                }
            }
        }
    }

    /// Base-32 digits of `value` (at least one).
    private static func digitCount(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 4) / 5
    }

    /// (document number, weight) pairs, for tests; the script decodes the same way.
    static func decode(_ text: String) -> [(document: Int, weight: Int)] {
        var result: [(Int, Int)] = []
        var value = 0
        var previous = -1
        for byte in text.utf8 {
            if let digit = more.firstIndex(of: byte) {
                value = value * 32 + digit
            } else if let digit = last.firstIndex(of: byte) {
                value = value * 32 + digit
                previous += value >> 3
                result.append((previous, value & 7))
                value = 0
            }
        }
        return result
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
