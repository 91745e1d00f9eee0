import Foundation

/// A horizontal bar chart of one currency's salary figures, drawn at build time as inline
/// SVG: no script needed to see it. Colours come from CSS classes so the theme (and its
/// dark scheme) decides them; the table beside it is the full text alternative.
enum SalaryChart {
    static func svg(figures: [SalaryFigure], currency: String, titleID: String, descriptionID: String) -> String {
        guard !figures.isEmpty else { return "" }
        let maximum = figures.map(\.amount).max() ?? 1
        let labelWidth = 300.0, barArea = 380.0, valueWidth = 140.0
        let rowHeight = 34.0, top = 8.0
        let width = labelWidth + barArea + valueWidth
        let height = top * 2 + rowHeight * Double(figures.count)
        var rows = ""
        for (index, figure) in figures.enumerated() {
            let y = top + rowHeight * Double(index)
            let barWidth = max(2, barArea * figure.amount / maximum)
            let amount = SalaryFormat.amount(figure.amount, currency: currency)
            let label = "\(figure.role), \(figure.region)"
            let shortLabel = label.count > 44 ? String(label.prefix(43)) + "…" : label
            let kind = figure.statistic == "estimate" ? "chart-bar chart-bar-estimate" : "chart-bar"
            rows += """
            <g><text class="chart-label" x="\(format(labelWidth - 10))" y="\(format(y + 21))" text-anchor="end">\(XML.escape(shortLabel))</text>\
            <rect class="\(kind)" x="\(format(labelWidth))" y="\(format(y + 6))" width="\(format(barWidth))" height="20" rx="3"/>\
            <text class="chart-value" x="\(format(labelWidth + barWidth + 8))" y="\(format(y + 21))">\(figure.statistic == "estimate" ? "about " : "")\(XML.escape(amount))</text></g>

            """
        }
        let description = figures.map { figure in
            "\(figure.role), \(figure.region): \(figure.statistic == "estimate" ? "about " : "")\(SalaryFormat.amount(figure.amount, currency: currency)) (\(figure.source), \(SalaryFormat.asOf(figure.asOf)))"
        }.joined(separator: "; ")
        return """
        <svg class="salary-chart" viewBox="0 0 \(format(width)) \(format(height))" role="img" aria-labelledby="\(titleID) \(descriptionID)" xmlns="http://www.w3.org/2000/svg">
        <title id="\(titleID)">Bar chart of the \(currency) salary figures</title>
        <desc id="\(descriptionID)">\(XML.escape(description)).</desc>
        \(rows)</svg>
        """
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
