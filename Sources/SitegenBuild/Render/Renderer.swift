import SitegenModel
import SitegenSupport
import Foundation

/// Output files in order, found by path.
struct OutputLookup: Sendable {
    let files: [OutputFile]
    /// Path -> position in `files` (the first file, if two share a path).
    let index: [String: Int]

    init(_ files: [OutputFile], index: [String: Int]? = nil) {
        self.files = files
        self.index = index ?? Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(path: String) -> OutputFile? { index[path].map { files[$0] } }
}

/// Stage 3, render: `Site` -> output files, in memory. Pure, so pages render in parallel
/// and tests can compare paths and strings without touching the disk.
///
/// A class: every planned file's closure captures the renderer, and capturing a struct
/// would copy the whole site (a dozen references) ten thousand times per rebuild.
final class Renderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let generator: String
    /// The build's day: salary figures show their age on it.
    let today: Day
    /// What every page's `site` value says of the salary figures, counted once per render
    /// rather than once per page.
    let salaryNamedSourceCount: Int
    let salaryNewestAsOf: String?
    /// Changes whenever anything every page shows changes (config, theme, skills, pages...):
    /// part of every render key.
    let siteKey: Int
    /// Search-index entries of unchanged articles, kept between rebuilds.
    let searchCache: SearchIndex.Cache?
    /// The card keys of unchanged articles, kept between rebuilds.
    let cardCache: ArticleMemo<Int>?

    init(site: Site, templates: TemplateSet, generator: String, today: Day, siteKey: Int = 0,
         searchCache: SearchIndex.Cache? = nil, cardCache: ArticleMemo<Int>? = nil) {
        self.today = today
        salaryNamedSourceCount = site.salaries.filter { $0.hasNamedSource }.count
        salaryNewestAsOf = site.salaries.compactMap(\.asOf).max().map { SalaryFormat.asOf($0) }
        self.site = site
        self.templates = templates
        self.generator = generator
        self.siteKey = siteKey
        self.searchCache = searchCache
        self.cardCache = cardCache
        articlePages = Pagination(listPath: "/articles/", itemCount: site.articles.count, pageSize: site.config.pageSize)
        partGroups = PartGroups(site: site, pages: articlePages)
    }

    /// The articles list, split into pages of `page_size`.
    let articlePages: Pagination
    /// Which articles each part has, and the page of the articles list it begins on.
    let partGroups: PartGroups
    /// How many articles the 404 and search pages offer as starting points: enough to start
    /// reading, never the whole list.
    static let startingPoints = 5

    var config: SiteConfig { site.config }

    /// A file the site will have, and how to make it. Planning is cheap; the render stage runs
    /// the closures. The link checker uses the plan alone when errors stop rendering.
    struct PlannedFile: Sendable {
        var path: String
        var origin: String
        /// A hash of everything the file is made from: equal keys mean equal output, so an
        /// incremental rebuild re-renders only files whose key changed.
        var key: Int
        /// Roughly how much work `make` is (how many articles the file lists): the builder
        /// starts the largest first, so no big page is left to run alone on one core at the end.
        var cost = 1
        var make: @Sendable () -> OutputFile.Contents
    }

