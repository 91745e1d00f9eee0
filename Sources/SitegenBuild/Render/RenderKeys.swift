import SitegenSupport
import SitegenModel

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
