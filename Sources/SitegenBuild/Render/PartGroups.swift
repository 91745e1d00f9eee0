import SitegenModel
import SitegenSupport

/// The guide's parts as lists show them: each part's articles, as positions in the reading
/// order, and the page of the articles list where the part begins (its heading's URL).
/// Articles in no part follow as one more group, "More articles". No groups at all when the
/// site defines no parts.
struct PartGroups: Sendable {
    struct Group: Sendable {
        /// Its place in the guide, from 1.
        var number: Int
        var id: String
        var title: String
        var description: String
        /// Positions in `site.articles`, in reading order.
        var members: [Int]
        var firstPage: Int

        /// Its members in `range`, found by binary search: scanning every member for each page
        /// would grow with the square of the site (2,000 pages of 100,000 articles).
        func members(in range: Range<Int>) -> ArraySlice<Int> {
            members[firstIndex(atLeast: range.lowerBound)..<firstIndex(atLeast: range.upperBound)]
        }

        private func firstIndex(atLeast position: Int) -> Int {
            var low = 0, high = members.count
            while low < high {
                let middle = (low + high) / 2
                if members[middle] < position { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    let groups: [Group]
    /// Part id -> the page of the articles list where its heading is.
    let firstPage: [String: Int]
    /// Changes whenever what a list shows of the parts changes: their sizes and first pages.
    let key: Int

    init(site: Site, pages: Pagination) {
        let parts = site.config.parts
        guard !parts.isEmpty else {
            groups = []
            firstPage = [:]
            key = 0
            return
        }
        var members: [String: [Int]] = [:]
        var unparted: [Int] = []
        for (position, article) in site.articles.enumerated() {
            if let part = article.part { members[part, default: []].append(position) } else { unparted.append(position) }
        }
        var groups = parts.enumerated().map { number, part in
            Group(number: number + 1, id: part.id, title: part.title, description: part.description,
                  members: members[part.id] ?? [], firstPage: 1)
        }
        if !unparted.isEmpty {
            groups.append(Group(number: groups.count + 1, id: "more", title: "More articles", description: "",
                                members: unparted, firstPage: 1))
        }
        // A part with no articles has its heading where it would begin: after the last article
        // of the part before it.
        var pageSoFar = 1
        for index in groups.indices {
            if let first = groups[index].members.first { groups[index].firstPage = pages.page(of: first) }
            else { groups[index].firstPage = pageSoFar }
            if let last = groups[index].members.last { pageSoFar = pages.page(of: last) }
        }
        self.groups = groups
        firstPage = Dictionary(groups.map { ($0.id, $0.firstPage) }, uniquingKeysWith: { first, _ in first })
        var hasher = Hasher()
        for group in groups {
            hasher.combine(group.id)
            hasher.combine(group.members.count)
            hasher.combine(group.firstPage)
        }
        key = hasher.finalize()
    }

    /// The positions a short list shows: the first `perPart` articles of each part and the
    /// first `overall` of the reading order, in order.
    func leading(perPart: Int, overall: Int, of count: Int) -> [Int] {
        var shown = Set(0..<min(overall, count))
        for group in groups { shown.formUnion(group.members.prefix(perPart)) }
        return shown.sorted()
    }
}
