import Foundation

/// The whole site as one plain value, made by the resolve stage and read by every later one.
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
    /// Output paths of pages whose source failed to load: links to them are not reported
    /// as broken on top of the error that stopped them.
    public var unloadedOutputPaths: [String]
    /// Articles and pages dated after the build's day, left out of this build (links to
    /// them are errors that say when they go live).
    public var scheduled: [ScheduledDocument] = []
    /// Site paths (`/skills/`) of whole sections whose source could not be read (a
    /// skills.yaml with errors, an articles folder that cannot be listed): links into them
    /// are checked only once that is fixed, so one problem does not cascade into many.
    public var unloadedSections: [String] = []
    /// For each article, up to three others that share the most skills (indices, best first).
    public var related: [[Int]]

    public init(config: SiteConfig, articles: [Article], pages: [Page], skills: [Skill], salaries: [SalaryFigure],
                staticFiles: [StaticFile], articlesBySkill: [String: [Int]], unloadedOutputPaths: [String] = [],
                related: [[Int]] = []) {
        self.config = config
        self.articles = articles
        self.pages = pages
        self.skills = skills
        self.salaries = salaries
        self.staticFiles = staticFiles
        self.articlesBySkill = articlesBySkill
        self.unloadedOutputPaths = unloadedOutputPaths
        self.related = related
        skillIndex = Dictionary(skills.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

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

    public func skill(_ id: String) -> Skill? { skillIndex[id].map { skills[$0] } }
    private let skillIndex: [String: Int]

    /// Articles that share the most skills with `article` (at least one), best first.
    public func related(to article: Article) -> [Article] {
        guard let index = articles.firstIndex(where: { $0.slug == article.slug }), index < related.count else { return [] }
        return related[index].map { articles[$0] }
    }
}

/// An article or page held back because its `date` is after the build's day.
public struct ScheduledDocument: Sendable, Hashable {
    /// `/articles/<slug>/` or `/pages/<slug>/`.
    public var sitePath: String
    /// "article" or "page", for messages.
    public var noun: String
    public var date: Day
    public var source: SourceLocation

    public init(sitePath: String, noun: String, date: Day, source: SourceLocation) {
        self.sitePath = sitePath
        self.noun = noun
        self.date = date
        self.source = source
    }
}
