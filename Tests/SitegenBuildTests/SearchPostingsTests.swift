import Foundation
import Synchronization
import Testing
import SitegenTestSupport
@testable import SitegenBuild

/// The search index's merge state kept between `serve` rebuilds (`SearchPostings`,
/// `SearchIndex.Cache`): whatever sequence of edits it goes through, its files are exactly
/// those a fresh merge of the same documents gives.
@Suite struct SearchPostingsTests {
    /// Small files, so a few dozen documents make many of each and an edit moves boundaries.
    let layout = SearchIndex.Layout(documentsPerShard: 8, postingBytes: 300, vocabularyBytes: 200)

    /// A document as the tests edit it: words per field, so a word can move between fields.
    struct Text {
        var kind = "article"
        var title: [String]
        var summary = ""
        var headings: [String] = []
        var body: [String]

        func document(_ number: Int) -> SearchIndex.Document {
            SearchIndex.document(kind: kind, title: title.joined(separator: " "), url: "/d/\(number)/", summary: summary, detail: "",
                                 fields: [(title.joined(separator: " "), .title), (headings.joined(separator: " "), .heading),
                                          (body.joined(separator: " "), .body)])
        }
    }

    /// Words of several groups, some with accents (folded into another word's group).
    static let vocabulary = (0..<150).map { "w\(String($0 * 37, radix: 36))" } + ["zeta", "zebra", "alpha", "alps", "été", "etage", "kafka", "k8s"]

    static func randomText(_ random: inout SeededGenerator, kind: String = "article") -> Text {
        func words(_ count: Int) -> [String] { (0..<count).map { _ in vocabulary.randomElement(using: &random)! } }
        return Text(kind: kind, title: words(2), headings: words(Int.random(in: 0...2, using: &random)),
                    body: words(Int.random(in: 3...12, using: &random)))
    }

    func freshFiles(_ texts: [Text]) -> [String] {
        SearchIndex.files(documents: texts.enumerated().map { $1.document($0) }, layout: layout).map { $0.path + "\n" + $0.text }
    }

    /// The terms some document has, as a fresh merge lists them.
    func terms(in texts: [Text]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (number, text) in texts.enumerated() { for (term, _) in text.document(number).terms { counts[term, default: 0] += 1 } }
        return counts
    }

