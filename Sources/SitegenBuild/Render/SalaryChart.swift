import SitegenModel
import SitegenSupport
import Foundation

/// A horizontal bar chart of one currency's salary figures, drawn at build time as inline
/// SVG: no script needed to see it. Colours come from CSS classes so the theme (and its
/// dark scheme) decides them; the table beside it is the full text alternative.
enum SalaryChart {
    static func svg(figures: [SalaryFigure], currency: String, today: Day, titleID: String, descriptionID: String) -> String {
        guard !figures.isEmpty else { return "" }
        // A narrow canvas with each label on its own line above its bar: it scales down to
        // a phone without the text becoming unreadably small, and no label is clipped.
        func valueText(_ figure: SalaryFigure) -> String {
            (figure.statistic == "estimate" ? "about " : "") + SalaryFormat.amount(figure.amount, currency: currency)
        }
        // Room for the longest value after the longest bar, at about 8.2 units a character
        // (13px bold); the canvas stays 400 units wide.
        let width = 400.0, rowHeight = 46.0
        let valueRoom = min(200, Double(figures.map { valueText($0).count }.max() ?? 0) * 8.2 + 10)
        let barArea = width - valueRoom
        let maximum = figures.map(\.amount).max() ?? 1
        let height = rowHeight * Double(figures.count) + 4
        var rows = ""
        for (index, figure) in figures.enumerated() {
            let y = rowHeight * Double(index)
            let barWidth = max(2, barArea * figure.amount / maximum)
            let amount = valueText(figure)
            // A figure without a named source says so in the chart itself, not only in the
            // table; a long label is shortened before that marker, never through it.
            let marker = figure.hasNamedSource ? "" : " (no source named)"
            let label = "\(figure.role), \(figure.region)"
            let room = 58 - marker.count
            let shortLabel = (label.count > room ? String(label.prefix(room - 1)) + "…" : label) + marker
            let kind = "chart-bar" + (figure.statistic == "estimate" ? " chart-bar-estimate" : "")
                + (figure.hasNamedSource ? "" : " chart-bar-unsourced")
            rows += """
            <g><text class="chart-label" x="0" y="\(format(y + 15))">\(XML.escape(shortLabel))</text>\
            <rect class="\(kind)" x="0" y="\(format(y + 22))" width="\(format(barWidth))" height="16" rx="3"/>\
            <text class="chart-value" x="\(format(barWidth + 6))" y="\(format(y + 35))">\(XML.escape(amount))</text></g>

            """
        }
        let description = figures.map { figure in
            "\(figure.role), \(figure.region): \(figure.statistic == "estimate" ? "about " : "")\(SalaryFormat.amount(figure.amount, currency: currency)) (\(figure.hasNamedSource ? figure.source : "no source named"), \(SalaryFormat.asOfWithAge(figure.asOf, today: today)))"
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
