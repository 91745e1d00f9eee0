/// Where a page sits in a list split into pages (the articles list, a skill page).
final class PagerView {
    var pageNumber: Int
    var pageCount: Int
    var previousURL: String?
    var nextURL: String?
    var firstURL: String
    var lastURL: String
    var pages: [PagerLink]

    init(pageNumber: Int, pageCount: Int, previousURL: String?, nextURL: String?, firstURL: String, lastURL: String, pages: [PagerLink]) {
        self.pageNumber = pageNumber
        self.pageCount = pageCount
        self.previousURL = previousURL
        self.nextURL = nextURL
        self.firstURL = firstURL
        self.lastURL = lastURL
        self.pages = pages
    }

    /// The pager of page `number` of `pagination`, its URLs made by `url` from site paths.
    convenience init(_ pagination: Pagination, page number: Int, url: (String) -> String) {
        func link(_ page: Int) -> String { url(pagination.sitePath(of: page)) }
        self.init(pageNumber: number, pageCount: pagination.pageCount,
                  previousURL: number > 1 ? link(number - 1) : nil,
                  nextURL: number < pagination.pageCount ? link(number + 1) : nil,
                  firstURL: link(1), lastURL: link(pagination.pageCount),
                  pages: pagination.window(around: number).map { page in
                      page.map { PagerLink(number: $0, url: link($0), current: $0 == number) } ?? PagerLink.gap
                  })
    }
}

extension PagerView: TemplateView {
    static let viewName = "pager"
    static let viewSummary = "Where this page sits in a list split into pages (`page_size` in `site.yaml`)."
    static let fields: [ViewField<PagerView>] = [
        .flag("paginated", "true when the list has more than one page: show a pager only then") { $0.pageCount > 1 },
        .number("pageNumber", "this page's number, from 1") { $0.pageNumber },
        .number("pageCount", "how many pages the list has (1 for an empty list)") { $0.pageCount },
        .text("previousURL", "the page before (absent on the first), for `<link rel=\"prev\">` and the pager") { $0.previousURL },
        .text("nextURL", "the page after (absent on the last), for `<link rel=\"next\">` and the pager") { $0.nextURL },
        .text("firstURL", "the first page: the list's own URL") { $0.firstURL },
        .text("lastURL", "the last page") { $0.lastURL },
        .list("pages", "the pages to link to: the first, the last and two either side of this one, with gaps between") { $0.pages },
    ]
}

/// One entry of a pager: a page, or a gap standing for the pages left out.
final class PagerLink {
    var number: Int
    var url: String?
    var current: Bool

    init(number: Int, url: String?, current: Bool) {
        self.number = number
        self.url = url
        self.current = current
    }

    static var gap: PagerLink { PagerLink(number: 0, url: nil, current: false) }
}

extension PagerLink: TemplateView {
    static let viewName = "pager link"
    static let viewSummary = "A page of a list, or a gap between pages."
    static let fields: [ViewField<PagerLink>] = [
        .flag("gap", "true for pages left out (show \"…\", no link): `url` is then absent") { $0.url == nil },
        .number("number", "the page's number") { $0.number },
        .text("url", "its URL") { $0.url },
        .flag("current", "true for the page being shown (for `aria-current=\"page\"`)") { $0.current },
    ]
}
