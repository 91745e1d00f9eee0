import Mustache

/// A part of the guide as templates see it: on the home page and the articles list with
/// its articles, on an article page the part the article belongs to (without them).
final class PartView {
    /// 1-based place in the guide ("Part 2").
    var number: Int
    var id: String
    var title: String
    var description: String
    /// The part's heading on the articles list.
    var url: String
    var articles: [ArticleCard]
    var articleCountLabel: String

    init(number: Int, id: String, title: String, description: String, url: String, articles: [ArticleCard], articleCountLabel: String) {
        self.number = number
        self.id = id
        self.title = title
        self.description = description
        self.url = url
        self.articles = articles
        self.articleCountLabel = articleCountLabel
    }
}

extension PartView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "number": return self.number
        case "id": return self.id
        case "title": return self.title
        case "description": return self.description
        case "url": return self.url
        case "articles": return self.articles
        case "articleCountLabel": return self.articleCountLabel
        default: return nil
        }
    }
}
