import Foundation
import SitegenSupport

/// Related articles without comparing every pair: see `SiteResolver.computeRelated`.
///
/// Every article's skills become small numbers, and each set of one, two or three of them
/// gets the list of articles holding it, in reading order. For an article with `k`
/// skills, the others that share `c` or more of them are exactly those in the lists of its
/// `c`-skill sets. So it looks at level `top = min(k, 3)` first, where it sees every
/// candidate and counts what each shares; then, while it has fewer than `limit`, one
/// level down, where every candidate not seen yet shares exactly that many, so the first
/// ones in reading order are the ones it wants and it stops there.
struct RelatedIndex {
    /// Each article's skills as sorted small numbers, without repeats.
    let skillSets: [[Int32]]
    /// Skill set (one to three numbers, packed) -> the articles holding it, in order.
    let lists: [UInt64: [Int32]]

    static let deepestSet = 3

    init(_ skills: [[String]]) {
        var numbers: [String: Int32] = [:]
        skillSets = skills.map { ids in
            Array(Set(ids.map { id in
                if let number = numbers[id] { return number }
                let number = Int32(numbers.count)
                numbers[id] = number
                return number
            })).sorted()
        }
        var lists: [UInt64: [Int32]] = [:]
        for (index, set) in skillSets.enumerated() where !set.isEmpty {
            Self.forEachSubset(of: set, size: 1...min(set.count, Self.deepestSet)) { key in
                lists[key, default: []].append(Int32(index))
            }
        }
        self.lists = lists
    }

    /// Calls `body` with the key of every subset of `set` whose size is in `sizes`.
    static func forEachSubset(of set: [Int32], size sizes: ClosedRange<Int>, _ body: (UInt64) -> Void) {
        let k = set.count
        for a in 0..<k {
            if sizes.contains(1) { body(key([set[a]])) }
            for b in (a + 1)..<max(a + 1, k) {
                if sizes.contains(2) { body(key([set[a], set[b]])) }
                for c in (b + 1)..<max(b + 1, k) where sizes.contains(3) {
                    body(key([set[a], set[b], set[c]]))
                }
            }
        }
    }

    /// Up to three skill numbers (each below 2^21), packed in ascending order.
    static func key(_ numbers: [Int32]) -> UInt64 {
        numbers.reduce(UInt64(0)) { $0 << 21 | UInt64($1 + 1) }
    }

    func related(limit: Int) -> [[Int]] {
        let count = skillSets.count
        guard count > 1, limit > 0 else { return Array(repeating: [], count: count) }
        let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let chunks = (0..<workers).map { (count * $0 / workers)..<(count * ($0 + 1) / workers) }
        return ParallelMap.map(chunks) { range -> [[Int]] in
            // Per worker: when each article was last seen (by the article being ranked).
            var seenBy = [Int32](repeating: -1, count: count)
            return range.map { related(to: $0, limit: limit, seenBy: &seenBy) }
        }.flatMap { $0 }
    }

    private func related(to index: Int, limit: Int, seenBy: inout [Int32]) -> [Int] {
        let set = skillSets[index]
        guard !set.isEmpty else { return [] }
        let me = Int32(index)
        seenBy[index] = me
        var best: [(shared: Int, index: Int32)] = []
        let top = min(set.count, Self.deepestSet)

        func subsetLists(_ size: Int) -> [[Int32]] {
            var result: [[Int32]] = []
            Self.forEachSubset(of: set, size: size...size) { key in
                if let list = lists[key] { result.append(list) }
            }
            return result
        }

        if top < set.count {
            // Candidates here may share more than `top`: see them all and count.
            for list in subsetLists(top) {
                for other in list where seenBy[Int(other)] != me {
                    seenBy[Int(other)] = me
                    best.append((shared(set, skillSets[Int(other)]), other))
                }
            }
            // Only the first `limit` are wanted: picked in one pass rather than by sorting
            // every candidate (sorting was a fifth of this search at 100,000 articles).
            if best.count >= limit { return Self.first(limit, of: best).map { Int($0.index) } }
            best.sort(by: Self.ranksBefore)
        }
        // From here down, a candidate not seen yet shares exactly `level` skills, and the
        // lists give them in reading order: merge them and take the first.
        for level in stride(from: top < set.count ? top - 1 : top, through: 1, by: -1) {
            let lists = subsetLists(level)
            var heads = [Int](repeating: 0, count: lists.count)
            while best.count < limit {
                var next: Int32 = .max, from = -1
                for (position, list) in lists.enumerated() where heads[position] < list.count && list[heads[position]] < next {
                    next = list[heads[position]]
                    from = position
                }
                guard from >= 0 else { break }
                heads[from] += 1
                if seenBy[Int(next)] == me { continue }
                seenBy[Int(next)] = me
                best.append((level, next))
            }
            if best.count >= limit { break }
        }
        return best.prefix(limit).map { Int($0.index) }
    }

    /// More shared skills first, then reading order.
    private static func ranksBefore(_ a: (shared: Int, index: Int32), _ b: (shared: Int, index: Int32)) -> Bool {
        a.shared != b.shared ? a.shared > b.shared : a.index < b.index
    }

    /// The first `count` of `candidates` by `ranksBefore`, in that order.
    private static func first(_ count: Int, of candidates: [(shared: Int, index: Int32)]) -> [(shared: Int, index: Int32)] {
        var chosen: [(shared: Int, index: Int32)] = []
        chosen.reserveCapacity(count + 1)
        for candidate in candidates where chosen.count < count || ranksBefore(candidate, chosen[count - 1]) {
            let at = chosen.firstIndex { ranksBefore(candidate, $0) } ?? chosen.count
            chosen.insert(candidate, at: at)
            if chosen.count > count { chosen.removeLast() }
        }
        return chosen
    }

    /// How many numbers two sorted sets share.
    private func shared(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return common
    }
}
