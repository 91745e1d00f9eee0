import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild

/// `RelatedIndex` must choose exactly what counting shared skills for every pair chooses.
@Suite struct RelatedArticlesTests {
    /// The definition, written plainly: the `limit` others sharing the most skills, ties by
    /// reading order (lower index first), articles sharing none left out.
    static func byCounting(_ skills: [[String]], limit: Int) -> [[Int]] {
        let sets: [Set<String>] = skills.map { Set($0) }
        var result: [[Int]] = []
        for index in sets.indices {
            var candidates: [(shared: Int, index: Int)] = []
            for other in sets.indices where other != index {
                let shared = sets[index].intersection(sets[other]).count
                if shared > 0 { candidates.append((shared, other)) }
            }
            candidates.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.index < $1.index }
            result.append(candidates.prefix(limit).map { $0.index })
        }
        return result
    }

    /// A random site: `count` articles, each with `low...high` of `skills` skills, drawn
    /// unevenly (a few popular skills, as real sites have).
    static func randomSite(count: Int, skills: Int, perArticle: ClosedRange<Int>, seed: UInt64) -> [[String]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let k = Int.random(in: perArticle, using: &generator)
            return (0..<k).map { _ in
                let skew = Double.random(in: 0..<1, using: &generator)
                return "s\(Int(skew * skew * Double(skills)))"
            }
        }
    }

    @Test(arguments: [
        (count: 300, skills: 60, perArticle: 3...8, seed: UInt64(1)),   // the benchmark corpus' shape
        (count: 300, skills: 5, perArticle: 1...5, seed: UInt64(2)),    // few skills: everyone shares
        (count: 300, skills: 400, perArticle: 0...3, seed: UInt64(3)),  // many skills: few share any
        (count: 200, skills: 30, perArticle: 1...1, seed: UInt64(4)),   // one skill each
        (count: 100, skills: 12, perArticle: 6...14, seed: UInt64(5)),  // many skills each, repeats
        (count: 2, skills: 3, perArticle: 1...3, seed: UInt64(6)),
    ])
    func choosesExactlyWhatCountingChooses(count: Int, skills: Int, perArticle: ClosedRange<Int>, seed: UInt64) {
        let site = Self.randomSite(count: count, skills: skills, perArticle: perArticle, seed: seed)
        for limit in [1, 3, 5] {
            #expect(RelatedIndex(site).related(limit: limit) == Self.byCounting(site, limit: limit), "limit \(limit)")
        }
    }

    @Test func edgeCases() {
        #expect(RelatedIndex([]).related(limit: 3) == [])
        #expect(RelatedIndex([["a"]]).related(limit: 3) == [[]])
        #expect(RelatedIndex([["a", "a"], ["a"], [], ["b"]]).related(limit: 3) == [[1], [0], [], []])
    }
}
