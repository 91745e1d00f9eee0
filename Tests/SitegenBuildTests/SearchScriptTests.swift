import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// The search page's own script (`templates/assets/search.js`), run under Node against a
/// built site through `SearchHarness/query.js`: what readers get for real queries.
/// Skipped where there is no `node`.
@Suite(.enabled(if: NodeJS.executable != nil, "needs node")) struct SearchScriptTests {
    static let harness = Fixtures.tests.appendingPathComponent("SitegenBuildTests/SearchHarness/query.js")
    static let script = Fixtures.repository.appendingPathComponent("templates/assets/search.js")

    struct Answer: Decodable {
        struct Result: Decodable { var url: String; var title: String; var kind: String; var score: Double }
        var query: String
        var total: Int
        var bytes: Int
        var files: [String]
        var results: [Result]
        var urls: [String] { results.map(\.url) }
    }

    static func search(_ output: URL, _ queries: [String]) throws -> [String: Answer] {
        let process = Process()
        process.executableURL = try #require(NodeJS.executable)
        process.arguments = [harness.path, script.path, output.path] + queries
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let answers = try String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { try JSONDecoder().decode(Answer.self, from: Data($0.utf8)) }
        return Dictionary(uniqueKeysWithValues: answers.map { ($0.query, $0) })
    }

    /// The good fixture (base URL under /docs/) with articles that compete for the same words.
    static func makeSite() throws -> ScratchSite {
        let site = try ScratchSite()
        func article(_ slug: String, _ title: String, _ body: String, date: String = "2024-05-01", draft: Bool = false) throws {
            try site.write("content/articles/\(slug).md",
                           "---\ntitle: \(title)\nsummary: About \(slug).\ndate: \(date)\nskills: [alpha]\n\(draft ? "draft: true\n" : "")---\n\n\(body)\n")
        }
        try article("kubernetes", "Kubernetes in production", "Pods and services.")
        try article("containers", "Containers and servers", "Later you will meet Kubernetes and kubectl.")
        try article("become", "How to become a backend developer", "Steps to take.")
        try article("ai-tools", "AI tools at work", "This is how to become faster: how to become, how to become more productive.")
        try article("zeppelin", "Zeppelins", "A scheduled article.", date: "2027-01-01")
        try article("airship", "Airships", "A draft about a dirigible.", draft: true)
        return site
    }

    @Test func readersFindWhatTheyMean() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        _ = try site.builder(today: Fixtures.today).build()
        let answers = try Self.search(site.output, ["kube", "kubernets", "how to become", "salary", "about", "zeppelins",
                                                     "dirigible", "k", "beta co", "kubectl"])
        // Prefix: "kube" finds Kubernetes, the title match first, the body mention after.
        let kube = try #require(answers["kube"])
        #expect(kube.urls.first == "/docs/articles/kubernetes/")
        #expect(kube.urls.contains("/docs/articles/containers/"))
        // One typo forgiven.
        #expect(answers["kubernets"]?.urls.first == "/docs/articles/kubernetes/")
        #expect(answers["kubectl"]?.urls == ["/docs/articles/containers/"])
        // Title above body, however often the body says it.
        let become = try #require(answers["how to become"])
        #expect(become.urls.prefix(2) == ["/docs/articles/become/", "/docs/articles/ai-tools/"], "\(become.urls)")
        // The salaries page and the standalone pages are found.
        #expect(answers["salary"]?.urls.first == "/docs/salaries/")
        #expect(answers["about"]?.urls.first == "/docs/pages/about/")
        // Skills are found by name, "&" and all.
        #expect(answers["beta co"]?.urls.first == "/docs/skills/beta/")
        // Scheduled and draft articles are not.
        #expect(answers["zeppelins"]?.total == 0)
        #expect(answers["dirigible"]?.total == 0)
        // One letter is not a search.
        #expect(answers["k"]?.results.isEmpty == true && answers["k"]?.files == ["index.json"])
    }

    @Test func aQueryFetchesOnlyItsGroupsPostingsAndDocuments() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        _ = try site.builder(today: Fixtures.today).build()
        let answer = try #require(try Self.search(site.output, ["kubernetes"])["kubernetes"])
        #expect(answer.files.first == "index.json")
        #expect(answer.files.filter { $0.hasPrefix("terms-") }.count == 1)
        let all = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("search").path)
            .filter { $0.hasSuffix(".json") }
        let sizes = try all.reduce(0) { total, name in
            total + (try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("search/" + name).path)[.size] as? Int ?? 0)
        }
        #expect(answer.bytes <= sizes)
        #expect(Set(answer.files).isSubset(of: Set(all)))
    }
}

enum NodeJS {
    static let executable: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("node") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
