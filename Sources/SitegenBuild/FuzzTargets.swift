import SitegenModel
import SitegenSupport
import Foundation

/// Entry points for fuzzing (`Sources/sitegen-fuzz`, `Benchmarks/fuzz.sh`) and for the test
/// that replays the saved corpus: arbitrary bytes through every stage that reads input.
/// A crash or a hang is a finding, and so is a broken invariant: each target returns the
/// invariants an input broke (empty when all held), and the caller decides what to do
/// with them. The libFuzzer harness traps, so the fuzzer keeps the input; the tests report
/// each input's violations by name and go on with the others.
public enum FuzzTargets {
    /// One content file: decoding, front matter, typed YAML, Markdown, links, escaping.
    public static func contentFile(_ bytes: [UInt8]) -> [String] {
        var check = InvariantCheck()
        let data = Data(bytes)
        switch SourceFile.decode(data, displayPath: "fuzz.md", relativePath: "articles/fuzz.md") {
        case .failure(let diagnostic):
            check(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "undecodable input must be located: \(diagnostic)")
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
                    check(diagnostic.location.line >= 1 && diagnostic.location.line <= lines + 1,
                          "a YAML diagnostic points outside the file: \(diagnostic)")
                }
                markdown(frontMatter.body, &check)
            case .failure:
                markdown(file.text, &check)
            }
            _ = Scaffold.slug(for: file.text)
        }
        return check.violations
    }

    /// The YAML-to-model step: the same bytes as each data file (site.yaml, skills.yaml,
    /// salaries.yaml) and as an article, through the loader's own code, in memory. Every
    /// value that reaches the model is in range (a number too large for an Int once
    /// crashed the build), and every diagnostic points inside the file.
    public static func yamlModel(_ bytes: [UInt8]) -> [String] {
        var check = InvariantCheck()
        let names = ["site.yaml", "skills.yaml", "salaries.yaml", "articles/fuzz.md"]
        var files: [String: SourceFile] = [:]
        var article = bytes
        // Front matter around the input too, so it is read as an article's YAML, not
        // only refused for lacking the opening line.
        if !bytes.starts(with: Array("---".utf8)) { article = Array("---\n".utf8) + bytes + Array("\n---\n".utf8) }
        for name in names {
            let input = name.hasSuffix(".md") ? article : bytes
            guard case .success(let file) = SourceFile.decode(Data(input), displayPath: name, relativePath: name) else {
                return check.violations
            }
            files[name] = file
        }
        var loader = ContentLoader(layout: SiteLayout(source: "/nonexistent-fuzz-site"))
        loader.inMemoryFiles = files
        let data = loader.loadDataFiles()
        let markdown = loader.loadMarkdown("articles/fuzz.md", config: data.config)
        let lines = Dictionary(uniqueKeysWithValues: files.map { ($0.key, $0.value.text.splitLines().count) })
        for diagnostic in data.diagnostics + markdown.diagnostics {
            let name = diagnostic.location.path
            check(lines[name] != nil, "a diagnostic names a file that was not read: \(diagnostic)")
            if diagnostic.location.line > 0, let count = lines[name] {
                check(diagnostic.location.line <= count + 1, "a diagnostic points past the end of the file: \(diagnostic)")
            }
        }
        if let config = data.config {
            check(config.salaryMaxAgeYears.map { (0...1000).contains($0) } ?? true, "salary_max_age_years out of range: \(config.salaryMaxAgeYears!)")
            check(ContentLoader.baseURLProblem(config.baseURL) == nil, "an unsafe base_url was accepted: \(config.baseURL)")
            check(SiteConfig.listSizeRange.contains(config.pageSize), "page_size out of range: \(config.pageSize)")
            check(SiteConfig.listSizeRange.contains(config.homeArticles), "home_articles out of range: \(config.homeArticles)")
        }
        for figure in data.salaries {
            check(figure.amount > 0 && figure.amount <= 1e12 && figure.amount.isFinite, "a salary amount out of range: \(figure.amount)")
        }
        if case .article(let loaded)? = markdown.document, markdown.diagnostics.isEmpty {
            check(loaded.weight.map { abs($0) <= 1_000_000_000 } ?? true, "a weight out of range: \(loaded.weight!)")
        }
        return check.violations
    }

    static func markdown(_ text: String, _ check: inout InvariantCheck) {
        let lines = text.splitLines().count
        for raw in [false, true] {
            let mode = raw ? "raw HTML allowed" : "safe mode"
            var options = Markdown.Options(allowRawHTML: raw)
            if !raw {
                // Safe mode also runs the fenced blocks and the highlighter over the input.
                options.blockNames = ["table", "figure", "callout"]
                options.highlighter = CodeHighlighter(languagesFolder: nil, version: 0)
            }
            let body = Markdown.render(text, options: options) { link in
                LinkResolver.outputURL(for: link.destination, from: "articles/fuzz.md", basePath: "/base/")
            }
            for problem in body.problems {
                check(problem.line >= 1 && problem.line <= max(lines, 1), "\(mode): a problem is placed outside the text (\(lines) lines): \(problem)")
            }
            for (index, block) in body.blocks.enumerated() {
                check(body.html.components(separatedBy: FencedBlock.placeholder(index)).count == 2,
                      "\(mode): block \(index) (\(block.name)) must stand exactly once in the HTML")
                check(!block.html.lowercased().contains("<script"), "raw HTML leaked from a block's body")
            }
            for link in body.links {
                check(link.line >= 1 && link.line <= max(lines, 1), "\(mode): a link is placed outside the text (\(lines) lines): \(link)")
                if case .site(let path, _) = LinkResolver.classify(link.destination, from: "articles/fuzz.md") {
                    check(path.hasPrefix("/"), "\(mode): a site path must be absolute: \(path)")
                }
            }
            var ids = Set<String>()
            for heading in body.headings {
                check(ids.insert(heading.id).inserted, "\(mode): duplicate heading id \(heading.id)")
                check(!heading.id.isEmpty && !heading.id.contains("\""), "\(mode): unsafe heading id \(heading.id)")
            }
            let missing = ids.subtracting(HTMLScanner.ids(in: body.html))
            check(missing.isEmpty, "\(mode): heading ids missing from the HTML: \(missing.sorted())")
            if !raw {
                check(!body.html.lowercased().contains("<script"), "raw HTML leaked in safe mode")
                check(!body.html.lowercased().contains("href=\"javascript:"), "a script URL survived")
            }
            let escaped = HTMLEscaping().escapeText(text)
            check(!escaped.contains("<") && !escaped.contains("\""), "escaping left markup")
        }
    }
}

/// Collects broken invariants instead of trapping on the first.
struct InvariantCheck {
    private(set) var violations: [String] = []

    mutating func callAsFunction(_ holds: Bool, _ message: @autoclosure () -> String) {
        if !holds { violations.append(message()) }
    }
}