    func plan() -> [PlannedFile] {
        // Every list of articles shows the same cards: make each once, not once per page.
        let cardViews = CardViews(renderer: self)
        var jobs: [PlannedFile] = []
        let siteKey = self.siteKey
        let listsAll = site.articles.count
        func add(_ path: String, _ origin: String, _ key: Int = 0, cost: Int = 1, _ make: @escaping @Sendable () -> OutputFile.Contents) {
            // Keys are only ever compared for the same path, so the path itself need not be in them.
            jobs.append(PlannedFile(path: path, origin: origin, key: Hashing.combine(siteKey, key), cost: cost, make: make))
        }
        let cards = cardCache?.values(of: site.articles, make: RenderKeys.card) ?? site.articles.map(RenderKeys.card)
        let partsKey = partGroups.key
        /// The cards at some positions of the reading order: what a list page shows of them.
        func cardsKey(_ positions: some Sequence<Int>) -> Int { Hashing.combine(positions.map { cards[$0] }) }
        let homeShown = partGroups.leading(perPart: config.homeArticles, overall: config.homeArticles, of: cards.count)
        add("index.html", "home page", Hashing.combine(partsKey, cardsKey(homeShown)), cost: homeShown.count) { [self] in
            page("index.html", kind: .home, title: config.title, description: config.description) { context in
                context.articles = Array(cardViews.all.prefix(config.homeArticles))
                context.parts = leadingParts(config.homeArticles, cardViews.all)
                context.categories = categories()
            }
        }
        for number in articlePages.pages {
            let range = articlePages.range(of: number)
            add(articlePages.outputPath(of: number), "articles index", Hashing.combine(partsKey, cardsKey(range)), cost: range.count) { [self] in
                articlesPage(number, cards: cardViews)
            }
        }
        for index in site.articles.indices {
            // The article itself, and what it shows of its neighbours and related articles.
            var hasher = Hasher()
            hasher.combine(site.articles[index].contentHash)
            // `updated` may come from git, not the file.
            hasher.combine(site.articles[index].updated)
            hasher.combine(index > 0 ? cards[index - 1] : 0)
            hasher.combine(index + 1 < cards.count ? cards[index + 1] : 0)
            hasher.combine(site.related[index].count)
            for other in site.related[index] { hasher.combine(cards[other]) }
            // Its part's link points at the page of the articles list where the part begins.
            hasher.combine(site.articles[index].part.flatMap { partGroups.firstPage[$0] })
            let key = hasher.finalize()
            add(site.articles[index].outputPath, site.articles[index].source.path, key) { [self] in articlePage(index) }
        }
        add("skills/index.html", "skills index", Hashing.combine(site.skills.map { site.articlesBySkill[$0.id]?.count ?? 0 })) { [self] in page("skills/index.html", kind: .skills, title: "Skills",
                           description: "Every skill the guide teaches, by category, with the articles that cover it.") { context in
            context.categories = categories()
        } }
        for skill in site.skills {
            let articles = site.articlesBySkill[skill.id] ?? []
            let pages = skillPages(skill)
            for number in pages.pages {
                let shown = articles[pages.range(of: number)]
                // The count is on every page (and sets how many pages there are).
                add(pages.outputPath(of: number), skill.source.path, Hashing.combine(articles.count, cardsKey(shown)), cost: max(1, shown.count)) { [self] in
                    skillPage(skill, page: number, cards: cardViews)
                }
            }
        }
        add("salaries/index.html", "salaries page", today.hashValue) { [self] in page("salaries/index.html", kind: .salaries, title: "Salaries",
                           description: "Published backend developer salary figures side by side, each with its source and date.") { context in
            context.salaryTables = salaryTables()
        } }
        for standalone in site.pages {
            add("pages/\(standalone.slug)/index.html", standalone.source.path, standalone.contentHash) { [self] in
                page("pages/\(standalone.slug)/index.html", kind: .page, title: standalone.title,
                     description: standalone.summary) { context in
                    context.content = PageBodyView(title: standalone.title, summary: standalone.summary,
                                                   html: BlockRenderer.html(of: standalone.body, title: standalone.title,
                                                                               url: config.url(standalone.sitePath), templates: templates),
                                                   updated: standalone.updated?.readable,
                                                   updatedISO: standalone.updated?.iso)
                    context.content?.status = status(draft: standalone.draft, date: standalone.date)
                    context.content?.extra = ExtraValue.templateValue(standalone.extra)
                    context.page.extra = context.content?.extra
                }
            }
        }
        let startingPoints = partGroups.leading(perPart: 1, overall: Self.startingPoints, of: cards.count)
        add("search/index.html", "search page", Hashing.combine(site.skills.map { site.articlesBySkill[$0.id]?.count ?? 0 })) { [self] in page("search/index.html", kind: .search, title: "Search",
                                                     description: "Search the articles and skills of \(config.title).") { context in
            // Not every article: the script finds them, and without it the page links to the lists.
            context.categories = categories()
        } }
        add("404.html", "404 page", Hashing.combine(partsKey, cardsKey(startingPoints))) { [self] in
            page("404.html", kind: .notFound, title: "Page not found",
                 description: "The page you asked for is not here.") { context in
                context.articles = Array(cardViews.all.prefix(Self.startingPoints))
                context.parts = leadingParts(1, cardViews.all)
            }
        }

        let sitemapEntries = sitemapEntries()
        let sitemapKey = Hashing.combine(site.articles.indices.map { Hashing.combine(cards[$0], site.articles[$0].lastModified.hashValue) })
        for path in Sitemap.paths(entryCount: sitemapEntries.count) {
            add(path, "sitemap", sitemapKey, cost: listsAll / 10) { [config] in
                .text(Sitemap.text(of: path, entries: sitemapEntries, config: config))
            }
        }
        add("robots.txt", "robots.txt") { [self] in .text(robots()) }
        // GitHub Pages runs Jekyll over a published folder unless it holds `.nojekyll`, and
        // Jekyll would drop files and folders whose names start with `_` or `.`.
        add(".nojekyll", "GitHub Pages marker") { .text("") }
        let feedEntries = AtomFeed.newest(site.articles)
        add("feed.xml", "Atom feed", Hashing.combine(feedEntries.map { Hashing.combine(site.articles[$0].contentHash, site.articles[$0].lastModified.hashValue) })) { [site, templates] in
            .text(AtomFeed.render(site: site, entries: feedEntries, templates: templates))
        }
        // The search index is made here, whole, since its files are cut by size; each file
        // is then keyed by its own text, so a rebuild rewrites only the files that changed.
        // A byte hash: Swift's String hashing normalises the text, slow on megabytes of index.
        for file in SearchIndex.files(site: site, cache: searchCache) {
            add(file.path, "search index", Int(truncatingIfNeeded: Hashing.stable(file.text))) { .text(file.text) }
        }
        for file in templates.assets + site.staticFiles {
            add(file.outputPath, file.displayPath) { .copy(from: file.sourceURLPath) }
        }
        return jobs
    }

