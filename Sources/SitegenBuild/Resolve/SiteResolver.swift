import Foundation
import SitegenModel
import SitegenSupport

/// Stage 2, resolve: the loaded files become one `Site`, cross-checked (unknown skills,
/// duplicate skills), in reading order, with each article's related articles.
enum SiteResolver {
    /// Builds the site from loaded content. Returns every cross-file problem: unknown
    /// skill ids, articles that share a URL with another output, and the like.
    /// `previousRelated` is reused when the reading order and skills are unchanged.
    /// The related-article lists of an earlier run, valid while `key` (the reading order
    /// and every article's skills, which is all they depend on) is the same.
    struct RelatedLists {
        var key: Int
        var lists: [[Int]]
    }

    static func resolve(_ content: LoadedContent, previousRelated: RelatedLists? = nil) -> (site: Site?, related: RelatedLists?, diagnostics: [Diagnostic]) {
        var diagnostics = content.diagnostics
        let knownSkills = Set(content.skills.map(\.id))
        var articles: [Article] = []
        for article in content.articles {
            // An article lists a handful of skills: a linear look back beats a Set per article.
            for (index, id) in article.skills.enumerated() {
                let location = article.skillLocations[index]
                if !knownSkills.contains(id) {
                    if content.skillsIncomplete { continue }
                    diagnostics.append(.error(location, "skills: unknown skill \"\(id)\"\(Suggestion.didYouMean(id, in: knownSkills)); skills are defined in content/skills.yaml"))
                } else if article.skills[..<index].contains(id) {
                    diagnostics.append(Diagnostic(.warning, location, "skills: \"\(id)\" is listed twice"))
                }
            }
            articles.append(article)
        }
        // Parts come first in the reading order: an article's place is its part's place in
        // site.yaml, then its weight, date and title within the part.
        let partOrder = Dictionary((content.config?.parts ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let config = content.config {
            for article in articles {
                guard let part = article.part, partOrder[part] == nil else { continue }
                let known = config.parts.map(\.id)
                let hint = known.isEmpty ? "; the site defines no parts (add parts: to content/site.yaml)"
                    : "\(Suggestion.didYouMean(part, in: known)); parts are defined in content/site.yaml"
                diagnostics.append(.error(article.partLocation ?? article.source, "part: unknown part \"\(part)\"\(hint)"))
            }
        }
        articles.sort { a, b in
            let partA = a.part.flatMap { partOrder[$0] } ?? Int.max, partB = b.part.flatMap { partOrder[$0] } ?? Int.max
            return partA != partB ? partA < partB : readingOrder(a, b)
        }

        // Built even when there are errors, so links can still be checked against the
        // site's pages; the caller renders nothing in that case.
        guard let config = content.config else { return (nil, nil, diagnostics) }

        var articlesBySkill: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for (position, id) in article.skills.enumerated() where !article.skills[..<position].contains(id) {
                articlesBySkill[id, default: []].append(index)
            }
        }
        var site = Site(config: config, articles: articles, pages: content.pages.sorted { $0.slug < $1.slug },
                        skills: content.skills, salaries: content.salaries, staticFiles: content.staticFiles,
                        articlesBySkill: articlesBySkill, unloadedOutputPaths: content.unloadedOutputPaths)
        site.scheduled = content.scheduled.sorted { ($0.date, $0.sitePath) < ($1.date, $1.sitePath) }
        site.unloadedSections = content.unloadedSections.sorted()
        var hasher = Hasher()
        for article in articles {
            hasher.combine(article.slug)
            hasher.combine(article.skills)
        }
        let key = hasher.finalize()
        if let previousRelated, previousRelated.key == key {
            site.related = previousRelated.lists
        } else {
            site.related = computeRelated(articles)
        }
        return (site, RelatedLists(key: key, lists: site.related), diagnostics)
    }

    static func readingOrder(_ a: Article, _ b: Article) -> Bool {
        switch (a.weight, b.weight) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default:
            if a.date != b.date { return a.date > b.date }
            if a.title != b.title { return a.title < b.title }
            return a.slug < b.slug
        }
    }

    /// For every article, the `limit` others sharing the most skills; ties keep the reading
    /// order, so the choice is stable from build to build.
    ///
    /// Counting, for each article, every other article of each of its skills grows with
    /// the square of the site (each skill's list grows with it): 0.15 s at 10,000 articles
    /// but 8 s at 100,000. Instead, `RelatedIndex` lists the articles holding each set of
    /// one, two and three skills, and each article looks from the most specific sets down,
    /// stopping as soon as its top `limit` cannot change; the lists of specific sets stay
    /// short however large the site. The result is exactly that of counting
    /// (`RelatedArticlesTests` compares them on random sites).
    static func computeRelated(_ articles: [Article], limit: Int = 3) -> [[Int]] {
        RelatedIndex(articles.map(\.skills)).related(limit: limit)
    }
}
