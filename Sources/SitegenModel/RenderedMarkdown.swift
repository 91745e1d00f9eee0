/// A heading of a Markdown document, with the `id` its HTML element gets.
public struct Heading: Equatable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
    /// 1-based line in the Markdown body.
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

/// A link or image destination as written by the author, and where it stands.
public struct MarkdownLink: Equatable, Sendable {
    public var destination: String
    public var isImage: Bool
    /// For images: the alt text (empty when the author gave none).
    public var text: String
    /// 1-based line and column in the Markdown body.
    public var line: Int
    public var column: Int

    public init(destination: String, isImage: Bool, text: String, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.text = text
        self.line = line
        self.column = column
    }
}

/// Everything the rest of sitegen needs from one Markdown body, produced in one pass.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [MarkdownLink]
    /// Lines (in the body) of raw HTML that was left out because the site does not allow it.
    public var omittedRawHTMLLines: [Int]
    /// The start of the text a reader sees, without markup (at most `plainTextLimit`
    /// bytes, cut at a character boundary): what the search index reads, enough to find an
    /// article by what it says (the rest of a long article adds postings, not
    /// findability). Keeping it all would hold a second copy of every body in memory.
    public var plainText: String
    public static let plainTextLimit = 3000

    /// The first `plainTextLimit` bytes of a text, cut at a character boundary (counting
    /// Characters instead walks grapheme clusters, which costs more than the tokenizing).
    public static func leading(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count > plainTextLimit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: plainTextLimit)
        while end > utf8.startIndex && UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return String(text[..<end])
    }
    /// Words in the whole text (not only the start `plainText` keeps), counted once here
    /// rather than on every page that shows it.
    public var wordCount: Int
    /// Fenced blocks rendered through `templates/blocks/`, in order. `html` holds a
    /// placeholder for each (`FencedBlock.placeholder(index)`), which the render stage
    /// replaces with the block's template output, on the page it sits on.
    public var blocks: [FencedBlock] = []
    /// Code blocks shown without colours because their language has no grammar.
    public var plainCodeBlocks: [PlainCodeBlock] = []
    /// Problems found while rendering (a table row with the wrong number of cells, a
    /// figure without alt text, a pipe table CommonMark does not know), at body lines.
    public var problems: [MarkdownProblem] = []

    public init(html: String, headings: [Heading], links: [MarkdownLink], omittedRawHTMLLines: [Int], plainText: String, wordCount: Int) {
        self.html = html
        self.headings = headings
        self.links = links
        self.omittedRawHTMLLines = omittedRawHTMLLines
        self.plainText = plainText
        self.wordCount = wordCount
    }
}

/// A fenced code block whose info string names a block template (```` ```callout tip ````),
/// with what its template needs, prepared when the Markdown was parsed.
public struct FencedBlock: Sendable, Equatable {
    /// The template: `templates/blocks/<name>.mustache`.
    public var name: String
    /// The info string after the name (`tip`, `"Salaries by level"`).
    public var arguments: String
    /// The block's text as written.
    public var text: String
    /// The body rendered as Markdown (for callouts and authors' own blocks).
    public var html: String
    /// 1-based line of the opening fence in the Markdown body.
    public var line: Int
    public var table: BlockTable?
    public var figure: BlockFigure?

    public init(name: String, arguments: String, text: String, html: String, line: Int,
                table: BlockTable? = nil, figure: BlockFigure? = nil) {
        self.name = name
        self.arguments = arguments
        self.text = text
        self.html = html
        self.line = line
        self.table = table
        self.figure = figure
    }

    /// What stands for block `index` in the HTML until the render stage fills it in:
    /// private-use characters around a marker, which no Markdown renders by accident.
    public static func placeholder(_ index: Int) -> String { "\u{E000}sitegen-block-\(index)\u{E001}" }
}

/// A ```` ```table ```` block's CSV.
public struct BlockTable: Sendable, Equatable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Per column: every non-empty cell is a number (right-aligned).
    public var numericColumns: [Bool]

    public init(caption: String?, header: [String], rows: [[String]], numericColumns: [Bool]) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }
}

/// A ```` ```figure ```` block's image.
public struct BlockFigure: Sendable, Equatable {
    /// The image's URL in the output.
    public var src: String
    public var alt: String
    public var caption: String?
    public var size: ImageSize?
    /// Far enough down the page to load lazily.
    public var lazy = false

    public init(src: String, alt: String, caption: String?, size: ImageSize?) {
        self.src = src
        self.alt = alt
        self.caption = caption
        self.size = size
    }
}

/// An image's intrinsic size in CSS pixels, read from its file.
public struct ImageSize: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

public struct PlainCodeBlock: Sendable, Equatable {
    public var language: String
    public var line: Int
    public init(language: String, line: Int) {
        self.language = language
        self.line = line
    }
}

public struct MarkdownProblem: Sendable, Equatable {
    public var severity: Diagnostic.Severity
    public var line: Int
    public var column: Int
    public var message: String
    public init(_ severity: Diagnostic.Severity, line: Int, column: Int = 1, _ message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
    }
}
