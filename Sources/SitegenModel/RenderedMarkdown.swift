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
    /// The text a reader sees, without markup: for word counts and the search index.
    public var plainText: String
    /// Words in `plainText`, counted once here rather than on every page that shows it.
    public var wordCount: Int

    public init(html: String, headings: [Heading], links: [MarkdownLink], omittedRawHTMLLines: [Int], plainText: String, wordCount: Int) {
        self.html = html
        self.headings = headings
        self.links = links
        self.omittedRawHTMLLines = omittedRawHTMLLines
        self.plainText = plainText
        self.wordCount = wordCount
    }
}
