import SitegenModel
import SitegenSupport
import Ccmark
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders Markdown with libcmark (CommonMark). The only place that touches the C API.
public enum Markdown {
    public struct Options: Sendable {
        /// Pass raw HTML through instead of omitting it (cmark's "unsafe" mode).
        public var allowRawHTML = false
        /// Curly quotes and dashes.
        public var smartPunctuation = true
        /// Names of the theme's block templates (`templates/blocks/<name>.mustache`): a
        /// fenced block whose info string starts with one is rendered through it.
        var blockNames: Set<String> = []
        /// Colours code blocks; nil leaves them plain.
        var highlighter: CodeHighlighter?
        public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
            self.allowRawHTML = allowRawHTML
            self.smartPunctuation = smartPunctuation
        }
    }

    /// Images within this many bytes of the body's start load at once; later ones get
    /// `loading="lazy"`, since they are likely below the first screen.
    static let eagerImageBytes = 1_500

    /// Parses `text`, gives every heading a unique id and an anchor link, passes every
    /// link destination through `rewriteLink` (so `other.md` becomes the page's URL), and
    /// renders HTML. cmark's safe mode also blanks `javascript:`-style destinations.
    /// `imageSize` gives the size of a local image (by its link as written), for the
    /// `width` and `height` that keep the page from shifting while images load.
    public static func render(_ text: String, options: Options = Options(),
                              rewriteLink: (MarkdownLink) -> String? = { _ in nil }) -> RenderedMarkdown {
        render(text, options: options, rewriteLink: rewriteLink, imageSize: { _ in nil })
    }

    /// `wholeText`: keep all of `plainText` (a callout's body, whose text joins its page's
    /// before the page's is cut, so that words are counted over all of it).
    static func render(_ text: String, options: Options, rewriteLink: (MarkdownLink) -> String?,
                       imageSize: (MarkdownLink) -> ImageSize?, wholeText: Bool = false) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_DEFAULT
        if options.smartPunctuation { cmarkOptions |= CMARK_OPT_SMART }
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        let document: OpaquePointer = text.withCString { pointer in
            cmark_parse_document(pointer, strlen(pointer), cmarkOptions)
        }
        defer { cmark_node_free(document) }

        var headingNodes: [OpaquePointer] = []
        var codeNodes: [(node: OpaquePointer, literal: String, name: String, arguments: String)] = []
        var imageNodes: [(node: OpaquePointer, link: MarkdownLink, url: String)] = []
        var problems: [MarkdownProblem] = []
        var links: [MarkdownLink] = []
        // Only a text with a "|" can hold a pipe table.
        let mayHavePipeTable = text.utf8.contains(0x7C)
        var textBytes: [UInt8]?
        var rawHTMLLines: [Int] = []
        var plainText = ""
        plainText.reserveCapacity(text.utf8.count)

        // First pass: read. The tree is changed only after the iterator is done.
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var paragraphLine = 1, paragraphColumn = 1
        var lineStarts: [Int]?  // found only if the document has links
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_HEADING where entering:
                headingNodes.append(node)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                if entering {
                    paragraphLine = Int(cmark_node_get_start_line(node))
                    paragraphColumn = Int(cmark_node_get_start_column(node))
                    if mayHavePipeTable && type == CMARK_NODE_PARAGRAPH {
                        if lineStarts == nil { lineStarts = lineOffsets(text) }
                        if textBytes == nil { textBytes = Array(text.utf8) }
                        if let line = pipeTableDelimiterLine(in: textBytes!, lineStarts: lineStarts!, from: paragraphLine,
                                                             to: Int(cmark_node_get_end_line(node))) {
                            problems.append(MarkdownProblem(.warning, line: line, "this looks like a pipe table, which CommonMark shows as plain text; write it as a ```table block of CSV (see the README)"))
                        }
                    }
                } else {
                    plainText += "\n"
                }
            case CMARK_NODE_LINK where entering, CMARK_NODE_IMAGE where entering:
                // cmark 0.30 keeps no positions for inline nodes, so a link is placed at
                // the start of its block, refined to its column when found on that line.
                let destination = string(cmark_node_get_url(node))
                let isImage = type == CMARK_NODE_IMAGE
                if lineStarts == nil { lineStarts = lineOffsets(text) }
                let (line, column) = locate(destination, in: text, lineStarts: lineStarts!, blockLine: paragraphLine,
                                            fallbackColumn: paragraphColumn)
                var link = MarkdownLink(destination: destination, isImage: isImage,
                                        text: isImage ? inlineText(of: node) : "",
                                        line: line, column: column)
                if let rewritten = rewriteLink(link) {
                    cmark_node_set_url(node, rewritten)
                    link.destination = destination
                    if isImage { imageNodes.append((node, link, rewritten)) }
                }
                links.append(link)
            case CMARK_NODE_TEXT where entering, CMARK_NODE_CODE where entering:
                plainText += string(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK where entering, CMARK_NODE_LINEBREAK where entering:
                plainText += " "
            case CMARK_NODE_CODE_BLOCK where entering:
                let literal = string(cmark_node_get_literal(node))
                let (name, arguments) = FencedBlocks.split(info: string(cmark_node_get_fence_info(node)))
                codeNodes.append((node, literal, name, arguments))
                // Block templates add their own text later; code counts where it stands.
                if !options.blockNames.contains(name) { plainText += literal + "\n" }
            case CMARK_NODE_HTML_BLOCK where entering, CMARK_NODE_HTML_INLINE where entering:
                if !options.allowRawHTML {
                    let line = type == CMARK_NODE_HTML_BLOCK ? Int(cmark_node_get_start_line(node)) : paragraphLine
                    if rawHTMLLines.last != line { rawHTMLLines.append(line) }
                }
            default:
                break
            }
        }

        // Second pass: replace each heading by a custom block that renders the same
        // heading with an id and an anchor link (cmark has no attribute API).
        var headings: [Heading] = []
        var usedIDs = Set<String>()
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let title = inlineText(of: node)
            let id = uniqueID(for: title, used: &usedIDs)
            headings.append(Heading(level: level, text: title, id: id, line: Int(cmark_node_get_start_line(node))))

            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(block, "<a class=\"heading-anchor\" href=\"#\(id)\"><span class=\"visually-hidden\">Link to this section</span></a></h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(block, child)
            }
            cmark_node_insert_before(node, block)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }

        // Third pass: code blocks become highlighted code or template blocks, local
        // images get their sizes.
        var blocks: [FencedBlock] = []
        var plainCodeBlocks: [PlainCodeBlock] = []
        for (node, literal, name, arguments) in codeNodes {
            let line = Int(cmark_node_get_start_line(node))
            let replacement: String
            if options.blockNames.contains(name) {
                var block = FencedBlock(name: name, arguments: arguments, text: literal, html: "", line: line)
                switch name {
                case "table":
                    let (table, found) = FencedBlocks.table(literal, arguments: arguments, line: line)
                    block.table = table
                    problems += found
                    plainText += (table.map { ([$0.header] + $0.rows).map { $0.joined(separator: " ") }.joined(separator: "\n") } ?? "") + "\n"
                case "figure":
                    let (figure, srcLine, srcColumn, found) = FencedBlocks.figure(literal, line: line)
                    problems += found
                    if var figure {
                        let link = MarkdownLink(destination: figure.src, isImage: true, text: figure.alt, line: srcLine, column: srcColumn)
                        links.append(link)
                        figure.src = rewriteLink(link) ?? figure.src
                        figure.size = imageSize(link)
                        if lineStarts == nil { lineStarts = lineOffsets(text) }
                        figure.lazy = line > lineStarts!.count || lineStarts![line - 1] > eagerImageBytes
                        block.figure = figure
                        plainText += figure.alt + " " + (figure.caption ?? "") + "\n"
                    }
                default:
                    var inner = options
                    inner.blockNames = []
                    let body = render(literal, options: inner, rewriteLink: { link in
                        var shifted = link
                        shifted.line += line
                        return rewriteLink(shifted)
                    }, imageSize: imageSize, wholeText: true)
                    block.html = body.html
                    links += body.links.map { var link = $0; link.line += line; return link }
                    problems += body.problems.map { var problem = $0; problem.line += line; return problem }
                    plainCodeBlocks += body.plainCodeBlocks.map { var block = $0; block.line += line; return block }
                    plainText += body.plainText
                }
                replacement = FencedBlock.placeholder(blocks.count)
                blocks.append(block)
            } else {
                guard let highlighter = options.highlighter, !name.isEmpty else { continue }
                let highlighted: String
                switch highlighter.highlight(literal, language: name) {
                case .highlighted(let html):
                    highlighted = html
                case .noGrammar:
                    plainCodeBlocks.append(PlainCodeBlock(language: name, line: line))
                    continue
                case .failed(let reason):
                    problems.append(MarkdownProblem(.error, line: line, "code block in \"\(name)\": \(reason)"))
                    continue
                case .unreadable:
                    // The output would differ from the site as it should be: an error.
                    problems.append(MarkdownProblem(.error, line: line, "code block: the highlighting definition for \"\(name)\" could not be read (is templates/languages/\(name).lang a readable file? too many files open?)"))
                    continue
                }
                replacement = "<pre tabindex=\"0\"><code class=\"language-\(XML.escape(name))\">\(highlighted)</code></pre>\n"
            }
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, replacement)
            cmark_node_insert_before(node, block)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for image in imageNodes {
            guard let size = imageSize(image.link), let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            if lineStarts == nil { lineStarts = lineOffsets(text) }
            let offset = image.link.line <= lineStarts!.count ? lineStarts![image.link.line - 1] : Int.max
            let title = string(cmark_node_get_title(image.node))
            cmark_node_set_on_enter(custom, imageTag(src: image.url, alt: inlineText(of: image.node), title: title,
                                                     size: size, lazy: offset > eagerImageBytes))
            cmark_node_insert_before(image.node, custom)
            cmark_node_unlink(image.node)
            cmark_node_free(image.node)
        }

        let rendered = cmark_render_html(document, cmarkOptions)
        var html = rendered.map { String(cString: $0) } ?? ""
        free(rendered)
        // Code blocks scroll sideways on narrow screens; tabindex lets keyboard users scroll them.
        html = html.replacingLiteral("<pre>", with: "<pre tabindex=\"0\">")
        var words = 0, inWord = false
        plainText.withUTF8 { bytes in
            for byte in bytes {
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !isSpace && !inWord { words += 1 }
                inWord = !isSpace
            }
        }
        var result = RenderedMarkdown(html: html, headings: headings, links: links,
                                      omittedRawHTMLLines: rawHTMLLines,
                                      plainText: wholeText ? plainText : RenderedMarkdown.leading(plainText), wordCount: words)
        result.blocks = blocks
        result.plainCodeBlocks = plainCodeBlocks
        result.problems = problems
        return result
    }

    /// The id a heading with this text gets: lowercase letters and digits, words joined
    /// by hyphens (`REST, GraphQL & SOAP` -> `rest-graphql-soap`), as on GitHub.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            // ASCII answered directly: the Unicode property lookup was a hot spot.
            let value = scalar.value
            let isWordCharacter = value < 0x80 ? (0x61...0x7A).contains(value) || (0x30...0x39).contains(value)
                : scalar.properties.isAlphabetic
            if isWordCharacter {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    static func uniqueID(for text: String, used: inout Set<String>) -> String {
        let base = slug(text)
        var id = base
        var counter = 1
        while used.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(id)
        return id
    }

    /// The concatenated text of a node's inline descendants.
    private static func inlineText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// Finds `destination` as written in the source, from the block's first line on, so
    /// diagnostics point at the link itself. Falls back to the block's start.
    private static func locate(_ destination: String, in text: String, lineStarts: [Int], blockLine: Int,
                               fallbackColumn: Int) -> (Int, Int) {
        guard !destination.isEmpty, blockLine >= 1, blockLine <= lineStarts.count else { return (blockLine, fallbackColumn) }
        let needle = Array(destination.utf8)
        var text = text
        return text.withUTF8 { bytes in
            for lineNumber in blockLine...min(lineStarts.count, blockLine + 50) {
                let start = lineStarts[lineNumber - 1]
                let end = lineNumber < lineStarts.count ? lineStarts[lineNumber] - 1 : bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // Prefer `(destination`, the inline link form, over a bare match elsewhere.
                if let offset = firstOffset(of: needle, in: line, after: 0x28) ?? firstOffset(of: needle, in: line) {
                    return (lineNumber, offset + 1)
                }
            }
            return (blockLine, fallbackColumn)
        }
    }

    /// The byte offset where each line of `text` starts ("\n" ends a line; files are read
    /// with their line endings made "\n").
    static func lineOffsets(_ text: String) -> [Int] {
        var starts = [0]
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                starts.append(offset)
            }
        }
        return starts
    }

    /// The byte offset of the first `needle` in `haystack` (right after a `prefix` byte,
    /// when given). A plain byte search: Foundation's `range(of:)` was a hot spot.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, after prefix: UInt8? = nil) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let start = prefix == nil ? 0 : 1
        guard haystack.count >= needle.count + start else { return nil }
        for offset in start...(haystack.count - needle.count) {
            if let prefix, haystack[offset - 1] != prefix { continue }
            if haystack[offset] == needle[0] && haystack[offset..<(offset + needle.count)].elementsEqual(needle) {
                return offset
            }
        }
        return nil
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
