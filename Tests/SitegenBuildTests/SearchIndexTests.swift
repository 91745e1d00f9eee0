import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// The split search index (`search/`): its files, their sizes and boundaries, escaping,
/// and what is and is not in it.
@Suite struct SearchIndexTests {
    static func json(_ text: String?) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try #require(text).utf8))
    }

    let files: [String: String]

    init() {
        let builder = Builder(options: BuildOptions(source: Fixtures.good.path, output: "/tmp/sitegen-unused-output", today: Fixtures.today))
        files = Dictionary(builder.renderSite().files.compactMap { file in file.text.map { (file.path, $0) } },
                           uniquingKeysWith: { a, _ in a })
    }

    /// (document, weight) pairs of a term, found through the manifest and vocabulary as the script does.
    func postings(of term: String) throws -> [(document: Int, weight: Int)]? {
        let manifest = try #require(try Self.json(files["search/index.json"]) as? [String: Any])
        let groups = try #require(manifest["groups"] as? [String: Int])
        guard let vocabularyFile = groups[SearchTerms.group(term)] else { return nil }
        let vocabulary = try #require(try Self.json(files["search/terms-\(vocabularyFile).json"]) as? [String: [Int]])
        guard let entry = vocabulary[term] else { return nil }
        let shard = try #require(try Self.json(files["search/postings-\(entry[0]).json"]) as? [String: String])
        let list = PostingCode.decode(try #require(shard[term]))
        #expect(list.count == entry[1], "the vocabulary counts the documents of \(term)")
        return list
    }

    @Test func fixtureIndexHoldsArticlesPagesSalariesAndSkillsInOrder() throws {
        let manifest = try #require(try Self.json(files["search/index.json"]) as? [String: Any])
        #expect(manifest["documents"] as? Int == 2 + 1 + 1 + 3)
        #expect(manifest["minimumLength"] as? Int == 2)
        #expect(manifest["weights"] as? [String: Int] == ["body": 1, "bodyRepeated": 2, "summary": 3, "heading": 4, "skill": 5, "title": 7])
        let sizes = try #require(manifest["postingBytes"] as? [Int])
        for (number, size) in sizes.enumerated() {
            #expect(files["search/postings-\(number).json"]?.utf8.count == size)
        }
        let records = try #require(try Self.json(files["search/documents-0.json"]) as? [[String]])
        #expect(records.map { $0[0] } == ["article", "article", "page", "salaries", "skill", "skill", "skill"])
        #expect(records[0] == ["article", "Intro <to> the guide", "/docs/articles/intro/", "Where to start.", "Alpha · Beta & Co"])
        #expect(records[2][2] == "/docs/pages/about/")
        #expect(records[3][2] == "/docs/salaries/")
        #expect(records[6] == ["skill", "Gamma", "/docs/skills/gamma/", "A skill no article teaches.", "Greek"])
    }

    @Test func termsCarryTheWeightOfWhereTheyAppear() throws {
        #expect(try postings(of: "intro")?.first { $0.document == 0 }?.weight == 7)         // title
        #expect(try postings(of: "alpha")?.first { $0.document == 0 }?.weight == 5)         // a skill of the article
        #expect(try postings(of: "details")?.first { $0.document == 1 }?.weight == 4)       // a heading
        #expect(try postings(of: "start")?.first { $0.document == 0 }?.weight == 3)         // the summary
        #expect(try postings(of: "salary")?.map(\.document).contains(3) == true)           // the salaries page
        #expect(try postings(of: "who")?.map(\.document) == [2])                            // the about page's heading
    }

    @Test func draftsAreNotIndexed() throws {
        // "unfinished" and "progress" are only in the draft article and the draft page.
        #expect(try postings(of: "unfinished") == nil)
        #expect(try postings(of: "progress") == nil)
        #expect(try postings(of: "plans") == nil)
    }

    @Test func noSearchFileHoldsAnAngleBracketOrRawLineSeparator() throws {
        let search = files.filter { $0.key.hasPrefix("search/") && $0.key.hasSuffix(".json") }
        #expect(search.count == 4)
        for (path, text) in search {
            #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"), "\(path)")
        }
        #expect(files["search/documents-0.json"]?.contains("Intro \\u003cto\\u003e the guide") == true)
    }

    @Test func aRebuildWithNothingIndexedChangedReusesTheFiles() throws {
        let cache = SearchIndex.Cache()
        var made = 0
        let first = cache.files(for: 1) { made += 1; return [("search/index.json", "{}")] }
        let again = cache.files(for: 1) { made += 1; return [] }
        #expect(made == 1 && again.map(\.path) == first.map(\.path))
        _ = cache.files(for: 2) { made += 1; return [] }
        #expect(made == 2)
        cache.removeAll()  // the site key changed
        _ = cache.files(for: 2) { made += 1; return [] }
        #expect(made == 3)
    }

    @Test func hostileTitlesStayInsideTheirStrings() throws {
        let document = SearchIndex.document(kind: "article", title: "</script>\"\u{2028}x", url: "/a/", summary: "s", detail: "",
                                            fields: [("</script>", .title)])
        #expect(document.record == "[\"article\",\"\\u003c/script\\u003e\\\"\\u2028x\",\"/a/\",\"s\",\"\"]")
        let parsed = try #require(try Self.json(document.record) as? [String])
        #expect(parsed[1] == "</script>\"\u{2028}x")
    }

    @Test func bodyWordsCountLessThanTitleWordsAndRepeatsCountMore() {
        let document = SearchIndex.document(kind: "article", title: "Queues", url: "/q/", summary: "", detail: "",
                                            fields: [("Queues", .title), ("queues and kafka kafka kafka redis", .body)])
        let weights = Dictionary(document.terms, uniquingKeysWith: max)
        #expect(weights["queues"] == 7)
        #expect(weights["kafka"] == 2)
        #expect(weights["redis"] == 1)
        #expect(weights["and"] == 1)
    }

    @Test func postingCodeRoundTrips() {
        var postings: [UInt32] = []
        var number: UInt32 = 0
        var generator = SystemRandomNumberGenerator()
        for step in 0..<2000 {
            number += step % 97 == 0 ? UInt32.random(in: 1...(1 << 20), using: &generator) : UInt32.random(in: 1...40, using: &generator)
            postings.append(number << 3 | UInt32.random(in: 1...7, using: &generator))
        }
        let text = PostingCode.encode(postings)
        #expect(PostingCode.decode(text).map { UInt32($0.document) << 3 | UInt32($0.weight) } == postings)
        // A term in every document costs one character a document.
        #expect(PostingCode.encode((0..<100).map { UInt32($0) << 3 | 1 }).utf8.count == 100)
        #expect(!text.contains("\"") && !text.contains("\\") && !text.contains("<"))
    }

    @Test func termsAreFoldedAndSplitLikeTheScript() {
        #expect(SearchTerms.terms("How-to: API v2, C++ & Go") == ["how", "to", "api", "v2", "go"])
        #expect(SearchTerms.terms("Crème brûlée, Kubernetes_1.29!") == ["creme", "brulee", "kubernetes", "29"])
        #expect(SearchTerms.terms(String(repeating: "a", count: 41) + " ok") == ["ok"])
        #expect(SearchTerms.group("kubernetes") == "ku")
        #expect(SearchTerms.group("été") == "ét")  // groups are taken from folded terms, which have no accents
    }

    /// Many documents cut into small files: every limit holds, nothing is lost.
    @Test func filesAreCutAtTheirTargetsAndEveryTermIsWhereTheManifestSays() throws {
        let words = (0..<600).map { "w\(String($0, radix: 36))x" } + ["common"]
        let documents = (0..<1000).map { number in
            SearchIndex.document(kind: "article", title: "Doc \(number)", url: "/d/\(number)/", summary: "", detail: "",
                                 fields: [((0..<8).map { words[(number * 7 + $0 * 13) % 600] }.joined(separator: " ") + " common", .body)])
        }
        let layout = SearchIndex.Layout(documentsPerShard: 64, postingBytes: 2000, vocabularyBytes: 500)
        let files = Dictionary(uniqueKeysWithValues: SearchIndex.files(documents: documents, layout: layout).map { ($0.path, $0.text) })
        let manifest = try #require(try Self.json(files["search/index.json"]) as? [String: Any])
        let sizes = try #require(manifest["postingBytes"] as? [Int])
        let groups = try #require(manifest["groups"] as? [String: Int])

        let documentFiles = files.keys.filter { $0.hasPrefix("search/documents-") }
        #expect(documentFiles.count == 16)  // 1000 / 64, rounded up
        for number in 0..<16 {
            let records = try #require(try Self.json(files["search/documents-\(number).json"]) as? [[String]])
            #expect(records.count == (number < 15 ? 64 : 1000 - 15 * 64))
            #expect(records.first?[2] == "/d/\(number * 64)/")
        }
        // "common" (in all 1000 documents) alone is over the target: a term is never split.
        let largest = PostingCode.encode((0..<1000).map { UInt32($0) << 3 | 1 }).utf8.count + "\"common\":\"\"".utf8.count
        var seen: [String: Int] = [:]
        for (number, size) in sizes.enumerated() {
            let text = try #require(files["search/postings-\(number).json"])
            #expect(text.utf8.count == size)
            #expect(size < layout.postingBytes + largest + 8, "postings-\(number) is \(size) bytes")
            let shard = try #require(try Self.json(text) as? [String: String])
            for term in shard.keys { seen[term] = number }
        }
        #expect(Set(seen.keys) == Set(words))  // only the body was given
        var vocabularyTerms = 0
        for (group, file) in groups {
            let vocabulary = try #require(try Self.json(files["search/terms-\(file).json"]) as? [String: [Int]])
            #expect(vocabulary.utf8Size < layout.vocabularyBytes * 4)
            for (term, entry) in vocabulary where SearchTerms.group(term) == group {
                #expect(seen[term] == entry[0], "\(term) is in postings-\(entry[0])")
                vocabularyTerms += 1
            }
        }
        #expect(vocabularyTerms == seen.count)  // each term under exactly its group
        #expect(try postings(in: files, "common", groups: groups).count == 1000)
    }

    func postings(in files: [String: String], _ term: String, groups: [String: Int]) throws -> [(document: Int, weight: Int)] {
        let group = try #require(groups[SearchTerms.group(term)])
        let vocabulary = try #require(try Self.json(files["search/terms-\(group).json"]) as? [String: [Int]])
        let entry = try #require(vocabulary[term])
        let shard = try #require(try Self.json(files["search/postings-\(entry[0]).json"]) as? [String: String])
        return PostingCode.decode(try #require(shard[term]))
    }
}

private extension Dictionary where Key == String, Value == [Int] {
    /// Roughly the bytes of the JSON object.
    var utf8Size: Int { reduce(0) { $0 + $1.key.utf8.count + 16 } }
}
