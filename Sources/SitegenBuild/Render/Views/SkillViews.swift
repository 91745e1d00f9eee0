/// A skill on the skills index and the search page.
final class SkillSummary {
    var id: String
    var name: String
    var url: String
    var description: String
    var articleCount: Int
    var articleCountLabel: String

    init(id: String, name: String, url: String, description: String, articleCount: Int, articleCountLabel: String) {
        self.id = id
        self.name = name
        self.url = url
        self.description = description
        self.articleCount = articleCount
        self.articleCountLabel = articleCountLabel
    }
}

extension SkillSummary: TemplateView {
    static let viewName = "skill summary"
    static let viewSummary = "A skill as the skills index lists it."
    static let fields: [ViewField<SkillSummary>] = [
        .text("id", "the skill's id") { $0.id },
        .text("name", "its name") { $0.name },
        .text("url", "its page's URL") { $0.url },
        .text("description", "its description") { $0.description },
        .number("articleCount", "how many articles teach it") { $0.articleCount },
        .text("articleCountLabel", "the same as words: \"1 article\", \"3 articles\"") { $0.articleCountLabel },
    ]
}

final class SkillCategoryView {
    var name: String
    var id: String
    var skillCount: Int
    var skills: [SkillSummary]

    init(name: String, id: String, skillCount: Int, skills: [SkillSummary]) {
        self.name = name
        self.id = id
        self.skillCount = skillCount
        self.skills = skills
    }
}

extension SkillCategoryView: TemplateView {
    static let viewName = "skill category"
    static let viewSummary = "A category of `skills.yaml` with its skills."
    static let fields: [ViewField<SkillCategoryView>] = [
        .text("name", "the category's name") { $0.name },
        .text("id", "its `id` on the skills index, for `#fragment` links") { $0.id },
        .number("skillCount", "how many skills it has") { $0.skillCount },
        .list("skills", "its skills, in the order of `skills.yaml`") { $0.skills },
    ]
}

/// The skill a skill page shows.
final class SkillView {
    var id: String
    var name: String
    var category: String
    var categoryURL: String
    var description: String
    var articleCountLabel: String
    var articles: [ArticleCard]

    init(id: String, name: String, category: String, categoryURL: String, description: String, articleCountLabel: String, articles: [ArticleCard]) {
        self.id = id
        self.name = name
        self.category = category
        self.categoryURL = categoryURL
        self.description = description
        self.articleCountLabel = articleCountLabel
        self.articles = articles
    }
}

extension SkillView: TemplateView {
    static let viewName = "skill"
    static let viewSummary = "The skill of a skill page."
    static let fields: [ViewField<SkillView>] = [
        .text("id", "the skill's id") { $0.id },
        .text("name", "its name") { $0.name },
        .text("category", "its category's name") { $0.category },
        .text("categoryURL", "the category on the skills index") { $0.categoryURL },
        .text("description", "its description") { $0.description },
        .text("articleCountLabel", "how many articles teach it, on all pages: \"1 article\", \"3 articles\"") { $0.articleCountLabel },
        .list("articles", "the articles that teach it on this page, in reading order (see `pager`)") { $0.articles },
    ]
}