    // MARK: - Pages

    private func page(_ path: String, kind: PageKind, title: String, description: String,
                      fill: (inout PageContext) -> Void) -> OutputFile.Contents {
        let sitePath = path == "index.html" || path == "404.html" ? "/" + path.replacingOccurrences(of: "index.html", with: "")
            : "/" + path.dropLast("index.html".count)
        var context = PageContext(
            site: siteView(currentPath: sitePath),
            page: PageView(documentTitle: kind == .home ? config.title : "\(title) | \(config.title)",
                           title: title, description: description, url: config.url(sitePath),
                           canonicalURL: config.absoluteURL(sitePath), kind: kind.rawValue,
                           ogType: kind == .article ? "article" : "website"),
            breadcrumbs: breadcrumbs(for: sitePath))
        fill(&context)
        // Templates are checked against `PageKind.keys`: a value filled here must be listed there.
        assert(context.filledKeys.isSubset(of: PageContext.common.union(kind.keys)),
               "\(kind) pages fill \(context.filledKeys.subtracting(PageContext.common.union(kind.keys)).sorted()), which PageKind.keys does not list")
        return .text(templates.render(context, template: kind.template))
    }

    private func articlePage(_ index: Int) -> OutputFile.Contents {
        let article = site.articles[index]
        return page(article.outputPath, kind: .article, title: article.title,
                    description: article.summary) { context in
            let toc = tableOfContents(article.body.headings)
            context.article = ArticleView(
                title: article.title, summary: article.summary, url: config.url(article.sitePath),
                date: article.date.readable, dateISO: article.date.iso,
                updated: article.updated?.readable, updatedISO: article.updated?.iso, level: article.level,
                readingMinutes: article.readingMinutes, wordCount: article.wordCount,
                skills: skillLinks(article.skills),
                html: BlockRenderer.html(of: article.body, title: article.title, url: config.url(article.sitePath), templates: templates), toc: toc, hasToc: !toc.isEmpty,
                previous: index > 0 ? neighbour(site.articles[index - 1]) : nil,
                next: index + 1 < site.articles.count ? neighbour(site.articles[index + 1]) : nil,
                related: site.related[index].map { card(site.articles[$0]) }, jsonLD: JSONLD.article(article, site: site))
            context.article?.status = status(draft: article.draft, date: article.date)
            context.article?.extra = ExtraValue.templateValue(article.extra)
            context.page.extra = context.article?.extra
            if let part = article.part.flatMap(partView) {
                context.article?.part = part
                // Home › Articles › the part, so a reader sees where the article sits in the guide.
                context.breadcrumbs.append(LinkView(title: part.title, url: part.url))
            }
        }
    }

