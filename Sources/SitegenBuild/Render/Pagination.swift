/// How a list of articles is split into pages: the first page at the list's own URL
/// (`/articles/`), the others below it (`/articles/page/2/`), as in Hugo and Zola. A list
/// with no articles still has one page, so its URL always answers.
struct Pagination: Sendable {
    /// The list's own site path, ending in `/` (`/articles/`, `/skills/sql/`).
    let listPath: String
    let itemCount: Int
    let pageSize: Int

    init(listPath: String, itemCount: Int, pageSize: Int) {
        precondition(pageSize > 0, "page_size is checked when site.yaml loads")
        self.listPath = listPath
        self.itemCount = itemCount
        self.pageSize = pageSize
    }

    var pageCount: Int { max(1, (itemCount + pageSize - 1) / pageSize) }

    /// Page numbers, from 1.
    var pages: ClosedRange<Int> { 1...pageCount }

    /// The positions in the list that page `number` shows.
    func range(of number: Int) -> Range<Int> {
        let start = (number - 1) * pageSize
        return min(start, itemCount)..<min(start + pageSize, itemCount)
    }

    /// The page that shows the item at `position`.
    func page(of position: Int) -> Int { position / pageSize + 1 }

    func sitePath(of number: Int) -> String {
        number == 1 ? listPath : "\(listPath)page/\(number)/"
    }

    /// The output file of page `number`.
    func outputPath(of number: Int) -> String {
        String(sitePath(of: number).dropFirst()) + "index.html"
    }

    /// What a page's `<title>` and heading trail call it: the list's title alone on the
    /// first page (so a list that fits on one page reads as it always did), "Articles,
    /// page 2 of 9" after it.
    func title(_ listTitle: String, page number: Int) -> String {
        number == 1 ? listTitle : "\(listTitle), page \(number) of \(pageCount)"
    }

    /// The page numbers a pager links to: the first, the last and two either side of the
    /// current one, with nil for a gap. Linking every page would make each page of a list of
    /// 100,000 articles carry 2,000 links; a gap of one page shows that page instead.
    func window(around current: Int, reach: Int = 2) -> [Int?] {
        let shown = Set([1, pageCount] + Array(max(1, current - reach)...min(pageCount, current + reach)))
        var numbers: [Int?] = []
        var previous = 0
        for number in shown.sorted() {
            if number - previous == 2 { numbers.append(number - 1) } else if number - previous > 2 { numbers.append(nil) }
            numbers.append(number)
            previous = number
        }
        return numbers
    }
}
