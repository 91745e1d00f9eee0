import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// Fixtures/ranking, rendered with the good fixture's theme. Its reading order (weights
/// 1 to 6, then the unweighted articles newest first) and skills:
///
///     building-a-service  api sql cache      caching-queries  api sql cache
///     http-apis           api                cache-basics     cache
///     api-and-sql         api sql            writing-docs     docs
///     sql-basics          sql                message-queues   queue
///                                            authentication   auth
///
/// Weights, dates and titles disagree on purpose, so only the reading order gives the
/// orders checked here.
@Suite struct RankingSiteTests {
    static let readingOrder = ["building-a-service", "http-apis", "api-and-sql", "sql-basics", "caching-queries",
                               "cache-basics", "writing-docs", "message-queues", "authentication"]
    let files: [String: String]

    init() throws {
        let site = try ScratchSite.ranking()
        defer { site.remove() }
        let (rendered, diagnostics) = site.builder().renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        files = Dictionary(rendered.compactMap { file in file.text.map { (file.path, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func article(_ slug: String) throws -> String { try #require(files["articles/\(slug)/index.html"], "no page for \(slug)") }

    /// The link targets of an article page's related list, in the order shown.
    func related(_ slug: String) throws -> [String] {
        let html = try article(slug)
        let start = try #require(html.range(of: "<ul class=\"related\">"))
        let end = try #require(html[start.upperBound...].range(of: "</ul>"))
        return attributeValues(in: String(html[start.upperBound..<end.lowerBound]), names: ["href"])
    }

    func neighbour(_ rel: String, of slug: String) throws -> String? {
        try article(slug).firstMatch(of: try Regex("<a rel=\"\(rel)\" href=\"([^\"]*)\">"))?.output[1].substring.map(String.init)
    }

    @Test func relatedArticlesRankBySharedSkillsThenReadingOrder() throws {
        // 3 shared skills, then 2, then the first in reading order of the three sharing 1.
        #expect(try related("building-a-service") == ["/articles/caching-queries/", "/articles/api-and-sql/", "/articles/http-apis/"])
        // Two share 2 skills: reading order puts building-a-service (weight 1) first.
        #expect(try related("api-and-sql") == ["/articles/building-a-service/", "/articles/caching-queries/", "/articles/http-apis/"])
        // Four share 1 skill: the first three in reading order, not by date or title.
        #expect(try related("sql-basics") == ["/articles/building-a-service/", "/articles/api-and-sql/", "/articles/caching-queries/"])
        #expect(try related("cache-basics") == ["/articles/building-a-service/", "/articles/caching-queries/"])
        // Sharing no skill, nothing is related.
        for slug in ["writing-docs", "message-queues", "authentication"] {
            #expect(try related(slug) == [], "\(slug)")
        }
        #expect(try article("building-a-service").contains("<ul class=\"related\"><li><a href=\"/articles/caching-queries/\">Caching the queries of an API</a></li>"))
    }

    @Test func theArticlesIndexFollowsTheReadingOrder() throws {
        let index = try #require(files["articles/index.html"])
        let listed = attributeValues(in: index, names: ["href"]).filter { $0.hasPrefix("/articles/") && $0 != "/articles/" }
        #expect(listed == Self.readingOrder.map { "/articles/\($0)/" })
    }

    @Test func everyArticleLinksItsNeighboursInReadingOrder() throws {
        let order = Self.readingOrder
        for (position, slug) in order.enumerated() {
            #expect(try neighbour("prev", of: slug) == (position > 0 ? "/articles/\(order[position - 1])/" : nil), "\(slug)")
            #expect(try neighbour("next", of: slug) == (position + 1 < order.count ? "/articles/\(order[position + 1])/" : nil), "\(slug)")
        }
        #expect(try article("writing-docs").contains("<a rel=\"next\" href=\"/articles/message-queues/\">Message queues</a>"))
    }
}
