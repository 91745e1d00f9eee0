/// Stage 2, resolve: the whole site as one plain value, cross-checked. Rendering reads
/// only this.
public struct Site: Sendable {
    public var config: SiteConfig
    /// In the guide's reading order: by `weight`, then newest first, then by title.
    public var articles: [Article]
    public var pages: [Page]
    /// In the order of `skills.yaml`.
    public var skills: [Skill]
    public var salaries: [SalaryFigure]
    public var staticFiles: [StaticFile]
    /// Skill id -> indices into `articles`, in reading order.
    public var articlesBySkill: [String: [Int]]
    /// Pages whose source failed to load (see `LoadedContent.unloadedOutputPaths`).
    var unloadedOutputPaths: [String] = []

    /// Categories in the order they first appear in `skills.yaml`, each with its skills.
    public var skillCategories: [(name: String, skills: [Skill])] {
        var order: [String] = []
        var members: [String: [Skill]] = [:]
        for skill in skills {
            if members[skill.category] == nil { order.append(skill.category) }
            members[skill.category, default: []].append(skill)
        }
        return order.map { ($0, members[$0]!) }
    }

    public func skill(_ id: String) -> Skill? { skills.first { $0.id == id } }

    /// Builds the site from loaded content. Returns every cross-file problem: unknown
    /// skill ids, articles that share a URL with another output, and the like.
    static func resolve(_ content: LoadedContent) -> (Site?, [Diagnostic]) {
        var diagnostics = content.diagnostics
        let knownSkills = Set(content.skills.map(\.id))
        var articles: [Article] = []
        for article in content.articles {
            var seen = Set<String>()
            for (index, id) in article.skills.enumerated() {
                let location = article.skillLocations[index]
                if !knownSkills.contains(id) {
                    diagnostics.append(.error(location, "skills: unknown skill \"\(id)\"\(Suggestion.didYouMean(id, in: knownSkills)); skills are defined in content/skills.yaml"))
                } else if !seen.insert(id).inserted {
                    diagnostics.append(Diagnostic(.warning, location, "skills: \"\(id)\" is listed twice"))
                }
            }
            articles.append(article)
        }
        articles.sort(by: readingOrder)

        // Built even when there are errors, so links can still be checked against the
        // site's pages; the caller renders nothing in that case.
        guard let config = content.config else { return (nil, diagnostics) }

        var articlesBySkill: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for id in Set(article.skills) { articlesBySkill[id, default: []].append(index) }
        }
        let site = Site(config: config, articles: articles, pages: content.pages.sorted { $0.slug < $1.slug },
                        skills: content.skills, salaries: content.salaries, staticFiles: content.staticFiles,
                        articlesBySkill: articlesBySkill, unloadedOutputPaths: content.unloadedOutputPaths)
        return (site, diagnostics)
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

    /// Articles that share the most skills with `article` (at least one), best first.
    public func related(to article: Article, limit: Int = 3) -> [Article] {
        let own = Set(article.skills)
        var scores: [Int: Int] = [:]
        for id in own {
            for index in articlesBySkill[id] ?? [] where articles[index].slug != article.slug {
                scores[index, default: 0] += 1
            }
        }
        // Ties keep the reading order, so the choice is stable from build to build.
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { articles[$0.key] }
    }
}
