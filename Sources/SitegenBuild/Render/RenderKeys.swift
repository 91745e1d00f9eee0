import SitegenSupport
import SitegenModel
import Foundation

/// Render keys: hashes of everything a file shows. Equal keys mean equal output, so a
/// rebuild renders again only files whose key changed. Kept here, beside the renderer
/// that decides what each file shows, and out of the content model.
enum RenderKeys {
    /// What an article shows on other pages: its card in lists, its link as a neighbour
    /// or a related article.
    static func card(of article: Article) -> Int {
        var hasher = Hasher()
        hasher.combine(article.slug)
        hasher.combine(article.title)
        hasher.combine(article.summary)
        hasher.combine(article.date)
        hasher.combine(article.level)
        hasher.combine(article.readingMinutes)
        hasher.combine(article.skills)
        hasher.combine(article.part)
        // The draft marker; the scheduled one follows from the date and the run's day.
        hasher.combine(article.draft)
        hasher.combine(article.extra)
        return hasher.finalize()
    }
}

extension RenderKeys {
    /// The card keys of the last run, by article. An article whose file did not change is
    /// the same object in the next run, so its key is taken, not hashed again: hashing ten
    /// thousand titles and summaries (Swift's string hashing normalises each) was a quarter
    /// of a rebuild's plan stage.
    final class CardCache: @unchecked Sendable {
        private let lock = NSLock()
        /// Held, so that no identity of them is reused by a new object meanwhile.
        private var articles: [Article] = []
        private var keys: [Int] = []

        func cards(of current: [Article]) -> [Int] {
            lock.withLock {
                var byObject: [ObjectIdentifier: Int]?
                let cards = current.indices.map { index -> Int in
                    let article = current[index]
                    if index < articles.count, articles[index] === article { return keys[index] }
                    if byObject == nil {
                        byObject = Dictionary(zip(articles.map(ObjectIdentifier.init), keys), uniquingKeysWith: { first, _ in first })
                    }
                    return byObject?[ObjectIdentifier(article)] ?? card(of: article)
                }
                articles = current
                keys = cards
                return cards
            }
        }
    }
}
