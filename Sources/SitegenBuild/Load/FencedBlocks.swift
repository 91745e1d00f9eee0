import SitegenModel
import SitegenSupport
import Foundation
import SwiftCSV
import Yams

/// The fenced blocks the theme renders through `templates/blocks/<name>.mustache`
/// instead of as code: their text is read here, while the Markdown is parsed, and the
/// render stage fills the template on the page the block sits on. Any other name stays a
/// code block, so a ```` ```table ```` still reads as CSV on GitHub or in an editor.
///
/// Two names get their text read before the template sees it: `table` (CSV) and `figure`
/// (YAML). Every other block, `callout` included, gets its text rendered as Markdown.
enum FencedBlocks {
    /// The info string split into the block's name and the rest (`callout tip`).
    static func split(info: String) -> (name: String, arguments: String) {
        let trimmed = info.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (trimmed, "") }
        return (String(trimmed[..<space]), trimmed[space...].trimmingCharacters(in: .whitespaces))
    }

    // MARK: - table

    /// A ```` ```table "Caption" ```` block: CSV whose first row is the header. `line` is
    /// the opening fence's line; a row with the wrong number of cells is reported at its own.
    static func table(_ text: String, arguments: String, line fenceLine: Int) -> (BlockTable?, [MarkdownProblem]) {
        var rows: [(cells: [String], line: Int)] = []
        var line = fenceLine + 1
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { cells in
                // A row's line: the lines before it, counting newlines inside quoted cells.
                let rowLine = line
                line += 1 + cells.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
                if cells == [""] { return }  // a blank line
                rows.append((cells.map { $0.trimmingCharacters(in: .whitespaces) }, rowLine))
            }
        } catch {
            return (nil, [MarkdownProblem(.error, line: fenceLine, "table: the CSV does not parse (\(error)); quote a cell that holds a comma or a quote, as \"a, b\"")])
        }
        guard let header = rows.first else {
            return (nil, [MarkdownProblem(.error, line: fenceLine, "table: empty; write a header row, then one row per line, cells separated by commas")])
        }
        var problems: [MarkdownProblem] = []
        for row in rows.dropFirst() where row.cells.count != header.cells.count {
            problems.append(MarkdownProblem(.error, line: row.line,
                                            "table: this row has \(row.cells.count) cell\(row.cells.count == 1 ? "" : "s"), the header has \(header.cells.count); quote a cell that holds a comma"))
        }
        guard problems.isEmpty else { return (nil, problems) }
        let body = rows.dropFirst().map(\.cells)
        let numeric = header.cells.indices.map { column in
            let cells = body.map { $0[column] }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(isNumber)
        }
        return (BlockTable(caption: caption(arguments), header: header.cells, rows: Array(body), numericColumns: numeric), [])
    }

    /// `"Salaries by level"` or `Salaries by level`: the caption, without its quotes.
    static func caption(_ arguments: String) -> String? {
        var text = arguments.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text.isEmpty ? nil : text
    }

    /// `1,200`, `-3.5`, `US$95,000`, `€48k`, `12%`: numbers a reader compares by their
    /// right edge.
    static func isNumber(_ cell: String) -> Bool {
        var text = Substring(cell)
        while let first = text.first, !first.isNumber, first != "-", first != "+", first != "." {
            guard first.isLetter && first.isUppercase || first.isCurrencySymbol else { return false }
            text = text.dropFirst()
        }
        for suffix in ["%", "k", "K", "m", "M"] where text.hasSuffix(suffix) { text = text.dropLast(); break }
        let digits = text.filter { $0 != "," && $0 != " " && $0 != "\u{202F}" && $0 != "\u{00A0}" }
        return !digits.isEmpty && Double(digits) != nil
    }

    // MARK: - figure

    static let figureKeys = ["src", "alt", "caption"]

    /// A ```` ```figure ```` block: YAML with `src`, `alt` (both required) and `caption`.
    /// Returns the figure with `src` as written (the caller resolves and checks it, like
    /// any image), and the line of `src` for that check.
    static func figure(_ text: String, line fenceLine: Int) -> (figure: BlockFigure?, srcLine: Int, srcColumn: Int, problems: [MarkdownProblem]) {
        let firstLine = fenceLine + 1
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, fenceLine, 1, [MarkdownProblem(.error, line: problemLine(error).map { $0 + firstLine - 1 } ?? fenceLine,
                                                        "figure: the YAML does not parse; write src: (the image), alt: (what it shows), caption: (optional)")])
        } catch {
            return (nil, fenceLine, 1, [MarkdownProblem(.error, line: fenceLine, "figure: \(error)")])
        }
        guard let mapping = node?.mapping else {
            return (nil, fenceLine, 1, [MarkdownProblem(.error, line: fenceLine, "figure: expected keys src: (the image), alt: (what it shows) and caption: (optional)")])
        }
        var problems: [MarkdownProblem] = []
        var values: [String: (value: String, line: Int, column: Int)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let line = (key.mark?.line ?? 1) + firstLine - 1
            guard figureKeys.contains(name) else {
                problems.append(MarkdownProblem(.error, line: line, column: key.mark?.column ?? 1,
                                                "figure: unknown key \"\(name)\"\(Suggestion.didYouMean(name, in: figureKeys)); a figure takes src, alt and caption"))
                continue
            }
            guard let scalar = value.scalar?.string else {
                problems.append(MarkdownProblem(.error, line: line, column: key.mark?.column ?? 1, "figure: \(name) must be text"))
                continue
            }
            values[name] = (scalar, (value.mark?.line ?? 1) + firstLine - 1, value.mark?.column ?? 1)
        }
        let src = values["src"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
        let alt = values["alt"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
        if src.isEmpty {
            problems.append(MarkdownProblem(.error, line: fenceLine, "figure: src is required: the image file, as ../static/images/name.png"))
        }
        if alt.isEmpty {
            problems.append(MarkdownProblem(.error, line: values["alt"]?.line ?? fenceLine,
                                            "figure: alt is required: say what the image shows for readers who cannot see it"))
        }
        guard problems.isEmpty else { return (nil, fenceLine, 1, problems) }
        let caption = values["caption"]?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        return (BlockFigure(src: src, alt: alt, caption: caption?.isEmpty == false ? caption : nil, size: nil),
                values["src"]!.line, values["src"]!.column, [])
    }

    private static func problemLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }
}

private extension Character {
    var isCurrencySymbol: Bool { unicodeScalars.first?.properties.generalCategory == .currencySymbol }
}
