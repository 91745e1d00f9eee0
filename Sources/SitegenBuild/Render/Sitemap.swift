import SitegenModel
import SitegenSupport

/// `sitemap.xml`. The sitemap protocol allows 50,000 URLs in one file; a larger site gets a
/// sitemap index at `sitemap.xml` naming `sitemap-1.xml`, `sitemap-2.xml`, ... of at most
/// that many URLs each (as Zola does), so `robots.txt` points at one address either way.
enum Sitemap {
    static let urlsPerFile = 50_000

    struct Entry: Sendable {
        var sitePath: String
        var lastModified: Day?
    }

    /// The output paths: `sitemap.xml` alone, or the index and its parts.
    static func paths(entryCount: Int, limit: Int = urlsPerFile) -> [String] {
        guard entryCount > limit else { return ["sitemap.xml"] }
        return ["sitemap.xml"] + (1...partCount(entryCount, limit)).map { "sitemap-\($0).xml" }
    }

    /// The text of `path`, one of `paths(entryCount:)`.
    static func text(of path: String, entries: [Entry], config: SiteConfig, limit: Int = urlsPerFile) -> String {
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if path == "sitemap.xml", entries.count > limit {
            var xml = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for number in 1...partCount(entries.count, limit) {
                xml += "  <sitemap><loc>\(XML.escape(config.absoluteURL("/sitemap-\(number).xml")))</loc></sitemap>\n"
            }
            return xml + "</sitemapindex>\n"
        }
        var part = entries[...]
        if let number = Int(path.dropFirst("sitemap-".count).dropLast(".xml".count)), path.hasPrefix("sitemap-") {
            part = entries[min(entries.count, (number - 1) * limit)..<min(entries.count, number * limit)]
        }
        var xml = header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in part {
            xml += "  <url><loc>\(XML.escape(config.absoluteURL(entry.sitePath)))</loc>"
            if let day = entry.lastModified { xml += "<lastmod>\(day.iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    private static func partCount(_ entryCount: Int, _ limit: Int) -> Int { (entryCount + limit - 1) / limit }
}
