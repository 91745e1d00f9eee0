/// The figures of one currency on the salaries page.
final class SalaryTableView {
    var currency: String
    var caption: String
    var rows: [SalaryRowView]
    var chartSVG: String

    init(currency: String, caption: String, rows: [SalaryRowView], chartSVG: String) {
        self.currency = currency
        self.caption = caption
        self.rows = rows
        self.chartSVG = chartSVG
    }
}

extension SalaryTableView: TemplateView {
    static let viewName = "salary table"
    static let viewSummary = "The figures of one currency."
    static let fields: [ViewField<SalaryTableView>] = [
        .text("currency", "the ISO 4217 code, `USD`") { $0.currency },
        .text("caption", "\"Figures in US dollars (USD)\"") { $0.caption },
        .list("rows", "its figures, in the order of `salaries.yaml`") { $0.rows },
        .text("chartSVG", "an inline SVG bar chart of the figures, drawn at build time, with its own `<title>` and `<desc>`, for `{{{chartSVG}}}` (style it with the classes `salary-chart`, `chart-bar`, `chart-bar-estimate`, `chart-label`, `chart-value`)") { $0.chartSVG },
    ]
}

final class SalaryRowView {
    var role: String
    var level: String?
    var region: String
    var statistic: String
    var amount: String
    var source: String
    var sourceURL: String?
    var asOf: String
    var asOfISO: String?
    var note: String?

    init(role: String, level: String? = nil, region: String, statistic: String, amount: String, source: String, sourceURL: String? = nil, asOf: String, asOfISO: String? = nil, note: String? = nil) {
        self.role = role
        self.level = level
        self.region = region
        self.statistic = statistic
        self.amount = amount
        self.source = source
        self.sourceURL = sourceURL
        self.asOf = asOf
        self.asOfISO = asOfISO
        self.note = note
    }
}

extension SalaryRowView: TemplateView {
    static let viewName = "salary row"
    static let viewSummary = "One published figure."
    static let fields: [ViewField<SalaryRowView>] = [
        .text("role", "who the figure is about") { $0.role },
        .text("level", "their seniority (may be absent)") { $0.level },
        .text("region", "where") { $0.region },
        .text("statistic", "\"Average\", \"Median\" or \"Estimate\"") { $0.statistic },
        .text("amount", "the figure in the currency's grouping, `US$105,354` (\"about ...\" for estimates)") { $0.amount },
        .text("source", "who published it") { $0.source },
        .text("sourceURL", "a link to the source (may be absent)") { $0.sourceURL },
        .text("asOf", "\"March 2023\", \"2023\" or \"date not given\"") { $0.asOf },
        .text("asOfISO", "the same date, `2023-03` (absent when not given)") { $0.asOfISO },
        .text("note", "a remark (may be absent)") { $0.note },
    ]
}

/// A standalone page of `content/pages/`.
final class PageBodyView {
    var title: String
    var summary: String
    var html: String
    var updated: String?
    var updatedISO: String?
    var status = PublicationStatus()
    var extra: [String: Any]?

    init(title: String, summary: String, html: String, updated: String? = nil, updatedISO: String? = nil) {
        self.title = title
        self.summary = summary
        self.html = html
        self.updated = updated
        self.updatedISO = updatedISO
    }
}

extension PageBodyView: TemplateView {
    static let viewName = "page body"
    static let viewSummary = "A page of `content/pages/`."
    static let fields: [ViewField<PageBodyView>] = [
        .text("title", "the page's title") { $0.title },
        .text("summary", "its summary") { $0.summary },
        .text("html", "the rendered body, for `{{{html}}}`") { $0.html },
        .text("updated", "the date of its last review (may be absent)") { $0.updated },
        .text("updatedISO", "the same date, `YYYY-MM-DD`") { $0.updatedISO },
        .flag("draft", "true for a draft, shown only with `--drafts` and in `serve`") { $0.status.draft },
        .text("scheduled", "for a page whose `date` is after the build's day (shown only with `--future` and in `serve`): that date (absent otherwise)") { $0.status.scheduled },
        .open("extra", "the page's `extra:` values from its front matter (absent when it has none)") { $0.extra },
    ]
}
