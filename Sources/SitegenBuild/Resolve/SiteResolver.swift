import Foundation
import SitegenModel
import SitegenSupport

/// Stage 2, resolve: the loaded files become one `Site`, cross-checked (unknown skills,
/// duplicate skills), in reading order, with each article's related articles.
enum SiteResolver {
    /// The related-article lists of an earlier run, valid while `key` (the reading order
    /// and every article's skills, which is all they depend on) is the same.
    struct RelatedLists {
        var key: Int
        var lists: [[Int]]
    }

    /// The reading order of an earlier run: the articles as loaded, each one's place among
    /// the parts, and the order as positions among them.
    struct ReadingOrder {
        var loaded: [Article]
        var partRanks: [Int]
        var order: [Int]

        /// Whether `articles` sort as these did: each is the same article as before, or one
        /// that agrees with it on all the order compares (an edit to its text).
        func holds(for articles: [Article], partRanks: [Int]) -> Bool {
            guard articles.count == loaded.count, partRanks == self.partRanks else { return false }
            return zip(articles, loaded).allSatisfy { new, old in
                new === old || (new.weight == old.weight && new.date == old.date && new.title == old.title && new.slug == old.slug)
            }
        }
    }

    /// What a later run may reuse. Sorting ten thousand articles and hashing each one's
    /// skills several times was a quarter of a one-edit rebuild.
    struct Reuse {
        var related: RelatedLists?
        var order: ReadingOrder?
    }

    /// Builds the site from loaded content. Returns every cross-file problem: unknown
    /// skill ids, articles that share a URL with another output, and the like.
    static func resolve(_ content: LoadedContent, reusing previous: Reuse = Reuse()) -> (site: Site?, reuse: Reuse, diagnostics: [Diagnostic]) {
        var diagnostics = content.diagnostics
        let loaded = content.articles
        // Each article's skills as their places in skills.yaml (nil: unknown), looked up
        // once for the checks, the skill lists and the related lists' key.
        let skillNumbers = Dictionary(content.skills.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var articleSkills: [[Int?]] = []
        articleSkills.reserveCapacity(loaded.count)
        for article in loaded {
            let numbers = article.skills.map { skillNumbers[$0] }
            for (index, number) in numbers.enumerated() {
                let id = article.skills[index], location = article.skillLocations[index]
                if number == nil {
                    if content.skillsIncomplete { continue }
                    diagnostics.append(.error(location, "skills: unknown skill \"\(id)\"\(Suggestion.didYouMean(id, in: content.skills.lazy.map(\.id))); skills are defined in content/skills.yaml"))
                } else if numbers[..<index].contains(number) {
                    // An article lists a handful of skills: a linear look back beats a Set.
                    diagnostics.append(Diagnostic(.warning, location, "skills: \"\(id)\" is listed twice"))
                }
            }
            articleSkills.append(numbers)
        }
        // Parts come first in the reading order: an article's place is its part's place in
        // site.yaml, then its weight, date and title within the part.
        let partOrder = Dictionary((content.config?.parts ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let config = content.config {
            for article in loaded {
                guard let part = article.part, partOrder[part] == nil else { continue }
                let known = config.parts.map(\.id)
                let hint = known.isEmpty ? "; the site defines no parts (add parts: to content/site.yaml)"
                    : "\(Suggestion.didYouMean(part, in: known)); parts are defined in content/site.yaml"
                diagnostics.append(.error(article.partLocation ?? article.source, "part: unknown part \"\(part)\"\(hint)"))
            }
        }
        let partRanks = loaded.map { article in article.part.flatMap { partOrder[$0] } ?? Int.max }
        let order: [Int]
        if let previous = previous.order, previous.holds(for: loaded, partRanks: partRanks) {
            order = previous.order
        } else {
            order = loaded.indices.sorted { a, b in
                partRanks[a] != partRanks[b] ? partRanks[a] < partRanks[b] : readingOrder(loaded[a], loaded[b])
            }
        }
        var reuse = Reuse(related: nil, order: ReadingOrder(loaded: loaded, partRanks: partRanks, order: order))
        let articles = order.map { loaded[$0] }

        // Built even when there are errors, so links can still be checked against the
        // site's pages; the caller renders nothing in that case.
        guard let config = content.config else { return (nil, reuse, diagnostics) }

        // The articles of each skill, in reading order; an unknown skill (when skills.yaml
        // failed to load) by its id.
        var bySkillNumber = [[Int]](repeating: [], count: content.skills.count)
        var articlesBySkill: [String: [Int]] = [:]
        for (index, source) in order.enumerated() {
            let numbers = articleSkills[source], ids = loaded[source].skills
            for (position, number) in numbers.enumerated() where !ids[..<position].contains(ids[position]) {
                if let number { bySkillNumber[number].append(index) } else { articlesBySkill[ids[position], default: []].append(index) }
            }
        }
        for (number, list) in bySkillNumber.enumerated() where !list.isEmpty { articlesBySkill[content.skills[number].id] = list }

        var site = Site(config: config, articles: articles, pages: content.pages.sorted { $0.slug < $1.slug },
                        skills: content.skills, salaries: content.salaries, staticFiles: content.staticFiles,
                        articlesBySkill: articlesBySkill, unloadedOutputPaths: content.unloadedOutputPaths)
        site.scheduled = content.scheduled.sorted { ($0.date, $0.sitePath) < ($1.date, $1.sitePath) }
        site.unloadedSections = content.unloadedSections.sorted()
        // The related lists are positions in the reading order, and depend only on which
        // positions share a skill: the skills' numbers in order say all of that.
        var hasher = Hasher()
        for source in order {
            for (position, number) in articleSkills[source].enumerated() {
                if let number { hasher.combine(number) } else { hasher.combine(-1); hasher.combine(loaded[source].skills[position]) }
            }
            hasher.combine(-2)
        }
        let key = hasher.finalize()
        if let related = previous.related, related.key == key {
            site.related = related.lists
        } else {
            site.related = computeRelated(articles)
        }
        reuse.related = RelatedLists(key: key, lists: site.related)
        return (site, reuse, diagnostics)
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
