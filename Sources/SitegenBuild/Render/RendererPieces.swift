import SitegenModel
import SitegenSupport
import Foundation

// The pieces pages are made of (site view, breadcrumbs, parts, skill links, categories,
// table of contents, salary tables): the views `Renderer`'s pages put together.
extension Renderer {
    // MARK: - Pieces

    func siteView(currentPath: String) -> SiteView {
        let sections: [(String, String)] = [("Articles", "/articles/"), ("Skills", "/skills/"), ("Salaries", "/salaries/")]
            + site.pages.map { ($0.title.count <= 18 ? $0.title : $0.slug.capitalized, $0.sitePath) }
            + [("Search", "/search/")]
        let nav = sections.map { title, path in
            NavLink(title: title, url: config.url(path), current: currentPath.hasPrefix(path))
        }
        let view = SiteView(title: config.title, description: config.description, language: config.language,
                        author: config.author, baseURL: config.absoluteURL("/"), basePath: config.basePath,
                        homeURL: config.url("/"), nav: nav, articleCount: site.articles.count,
                        skillCount: site.skills.count, salaryFigureCount: site.salaries.count, generator: generator,
                        feedURL: config.url("/feed.xml"), searchURL: config.url("/search/"),
                        searchIndexURL: config.url("/" + SearchIndex.manifestPath),
                        asset: templates.catalog.lambda(basePath: config.basePath))
        view.extra = ExtraValue.templateValue(config.extra)
        view.salaryNamedSourceCount = salaryNamedSourceCount
        view.salaryNewestAsOf = salaryNewestAsOf
        return view
    }

    func breadcrumbs(for sitePath: String) -> [LinkView] {
        guard sitePath != "/" && sitePath != "/404.html" else { return [] }
        var crumbs = [LinkView(title: "Home", url: config.url("/"))]
        let section = sitePath.split(separator: "/").first.map(String.init) ?? ""
        let sectionPath = "/\(section)/"
        if sectionPath != sitePath, ["articles", "skills"].contains(section) {
            crumbs.append(LinkView(title: section.capitalized, url: config.url(sectionPath)))
        }
        return crumbs
    }

    /// The card of every article, made on first use and shared by all pages of one render.
    final class CardViews: @unchecked Sendable {
        private let renderer: Renderer
        private let lock = NSLock()
        private var made: [ArticleCard]?
        init(renderer: Renderer) { self.renderer = renderer }
        var all: [ArticleCard] {
            lock.withLock {
                if let made { return made }
                let cards = renderer.site.articles.map(renderer.card)
                made = cards
                return cards
            }
        }
    }

    func card(_ article: Article) -> ArticleCard {
        let card = ArticleCard(title: article.title, summary: article.summary, url: config.url(article.sitePath),
                               date: article.date.readable, dateISO: article.date.iso, level: article.level,
                               readingMinutes: article.readingMinutes, skills: skillLinks(article.skills))
        card.status = status(draft: article.draft, date: article.date)
        card.extra = ExtraValue.templateValue(article.extra)
        return card
    }

    /// Drafts and documents dated after the build's day reach a page only when the build
    /// asked for them; the theme marks them.
    func status(draft: Bool, date: Day?) -> PublicationStatus {
        PublicationStatus(draft: draft, scheduled: date.flatMap { $0 > today ? $0.readable : nil })
    }

    func neighbour(_ article: Article) -> LinkView {
        LinkView(title: article.title, url: config.url(article.sitePath), part: article.part.flatMap { partView($0)?.title })
    }

    /// The parts a page of the articles list shows, each with its articles on that page (cards
    /// in reading order); articles in no part follow as one more group. A part with no
    /// articles shows on the page where it would begin. Empty when the site defines no parts.
    func pageParts(_ number: Int, range: Range<Int>, _ cards: [ArticleCard]) -> [PartView] {
        partGroups.groups.compactMap { group in
            let onPage = group.members(in: range)
            guard !onPage.isEmpty || (group.members.isEmpty && group.firstPage == number) else { return nil }
            let view = partView(group, articles: onPage.map { cards[$0] })
            view.continued = group.members.first.map { $0 < range.lowerBound } ?? false
            return view
        }
    }

