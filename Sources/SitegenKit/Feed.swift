/// The Atom feed of the articles (`feed.xml`), newest first.
enum AtomFeed {
    static func render(site: Site, limit: Int = 50) -> String {
        let config = site.config
        let articles = site.articles.sorted { ($0.lastModified, $0.date, $0.slug) > ($1.lastModified, $1.date, $1.slug) }
            .prefix(limit)
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
            \(article.skills.compactMap { site.skill($0) }.map { "    <category term=\"\(XML.escape($0.id))\" label=\"\(XML.escape($0.name))\"/>\n" }.joined())    <content type="html">\(XML.escape(absolutised(article.body.html, pageURL: config.absoluteURL(article.sitePath), config: config)))</content>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// Feed readers resolve links against the feed, not the page: make site links absolute.
    static func absolutised(_ html: String, pageURL: String, config: SiteConfig) -> String {
        let origin = String(config.absoluteURL("/").dropLast(config.basePath.count))
        return html.replacingOccurrences(of: "href=\"/", with: "href=\"\(origin)/")
            .replacingOccurrences(of: "src=\"/", with: "src=\"\(origin)/")
            .replacingOccurrences(of: "href=\"#", with: "href=\"\(pageURL)#")
    }
}
