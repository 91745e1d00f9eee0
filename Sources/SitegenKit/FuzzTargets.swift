import Foundation

/// Entry points for fuzzing (`Sources/sitegen-fuzz`, `Benchmarks/fuzz.sh`) and for the test
/// that replays the saved corpus: arbitrary bytes through every stage that reads input.
/// A crash, a hang or a broken invariant (checked with `precondition`) is a finding.
public enum FuzzTargets {
    /// One content file: decoding, front matter, typed YAML, Markdown, links, escaping.
    public static func contentFile(_ bytes: [UInt8]) {
        let data = Data(bytes)
        switch SourceFile.decode(data, displayPath: "fuzz.md", relativePath: "articles/fuzz.md") {
        case .failure(let diagnostic):
            precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "undecodable input must be located")
        case .success(let file):
            switch FrontMatter.split(file.text) {
            case .success(let frontMatter):
                var reader = YAMLReader(file: file, firstLine: frontMatter.yamlFirstLine)
                if let root = reader.compose(frontMatter.yaml),
                   let fields = YAMLFields(root, what: "front matter", allowedKeys: Article.keys, reader: &reader) {
                    _ = fields.string("title", required: true, reader: &reader)
                    _ = fields.day("date", required: true, reader: &reader)
                    _ = fields.stringList("skills", required: true, reader: &reader)
                    _ = fields.choice("level", Article.levels, reader: &reader)
                    _ = fields.number("weight", reader: &reader)
                    _ = fields.bool("draft", reader: &reader)
                }
                let lines = file.text.splitLines().count
                for diagnostic in reader.diagnostics {
                    precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= lines + 1,
                                 "a YAML diagnostic points outside the file: \(diagnostic)")
                }
                markdown(frontMatter.body)
            case .failure:
                markdown(file.text)
            }
            _ = Scaffold.slug(for: file.text)
        }
    }

    static func markdown(_ text: String) {
        let lines = text.splitLines().count
        for raw in [false, true] {
            let body = Markdown.render(text, options: .init(allowRawHTML: raw)) { link in
                LinkResolver.outputURL(for: link.destination, from: "articles/fuzz.md", basePath: "/base/")
            }
            for link in body.links {
                precondition(link.line >= 1 && link.line <= max(lines, 1), "a link is placed outside the text: \(link)")
                if case .site(let path, _) = LinkResolver.classify(link.destination, from: "articles/fuzz.md") {
                    precondition(path.hasPrefix("/"), "a site path must be absolute: \(path)")
                }
            }
            var ids = Set<String>()
            for heading in body.headings {
                precondition(ids.insert(heading.id).inserted, "duplicate heading id \(heading.id)")
                precondition(!heading.id.isEmpty && !heading.id.contains("\""), "unsafe heading id \(heading.id)")
            }
            precondition(HTMLScanner.ids(in: body.html).isSuperset(of: ids), "a heading id is missing from the HTML")
            if !raw {
                precondition(!body.html.lowercased().contains("<script"), "raw HTML leaked in safe mode")
                precondition(!body.html.lowercased().contains("href=\"javascript:"), "a script URL survived")
            }
            let escaped = HTMLEscaping().escapeText(text)
            precondition(!escaped.contains("<") && !escaped.contains("\""), "escaping left markup")
        }
    }
}