    /// Every part with its first `limit` articles (the home page, the 404 page).
    func leadingParts(_ limit: Int, _ cards: [ArticleCard]) -> [PartView] {
        partGroups.groups.map { group in
            let view = partView(group, articles: group.members.prefix(limit).map { cards[$0] })
            view.moreCount = max(0, group.members.count - limit)
            return view
        }
    }

    func partView(_ group: PartGroups.Group, articles: [ArticleCard]) -> PartView {
        PartView(number: group.number, id: group.id, title: group.title, description: group.description,
                 url: partURL(group.id), articles: articles, articleCountLabel: countLabel(group.members.count, "article"))
    }

    /// The part's heading on the page of the articles list where it begins.
    func partURL(_ id: String) -> String {
        config.url(articlePages.sitePath(of: partGroups.firstPage[id] ?? 1)) + "#" + id
    }

    /// One part of the guide, without its articles (for article pages).
    func partView(_ id: String) -> PartView? {
        guard let index = config.parts.firstIndex(where: { $0.id == id }) else { return nil }
        let part = config.parts[index]
        return PartView(number: index + 1, id: part.id, title: part.title, description: part.description,
                        url: partURL(part.id), articles: [], articleCountLabel: "")
    }

    func skillLinks(_ ids: [String]) -> [SkillLink] {
        ids.compactMap { id in site.skill(id).map { SkillLink(id: id, name: $0.name, url: config.url($0.sitePath)) } }
    }

    func categories() -> [SkillCategoryView] {
        site.skillCategories.map { category in
            SkillCategoryView(name: category.name, id: categoryID(category.name), skillCount: category.skills.count,
                              skills: category.skills.map { skill in
                let count = site.articlesBySkill[skill.id]?.count ?? 0
                return SkillSummary(id: skill.id, name: skill.name, url: config.url(skill.sitePath),
                                    description: skill.description, articleCount: count,
                                    articleCountLabel: countLabel(count, "article"))
            })
        }
    }

    func categoryID(_ name: String) -> String { Markdown.slug(name) }

    func countLabel(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// H2s with their H3s nested below; deeper levels are left out to keep it short.
    func tableOfContents(_ headings: [Heading]) -> [TocEntry] {
        var entries: [TocEntry] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let entry = TocEntry(text: heading.text, id: heading.id, children: [])
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(entry)
            } else {
                entries.append(entry)
            }
        }
        return entries
    }

    func salaryTables() -> [SalaryTableView] {
        var order: [String] = []
        var rows: [String: [SalaryRowView]] = [:]
        var figures: [String: [SalaryFigure]] = [:]
        for figure in site.salaries {
            if rows[figure.currency] == nil { order.append(figure.currency) }
            figures[figure.currency, default: []].append(figure)
            let amount = SalaryFormat.amount(figure.amount, currency: figure.currency)
            rows[figure.currency, default: []].append(SalaryRowView(
                role: figure.role, level: figure.level, region: figure.region,
                statistic: SalaryFormat.statistic(figure.statistic),
                amount: figure.statistic == "estimate" ? "about \(amount)" : amount,
                source: figure.source, sourceURL: figure.sourceURL,
                asOf: SalaryFormat.asOfWithAge(figure.asOf, today: today), asOfISO: figure.asOf, note: figure.note))
        }
        return order.map { currency in
            SalaryTableView(currency: currency, caption: SalaryFormat.caption(currency: currency), rows: rows[currency]!,
                            chartSVG: SalaryChart.svg(figures: figures[currency]!, currency: currency, today: today,
                                                      titleID: "chart-\(currency)-title", descriptionID: "chart-\(currency)-desc"))
        }
    }
}
