import SitegenModel
import Foundation

/// A value made from each article (its card's render key, its search document's key),
/// kept between rebuilds by article. An article whose file did not change is the same
/// object in the next run, so its value is taken, not made again: hashing ten thousand
/// titles and summaries (Swift's string hashing normalises each) was a quarter of a
/// rebuild's plan stage. The value must depend on the article alone.
final class ArticleMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Held, so that no identity of them is reused by a new object meanwhile.
    private var articles: [Article] = []
    private var values: [Value] = []

    func values(of current: [Article], make: (Article) -> Value) -> [Value] {
        lock.withLock {
            var byObject: [ObjectIdentifier: Value]?
            let made = current.indices.map { index -> Value in
                let article = current[index]
                if index < articles.count, articles[index] === article { return values[index] }
                if byObject == nil {
                    byObject = Dictionary(zip(articles.map(ObjectIdentifier.init), values), uniquingKeysWith: { first, _ in first })
                }
                return byObject?[ObjectIdentifier(article)] ?? make(article)
            }
            articles = current
            values = made
            return made
        }
    }
}