    /// Page `number` of the articles list: its articles, grouped by the parts they belong to.
    private func articlesPage(_ number: Int, cards: CardViews) -> OutputFile.Contents {
        let range = articlePages.range(of: number)
        let title = articlePages.title("Articles", page: number)
        var description = "Every article of \(config.title), in reading order."
        if number > 1 { description += " Page \(number) of \(articlePages.pageCount)." }
        return page(articlePages.outputPath(of: number), kind: .articles, title: title, description: description) { context in
            context.articles = Array(cards.all[range])
            context.parts = pageParts(number, range: range, cards.all)
            context.pager = PagerView(articlePages, page: number, url: config.url)
        }
    }

    private func skillPages(_ skill: Skill) -> Pagination {
        Pagination(listPath: skill.sitePath, itemCount: site.articlesBySkill[skill.id]?.count ?? 0, pageSize: config.pageSize)
    }

    private func skillPage(_ skill: Skill, page number: Int, cards: CardViews) -> OutputFile.Contents {
        let articles = site.articlesBySkill[skill.id] ?? []
        let pages = skillPages(skill)
        var description = skill.description
        if number > 1 { description += " Page \(number) of \(pages.pageCount)." }
        return page(pages.outputPath(of: number), kind: .skill, title: pages.title(skill.name, page: number),
                    description: description) { context in
            context.skill = SkillView(id: skill.id, name: skill.name, category: skill.category,
                                      categoryURL: config.url("/skills/") + "#" + categoryID(skill.category),
                                      description: skill.description,
                                      articleCountLabel: countLabel(articles.count, "article"),
                                      articles: articles[pages.range(of: number)].map { cards.all[$0] })
            context.pager = PagerView(pages, page: number, url: config.url)
            // Home › Skills › the skill, on the pages after its first.
            if number > 1 { context.breadcrumbs.append(LinkView(title: skill.name, url: config.url(skill.sitePath))) }
        }
    }

    // MARK: - Machine-readable files

    /// Every page a search engine should find, in the sitemap's order.
    private func sitemapEntries() -> [Sitemap.Entry] {
        var entries = [Sitemap.Entry(sitePath: "/")]
        entries += articlePages.pages.map { Sitemap.Entry(sitePath: articlePages.sitePath(of: $0)) }
        entries += ["/skills/", "/salaries/", "/search/"].map { Sitemap.Entry(sitePath: $0) }
        entries += site.articles.map { Sitemap.Entry(sitePath: $0.sitePath, lastModified: $0.lastModified) }
        for skill in site.skills {
            let pages = skillPages(skill)
            entries += pages.pages.map { Sitemap.Entry(sitePath: pages.sitePath(of: $0)) }
        }
        entries += site.pages.map { Sitemap.Entry(sitePath: $0.sitePath, lastModified: $0.updated) }
        return entries
    }

    private func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL("/sitemap.xml"))\n"
    }
}
