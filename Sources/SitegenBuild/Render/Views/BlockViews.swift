import SitegenModel
import Foundation

/// What a block template (`templates/blocks/<name>.mustache`) receives: one fenced block
/// and the page it sits on.
final class BlockView {
    let block: FencedBlock
    let page: BlockPageView
    /// The block's place among the page's blocks, from 1.
    let number: Int
    /// The first word after the block's name, lowercased (`tip` in ```` ```callout tip ````).
    let kind: String?

    init(block: FencedBlock, page: BlockPageView, number: Int) {
        self.block = block
        self.page = page
        self.number = number
        let first = block.arguments.split(separator: " ").first.map { String($0).lowercased() }
        kind = first.flatMap { $0.first == "\"" || $0.first == "'" ? nil : $0 }
    }

    /// What follows the kind, without quotes: a callout's title, a table's caption.
    var caption: String? {
        var rest = Substring(block.arguments)
        if kind != nil { rest = rest.drop { $0 != " " } }
        return FencedBlocks.caption(String(rest))
    }
}

extension BlockView: TemplateView {
    static let viewName = "fenced block"
    static let viewSummary = "What `templates/blocks/<name>.mustache` receives for a fenced block whose info string starts with `<name>`."
    static let fields: [ViewField<BlockView>] = [
        .text("name", "the block's name, `callout`") { $0.block.name },
        .text("arguments", "the rest of the info string, as written: `tip \"Back up first\"`") { $0.block.arguments },
        .text("kind", "the first word of the arguments, lowercased, unless it is quoted: `tip`") { $0.kind },
        .text("label", "the kind with a capital letter, for readers: `Tip`") { $0.kind.map { $0.prefix(1).uppercased() + $0.dropFirst() } },
        .text("caption", "the arguments after the kind, without quotes: `Back up first` (a table's caption: `table \"Salaries by level\"`)") { $0.caption },
        .text("id", "an id no other block of the page has, `block-2`, for `aria-labelledby` and links") { "block-\($0.number)" },
        .text("text", "the block's text as written") { $0.block.text },
        .text("html", "the block's text rendered as Markdown, for `{{{html}}}` (not for `table` and `figure`)") { $0.block.html.isEmpty ? nil : $0.block.html },
        .object("page", "the page the block sits on") { $0.page },
        .object("table", "for `table` blocks: the CSV, read") { view in view.block.table.map(BlockTableView.init) },
        .object("figure", "for `figure` blocks: the image") { view in view.block.figure.map(BlockFigureView.init) },
    ]
}

final class BlockPageView {
    let title: String
    let url: String
    init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

extension BlockPageView: TemplateView {
    static let viewName = "block page"
    static let viewSummary = "The page a fenced block sits on."
    static let fields: [ViewField<BlockPageView>] = [
        .text("title", "its title") { $0.title },
        .text("url", "its URL, with the base path") { $0.url },
    ]
}

final class BlockTableView {
    let table: BlockTable
    init(_ table: BlockTable) { self.table = table }
}

extension BlockTableView: TemplateView {
    static let viewName = "table block"
    static let viewSummary = "A `table` block's CSV: the first row is the header."
    static let fields: [ViewField<BlockTableView>] = [
        .text("caption", "the caption from the info string (may be absent)") { $0.table.caption },
        .list("header", "the header row's cells") { $0.cells(of: $0.table.header) },
        .list("rows", "the other rows") { view in view.table.rows.map { BlockRowView(cells: view.cells(of: $0)) } },
    ]

    /// A row's cells, each knowing its column.
    func cells(of row: [String]) -> [BlockCellView] {
        row.indices.map { BlockCellView(text: row[$0], column: $0, numeric: table.numericColumns[$0]) }
    }
}

final class BlockRowView {
    let cells: [BlockCellView]
    init(cells: [BlockCellView]) { self.cells = cells }
}

extension BlockRowView: TemplateView {
    static let viewName = "table row"
    static let viewSummary = "One row of a `table` block."
    static let fields: [ViewField<BlockRowView>] = [
        .list("cells", "its cells, in column order") { $0.cells },
    ]
}

final class BlockCellView {
    let text: String
    let column: Int
    let numeric: Bool
    init(text: String, column: Int, numeric: Bool) {
        self.text = text
        self.column = column
        self.numeric = numeric
    }
}

extension BlockCellView: TemplateView {
    static let viewName = "table cell"
    static let viewSummary = "One cell of a `table` block."
    static let fields: [ViewField<BlockCellView>] = [
        .text("text", "the cell's text") { $0.text },
        .flag("first", "true in the first column (make it the row's header, `<th scope=\"row\">`)") { $0.column == 0 },
        .flag("numeric", "true when every cell of its column is a number (`1,200`, `US$95,000`, `12%`): align it right") { $0.numeric },
    ]
}

final class BlockFigureView {
    let figure: BlockFigure
    init(_ figure: BlockFigure) { self.figure = figure }
}

extension BlockFigureView: TemplateView {
    static let viewName = "figure block"
    static let viewSummary = "A `figure` block's image."
    static let fields: [ViewField<BlockFigureView>] = [
        .text("src", "the image's URL") { $0.figure.src },
        .text("alt", "what the image shows, for readers who cannot see it") { $0.figure.alt },
        .text("caption", "the caption (may be absent)") { $0.figure.caption },
        .text("width", "its width in pixels, read from the file (absent when unknown)") { $0.figure.size.map { String($0.width) } },
        .text("height", "its height in pixels, read from the file (absent when unknown)") { $0.figure.size.map { String($0.height) } },
        .flag("lazy", "true when the figure is far enough down the page to load only as the reader nears it (`loading=\"lazy\"`)") { $0.figure.lazy },
    ]
}

/// Fills the placeholders Markdown left for fenced blocks with their templates' output.
enum BlockRenderer {
    static func html(of body: RenderedMarkdown, title: String, url: String, templates: TemplateSet) -> String {
        guard !body.blocks.isEmpty else { return body.html }
        let page = BlockPageView(title: title, url: url)
        var html = body.html
        for (index, block) in body.blocks.enumerated() {
            let output = templates.library.render(BlockView(block: block, page: page, number: index + 1), withTemplate: "blocks/\(block.name)") ?? ""
            html = html.replacingOccurrences(of: FencedBlock.placeholder(index), with: output)
        }
        return html
    }
}