    @Test func updatedPostingsMatchAFreshMergeAfterEveryEdit() throws {
        var random = SeededGenerator(seed: 17)
        var texts = (0..<40).map { _ in Self.randomText(&random) } + (0..<3).map { _ in Self.randomText(&random, kind: "page") }
        let table = SearchIndex.TermTable()
        func entries() -> [SearchPostings.Entry] { texts.enumerated().map { SearchPostings.Entry($1.document($0), table: table) } }
        var postings = SearchPostings(entries: entries(), names: table.all)
        let first = postings.files(layout: layout)
        #expect(first.map { $0.path + "\n" + $0.text } == freshFiles(texts))

        for step in 0..<120 {
            var what: String
            switch step % 6 {
            case 0:  // a few documents rewritten
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    texts[Int.random(in: 0..<texts.count, using: &random)] = Self.randomText(&random)
                }
                what = "rewrite"
            case 1:  // a term no document had, sorting anywhere among the others
                let number = Int.random(in: 0..<texts.count, using: &random)
                let fresh = ["aa\(step)", "w\(step)new", "zz\(step)", "étoile\(step)"][step / 6 % 4]
                texts[number].body.append(fresh)
                what = "new term \(fresh)"
            case 2:  // the last document that has some term loses it
                let counts = terms(in: texts)
                let loner = try #require(counts.filter { $0.value == 1 }.keys.sorted().first)
                let number = try #require(texts.indices.first { number in texts[number].document(number).terms.contains { $0.0 == loner } })
                for field in [\Text.title, \Text.headings, \Text.body] {
                    texts[number][keyPath: field].removeAll { SearchTerms.terms($0).contains(loner) }
                }
                #expect(terms(in: texts)[loner] == nil)
                what = "last \(loner) removed"
            case 3:  // a word moves from the body to the title: same terms, another weight
                let number = Int.random(in: 0..<texts.count, using: &random)
                if let word = texts[number].body.popLast() { texts[number].title.append(word) }
                what = "weight"
            case 4:  // the pages, remade on every build
                for number in texts.indices where texts[number].kind == "page" {
                    texts[number] = Self.randomText(&random, kind: "page")
                }
                what = "pages"
            default:  // only what a result shows
                texts[Int.random(in: 0..<texts.count, using: &random)].summary = "summary \(step)"
                what = "record"
            }
            let updated = postings.update(to: entries(), names: table.all)
            #expect(updated, "step \(step) (\(what)) updates in place")
            let files = postings.files(layout: layout)
            #expect(files.map { $0.path + "\n" + $0.text } == freshFiles(texts), "step \(step): \(what)")
        }
    }

    @Test func documentsAddedRemovedOrMostlyChangedNeedAFreshMerge() {
        var random = SeededGenerator(seed: 5)
        let texts = (0..<40).map { _ in Self.randomText(&random) }
        let table = SearchIndex.TermTable()
        func entries(_ texts: [Text]) -> [SearchPostings.Entry] { texts.enumerated().map { SearchPostings.Entry($1.document($0), table: table) } }
        var postings = SearchPostings(entries: entries(texts), names: table.all)
        let before = postings.files(layout: layout).map { $0.path + "\n" + $0.text }
        let added = postings.update(to: entries(texts + [Self.randomText(&random)]), names: table.all)
        let removed = postings.update(to: entries(Array(texts.dropFirst())), names: table.all)
        let reversed = postings.update(to: entries(texts.reversed()), names: table.all)
        #expect(!added && !removed && !reversed)
        // Refused updates leave the index as it was.
        let after = postings.files(layout: layout)
        #expect(after.map { $0.path + "\n" + $0.text } == before)
    }

    /// A file unchanged since the last run is used again; these are the edits that make
    /// one that looks unchanged wrong: a new term right after its last one, in the same
    /// group (a terms file holds whole groups) or simply after it (in the last file), and
    /// a term moving to another postings file.
    @Test func filesMadeBeforeAreUsedAgainOnlyWhenNothingAroundThemMoved() throws {
        var random = SeededGenerator(seed: 23)
        var texts = (0..<40).map { _ in Self.randomText(&random) }
        let table = SearchIndex.TermTable()
        func entries() -> [SearchPostings.Entry] { texts.enumerated().map { SearchPostings.Entry($1.document($0), table: table) } }
        var postings = SearchPostings(entries: entries(), names: table.all)
        var files = postings.files(layout: layout)
        func lastTerm(of path: String) throws -> String {
            let text = try #require(files.first { $0.path == path }?.text)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(object.keys.max { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
        let termsFiles = files.filter { $0.path.hasPrefix("search/terms-") }.count
        let postingFiles = files.filter { $0.path.hasPrefix("search/postings-") }.count
        try #require(termsFiles > 2 && postingFiles > 2)
        let edits = [try lastTerm(of: "search/terms-0.json") + "q", try lastTerm(of: "search/terms-1.json") + "q",
                     try lastTerm(of: "search/terms-\(termsFiles - 1).json") + "q",
                     try lastTerm(of: "search/postings-0.json") + "q", try lastTerm(of: "search/postings-\(postingFiles - 1).json") + "q"]
        for (step, word) in edits.enumerated() {
            texts[step].body.append(word)
            let updated = postings.update(to: entries(), names: table.all)
            #expect(updated)
            files = postings.files(layout: layout)
            #expect(files.map { $0.path + "\n" + $0.text } == freshFiles(texts), "\(word) added")
        }
        // One document gaining many words: every later term moves to another postings file.
        texts[0].body += Self.vocabulary.prefix(40)
        let updated = postings.update(to: entries(), names: table.all)
        #expect(updated)
        #expect(postings.files(layout: layout).map { $0.path + "\n" + $0.text } == freshFiles(texts))
    }

    /// Through the cache as `serve` uses it, documents added and removed included.
    @Test func theCacheGivesAFreshMergesFilesAcrossAnyEdits() {
        var random = SeededGenerator(seed: 99)
        var texts = (0..<30).map { _ in Self.randomText(&random) }
        let cache = SearchIndex.Cache()
        for step in 0..<60 {
            switch step % 5 {
            case 0: texts.insert(Self.randomText(&random), at: Int.random(in: 0...texts.count, using: &random))
            case 1: texts.remove(at: Int.random(in: 0..<texts.count, using: &random))
            case 2: texts.swapAt(0, texts.count - 1)
            default: texts[Int.random(in: 0..<texts.count, using: &random)] = Self.randomText(&random)
            }
            let files = cache.files(of: texts.enumerated().map { $1.document($0) }, layout: layout)
            #expect(files.map { $0.path + "\n" + $0.text } == freshFiles(texts), "step \(step)")
        }
    }

    @Test func articleDocumentsAreReusedByKeyAndOnlyTheLastOnesKept() {
        let cache = SearchIndex.Cache()
        let made = Mutex<[Int]>([])
        func documents(_ keys: [Int]) -> [String] {
            cache.articleDocuments(keys: keys) { index in
                made.withLock { $0.append(keys[index]) }
                return SearchIndex.Document(record: "\(keys[index])", terms: [])
            }.map(\.record)
        }
        #expect(documents([1, 2, 3]) == ["1", "2", "3"])
        #expect(documents([3, 1, 2]) == ["3", "1", "2"])  // moved: found by key
        #expect(documents([3, 1, 4]) == ["3", "1", "4"])
        // Made in parallel: in any order.
        #expect(made.withLock { $0.sorted() } == [1, 2, 3, 4])
        #expect(documents([2]) == ["2"])  // dropped with the last rebuild that did not use it
        #expect(made.withLock { $0.sorted() } == [1, 2, 2, 3, 4])
    }
}
