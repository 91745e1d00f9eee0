/// The tags of a Mustache template with their positions, for the checks `TemplateSet` runs
/// when the theme loads.
///
/// swift-mustache keeps its parsed tokens internal and records no positions, so this is a
/// small scanner over the template text. It follows the library's parser
/// (`Template+Parser.swift`, 2.1.1): `{{=<% %>=}}` changes the delimiters, `{{! ...}}`
/// comments and `{{% ...}}` pragmas are skipped, `{{{name}}}` and `{{& name}}` are
/// variables, and `{{#empty(list)}}` is the transform `empty` applied to `list`. It
/// assumes the library accepted the template: it never reports syntax errors itself.
enum TemplateScanner {
    struct Tag: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// `{{name}}`, `{{{name}}}`, `{{& name}}`
            case variable
            /// `{{#name}}`, `{{^name}}`
            case section, invertedSection
            /// `{{/name}}`
            case close
            /// `{{> name}}`, `{{< name}}`
            case partial, parent
            /// `{{$ name}}`: a block to fill, or inside `{{< parent}}`, what fills it.
            case block
        }
        var kind: Kind
        /// The name as written, without its transforms (`list` in `empty(list)`); "" for
        /// `{{index()}}`. Partials keep their path (`partials/card`); dynamic ones start with `*`.
        var name: String
        /// Outermost first: `a(b(name))` is `["a", "b"]`, applied `b` first.
        var transforms: [String]
        /// 1-based, of the tag's first delimiter character, in characters.
        var line: Int
        var column: Int

        /// `empty(list)` as the author wrote it.
        var written: String {
            transforms.reduce("") { $0 + $1 + "(" } + name + String(repeating: ")", count: transforms.count)
        }
    }

    static func tags(in text: String) -> [Tag] {
        let characters = Array(text)
        var tags: [Tag] = []
        var start: [Character] = ["{", "{"], end: [Character] = ["}", "}"]
        var index = 0
        // Position of `index`, advanced as the scan moves on.
        var line = 1, column = 1, counted = 0
        func position(of target: Int) -> (Int, Int) {
            while counted < target {
                if characters[counted] == "\n" { line += 1; column = 1 } else { column += 1 }
                counted += 1
            }
            return (line, column)
        }
        func find(_ delimiter: [Character], from offset: Int) -> Int? {
            guard !delimiter.isEmpty, offset <= characters.count - delimiter.count else { return nil }
            var at = offset
            while at <= characters.count - delimiter.count {
                if characters[at] == delimiter[0], Array(characters[at..<at + delimiter.count]) == delimiter { return at }
                at += 1
            }
            return nil
        }
        while let open = find(start, from: index) {
            let (tagLine, tagColumn) = position(of: open)
            var contentStart = open + start.count
            guard contentStart < characters.count else { break }
            let sigil = characters[contentStart]
            if sigil == "=" {
                // {{=<% %>=}}: the new delimiters, then `=` and the old closing delimiter.
                guard let close = find(["="] + end, from: contentStart + 1) else { break }
                let parts = String(characters[contentStart + 1..<close]).split(whereSeparator: \.isWhitespace)
                index = close + 1 + end.count
                if parts.count == 2 { start = Array(parts[0]); end = Array(parts[1]) }
                continue
            }
            guard let close = find(end, from: contentStart) else { break }
            index = close + end.count
            let kind: Tag.Kind
            switch sigil {
            case "!", "%": continue
            case "#": kind = .section
            case "^": kind = .invertedSection
            case "/": kind = .close
            case ">": kind = .partial
            case "<": kind = .parent
            case "$": kind = .block
            case "{":
                kind = .variable
                if index < characters.count, characters[index] == "}" { index += 1 }
            case "&": kind = .variable
            default: kind = .variable; contentStart -= 1
            }
            let content = String(characters[contentStart + 1..<close]).trimmingWhitespace
            if kind == .partial || kind == .parent {
                tags.append(Tag(kind: kind, name: content, transforms: [], line: tagLine, column: tagColumn))
                continue
            }
            let (name, transforms) = splitTransforms(content)
            tags.append(Tag(kind: kind, name: name, transforms: transforms, line: tagLine, column: tagColumn))
        }
        return tags
    }

    /// `a(b(name))` -> (`name`, [`a`, `b`]), as swift-mustache's `parseName` reads it.
    static func splitTransforms(_ content: String) -> (name: String, transforms: [String]) {
        var rest = Substring(content)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        return (String(rest.prefix { $0 != ")" }), transforms)
    }

    /// A template as a tree: sections hold their contents, parents the blocks they fill.
    indirect enum Node: Sendable {
        case variable(Tag)
        case section(Tag, body: [Node])
        case partial(Tag)
        /// `{{< parent}}...{{/parent}}` with the blocks it fills (`{{$main}}...{{/main}}`).
        case parent(Tag, blocks: [String: [Node]])
        /// `{{$name}}default{{/name}}` outside a parent tag: replaced by what fills it.
        case block(Tag, body: [Node])
    }

    static func tree(of text: String) -> [Node] {
        var tags = tags(in: text)[...]
        return nodes(&tags)
    }

    /// Reads nodes up to the `{{/...}}` that closes the enclosing tag (or the end).
    private static func nodes(_ tags: inout ArraySlice<Tag>) -> [Node] {
        var result: [Node] = []
        while let tag = tags.popFirst() {
            switch tag.kind {
            case .close: return result
            case .variable: result.append(.variable(tag))
            case .partial: result.append(.partial(tag))
            case .section, .invertedSection: result.append(.section(tag, body: nodes(&tags)))
            case .block: result.append(.block(tag, body: nodes(&tags)))
            case .parent:
                var blocks: [String: [Node]] = [:]
                for case .block(let block, let body) in nodes(&tags) { blocks[block.name] = body }
                result.append(.parent(tag, blocks: blocks))
            }
        }
        return result
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
