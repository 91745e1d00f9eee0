import SitegenModel
import SitegenSupport
/// The Atom feed of the articles (`feed.xml`), newest first.
enum AtomFeed {
    /// Indices of the `limit` most recently changed articles, newest first: all the feed
    /// shows, so an edit to any other article leaves the feed as it is.
    static func newest(_ articles: [Article], limit: Int = 50) -> [Int] {
        func isNewer(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (articles[a], articles[b])
            if x.lastModified != y.lastModified { return x.lastModified > y.lastModified }
            if x.date != y.date { return x.date > y.date }
            return x.slug > y.slug
        }
        // One pass keeping the best `limit`, not a sort of every article on every rebuild.
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        for index in articles.indices {
            if best.count == limit, let last = best.last, !isNewer(index, last) { continue }
            let position = best.firstIndex { isNewer(index, $0) } ?? best.count
            best.insert(index, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    static func render(site: Site, entries: [Int]? = nil, templates: TemplateSet) -> String {
        let config = site.config
        let articles = (entries ?? newest(site.articles)).map { site.articles[$0] }
        let updated = articles.first?.lastModified.rfc3339 ?? Day.epoch.rfc3339
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XML.escape(config.language))">
          <title>\(XML.escape(config.title))</title>
          <subtitle>\(XML.escape(config.description))</subtitle>
          <link rel="alternate" type="text/html" href="\(XML.escape(config.absoluteURL("/")))"/>
          <link rel="self" type="application/atom+xml" href="\(XML.escape(config.absoluteURL("/feed.xml")))"/>
          <id>\(XML.escape(config.absoluteURL("/")))</id>
          <updated>\(updated)</updated>
          <author><name>\(XML.escape(config.author ?? config.title))</name></author>
          <generator>sitegen</generator>

        """
        for article in articles {
            let url = XML.escape(config.absoluteURL(article.sitePath))
            xml += """
              <entry>
                <title>\(XML.escape(article.title))</title>
                <link rel="alternate" type="text/html" href="\(url)"/>
                <id>\(url)</id>
                <published>\(article.date.rfc3339)</published>
                <updated>\(article.lastModified.rfc3339)</updated>
                <summary>\(XML.escape(article.summary))</summary>
            \(article.skills.compactMap { site.skill($0) }.map { "    <category term=\"\(XML.escape($0.id))\" label=\"\(XML.escape($0.name))\"/>\n" }.joined())    <content type="html">\(XML.escape(absolutised(BlockRenderer.html(of: article.body, title: article.title, url: config.url(article.sitePath), templates: templates), pageURL: config.absoluteURL(article.sitePath), config: config)))</content>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// Feed readers resolve links against the feed, not the page: make site links absolute.
    static func absolutised(_ html: String, pageURL: String, config: SiteConfig) -> String {
        let origin = String(config.absoluteURL("/").dropLast(config.basePath.count))
        return html.replacingLiteral("href=\"/", with: "href=\"\(origin)/")
            .replacingLiteral("src=\"/", with: "src=\"\(origin)/")
            .replacingLiteral("href=\"#", with: "href=\"\(pageURL)#")
    }
}
