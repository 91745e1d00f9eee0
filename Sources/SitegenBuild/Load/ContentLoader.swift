import SitegenModel
import SitegenSupport
import Foundation
import Yams

/// Everything read from `content/`, before cross-checks. Parts that failed to load are
/// absent; their problems are in `diagnostics`.
struct LoadedContent: Sendable {
    var config: SiteConfig?
    var articles: [Article] = []
    var pages: [Page] = []
    var skills: [Skill] = []
    var salaries: [SalaryFigure] = []
    var staticFiles: [StaticFile] = []
    /// Output paths of Markdown files that exist but failed to load: links to them are
    /// not reported as broken, so one bad file does not cascade into many errors.
    var unloadedOutputPaths: [String] = []
    /// Articles and pages dated after the build's day, held back (see `ContentLoader.isPublished`).
    var scheduled: [ScheduledDocument] = []
    /// Site paths of sections that failed to load (see `Site.unloadedSections`).
    var unloadedSections: Set<String> = []
    /// skills.yaml had errors: unknown skills are not reported until it is fixed (the
    /// skill may be the very one that failed).
    var skillsIncomplete = false
    var diagnostics: [Diagnostic] = []
}

/// What the theme adds to Markdown rendering: its block templates (by name) and its
/// code highlighting. When it changes, every Markdown file is rendered again.
struct MarkdownTheme: Sendable, Equatable {
    var blockNames: Set<String> = []
    var highlighter: CodeHighlighter?
}

enum LoadedDocument: Sendable {
    case article(Article)
    case page(Page)
}

/// Stage 1, load: reads the content folder into typed values. Reports every problem of
/// every file rather than stopping at the first.
struct ContentLoader {
    let layout: SiteLayout
    /// Overrides `base_url` from `site.yaml` (the `--base-url` option).
    var baseURLOverride: String?
    var includeDrafts = false
    /// Publish articles and pages dated after `today` too (`--future`, and `serve`).
    var includeFuture = false
    /// The build's day: an article or page dated after it is scheduled, not published.
    var today = BuildOptions.defaultToday
    /// Files by path relative to `content/`, read from memory instead of disk: the fuzz
    /// target runs the YAML-to-model step on its inputs this way, without touching the disk.
    var inMemoryFiles: [String: SourceFile]?

    /// The data files of the content folder, loaded together.
    struct DataFiles: Sendable {
        var config: SiteConfig?
        var skills: [Skill] = []
        var salaries: [SalaryFigure] = []
        /// skills.yaml is missing or had errors, so some skills may be absent.
        var skillsIncomplete = false
        var diagnostics: [Diagnostic] = []
    }

    /// One Markdown file, loaded: the article or page (nil when it could not be), its problems.
    /// A class: the builder keeps thousands and hands them over on every rebuild.
    final class MarkdownFile: Sendable {
        let relativePath: String
        let document: LoadedDocument?
        let diagnostics: [Diagnostic]

        init(relativePath: String, document: LoadedDocument?, diagnostics: [Diagnostic]) {
            self.relativePath = relativePath
            self.document = document
            self.diagnostics = diagnostics
        }
    }

    static func missingContentFolder(_ layout: SiteLayout) -> LoadedContent {
        var content = LoadedContent()
        content.diagnostics.append(.error(SourceLocation(path: layout.display(layout.contentURL)),
                                          "content folder not found; a site needs content/site.yaml, content/skills.yaml and content/articles/"))
        return content
    }

    func loadDataFiles() -> DataFiles {
        var data = DataFiles()
        data.config = loadConfig(&data.diagnostics)
        var skillProblems: [Diagnostic] = []
        data.skills = loadSkills(&skillProblems)
        data.skillsIncomplete = skillProblems.hasErrors
        data.diagnostics += skillProblems
        data.salaries = loadSalaries(&data.diagnostics)
        return data
    }

    /// Loads one Markdown file. Its HTML depends on the config's base path and raw-HTML
    /// setting, so it must be loaded again when those change.
    func loadMarkdown(_ relativePath: String, config: SiteConfig?, theme: MarkdownTheme = MarkdownTheme()) -> MarkdownFile {
        var diagnostics: [Diagnostic] = []
        var options = Markdown.Options(allowRawHTML: config?.allowRawHTML ?? false)
        options.blockNames = theme.blockNames
        options.highlighter = config?.highlightCode == false ? nil : theme.highlighter
        let document = loadMarkdownFile(relativePath, isArticle: relativePath.hasPrefix("articles/"),
                                        basePath: config?.basePath ?? "/",
                                        options: options,
                                        diagnostics: &diagnostics)
        return MarkdownFile(relativePath: relativePath, document: document, diagnostics: diagnostics)
    }

    func assemble(data: DataFiles, markdown: [MarkdownFile],
                  staticFiles: (files: [StaticFile], diagnostics: [Diagnostic])) -> LoadedContent {
        var content = LoadedContent(config: data.config, skills: data.skills, salaries: data.salaries,
                                    staticFiles: staticFiles.files, diagnostics: data.diagnostics + staticFiles.diagnostics)
        if data.skillsIncomplete {
            content.skillsIncomplete = true
            content.unloadedSections.insert("/skills/")
        }
        for file in markdown {
            content.diagnostics += file.diagnostics
            switch file.document {
            case nil: content.unloadedOutputPaths.append(String(file.relativePath.dropLast(3)) + "/index.html")
            case .article(let article)? where includeDrafts || !article.draft:
                if isPublished(article.date) {
                    content.articles.append(article)
                } else {
                    content.scheduled.append(ScheduledDocument(sitePath: article.sitePath, noun: "article",
                                                               date: article.date, source: article.source))
                }
            case .page(let page)? where includeDrafts || !page.draft:
                if let date = page.date, !isPublished(date) {
                    content.scheduled.append(ScheduledDocument(sitePath: page.sitePath, noun: "page", date: date, source: page.source))
                } else {
                    content.pages.append(page)
                }
            default: break
            }
        }
        return content
    }

    /// A document dated after the build's day waits for that day (as in Hugo and Zola),
    /// unless the build asks for future documents.
    func isPublished(_ date: Day) -> Bool { includeFuture || date <= today }

    func readYAMLFile(_ name: String, required: Bool,
                              _ diagnostics: inout [Diagnostic]) -> (SourceFile, Node?, YAMLReader)? {
        let url = layout.contentURL.appendingPathComponent(name)
        let exists = inMemoryFiles.map { $0[name] != nil } ?? layout.isFile(url)
        if !exists {
            if inMemoryFiles == nil, layout.isDirectory(url) {
                diagnostics.append(.error(SourceLocation(path: layout.display(url)), "is a folder, expected a file"))
            } else if required {
                diagnostics.append(.error(SourceLocation(path: layout.display(url)), "missing file: the site needs content/\(name)"))
            }
            return nil
        }
        switch read(url: url, displayPath: layout.display(url), relativePath: name) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let file):
            var reader = YAMLReader(file: file, firstLine: 1)
            let root = reader.compose(file.text)
            if reader.diagnostics.hasErrors {
                diagnostics += reader.diagnostics
                return nil
            }
            return (file, root, reader)
        }
    }

    /// A source file from disk, or from `inMemoryFiles` when they are given (a file not
    /// among them is then missing).
    func read(url: URL, displayPath: String, relativePath: String) -> Result<SourceFile, Diagnostic> {
        guard let inMemoryFiles else {
            return SourceFile.read(url: url, displayPath: displayPath, relativePath: relativePath, layout: layout)
        }
        return inMemoryFiles[relativePath].map { .success($0) }
            ?? .failure(.error(SourceLocation(path: displayPath), "missing file"))
    }

    // MARK: - Markdown files

    private func loadMarkdownFile(_ relativePath: String, isArticle: Bool, basePath: String,
                                  options: Markdown.Options, diagnostics: inout [Diagnostic]) -> LoadedDocument? {
        let url = layout.contentURL.appendingPathComponent(relativePath)
        let display = layout.display(url)
        let slug = String(relativePath.split(separator: "/").last!.dropLast(3))
        guard Slug.isValid(slug) else {
            diagnostics.append(.error(SourceLocation(path: display), "bad slug \"\(slug)\": the file name becomes the URL; \(Slug.rule)"))
            return nil
        }
        let file: SourceFile
        switch read(url: url, displayPath: display, relativePath: relativePath) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let read):
            file = read
        }
        var hasher = Hasher()
        hasher.combine(file.text)
        let contentHash = hasher.finalize()
        let frontMatter: FrontMatter
        switch FrontMatter.split(file.text) {
        case .success(let split):
            frontMatter = split
        case .failure(.missingOpening):
            diagnostics.append(.error(file.startLocation, "missing front matter: the file must start with a line \"---\", then YAML keys (title, summary, ...), then a line \"---\""))
            return nil
        case .failure(.unterminated):
            diagnostics.append(.error(file.startLocation, "unterminated front matter: the \"---\" on line 1 has no closing \"---\" line"))
            return nil
        }

        var reader = YAMLReader(file: file, firstLine: frontMatter.yamlFirstLine)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.compose(frontMatter.yaml) else {
            if !reader.diagnostics.hasErrors {
                reader.diagnostics.append(.error(file.location(line: 1, column: 1), "empty front matter: title and summary are required"))
            }
            return nil
        }
        let what = "front matter"
        let keys = isArticle ? Article.keys : Page.keys
        guard let fields = YAMLFields(root, what: what, allowedKeys: keys, reader: &reader) else { return nil }

        let bodyOffset = frontMatter.bodyFirstLine - 1
        let body = Markdown.render(frontMatter.body, options: options, rewriteLink: { link in
            LinkResolver.outputURL(for: link.destination, from: relativePath, basePath: basePath)
        }, imageSize: { link in
            // Local images only: a static file, published at its path below static/.
            guard case .site(let path, _) = LinkResolver.classify(link.destination, from: relativePath),
                  !path.hasSuffix("/"), !path.contains("/../") else { return nil }
            return ImageHeader.size(ofFileAt: layout.contentURL.path + "/static" + path)
        })
        let title = fields.string("title", required: true, reader: &reader)
        let summary = fields.string("summary", required: true, reader: &reader)
        let draft = fields.bool("draft", reader: &reader) ?? false
        let extra = fields.extra("extra", reader: &reader)
        let aliases = (fields.stringList("aliases", reader: &reader) ?? []).compactMap { path, node -> Alias? in
            if let problem = Alias.problem(with: path) {
                reader.error(node, "aliases: \"\(path)\" \(problem)")
                return nil
            }
            return Alias(path: path, location: reader.location(of: node.mark))
        }
        let source = SourceLocation(path: display)
        var shifted = body
        shifted.headings = body.headings.map { var h = $0; h.line += bodyOffset; return h }
        shifted.links = body.links.map { var l = $0; l.line += bodyOffset; return l }
        shifted.omittedRawHTMLLines = body.omittedRawHTMLLines.map { $0 + bodyOffset }
        shifted.blocks = body.blocks.map { var b = $0; b.line += bodyOffset; return b }
        shifted.plainCodeBlocks = body.plainCodeBlocks.map { var b = $0; b.line += bodyOffset; return b }
        shifted.problems = []
        for problem in body.problems {
            diagnostics.append(Diagnostic(problem.severity, file.location(line: problem.line + bodyOffset, column: problem.column),
                                          problem.message))
        }

        // A file with front-matter errors still yields its article, with stand-ins for the
        // values that failed, so its skills and links are checked in the same run. The
        // errors already recorded make the build fail, so stand-ins never reach a page.
        if isArticle {
            let date = fields.day("date", required: true, reader: &reader)
            let updated = fields.day("updated", reader: &reader)
            let level = fields.choice("level", Article.levels, reader: &reader)
            let weight = fields.number("weight", reader: &reader)
            let part = fields.string("part", reader: &reader)
            let partLocation = part == nil ? nil : reader.location(of: fields.valueNode("part")?.mark)
            if let weight, weight != weight.rounded() {
                reader.error(fields.valueNode("weight"), "weight: expected a whole number")
            } else if let weight, abs(weight) > 1_000_000_000 {
                reader.error(fields.valueNode("weight"), "weight: \(fields.valueNode("weight")?.scalar?.string ?? "\(weight)") is out of range (use a whole number between -1000000000 and 1000000000)")
            }
            let skills = fields.stringList("skills", required: true, reader: &reader) ?? []
            if let date, let updated, updated < date {
                reader.error(fields.valueNode("updated"), "updated: \(updated) is before the publication date \(date)")
            }
            return .article(Article(slug: slug, source: source, title: title ?? slug, summary: summary ?? "",
                                    date: date ?? Day.epoch, updated: updated, level: level, skills: skills.map(\.0),
                                    draft: draft, weight: weight.flatMap { abs($0) <= 1_000_000_000 && $0 == $0.rounded() ? Int($0) : nil }, part: part, partLocation: partLocation, body: shifted,
                                    skillLocations: skills.map { reader.location(of: $0.1.mark) },
                                    contentHash: contentHash, extra: extra, aliases: aliases))
        } else {
            let date = fields.day("date", reader: &reader)
            let updated = fields.day("updated", reader: &reader)
            var page = Page(slug: slug, source: source, title: title ?? slug, summary: summary ?? "",
                            date: date, updated: updated, draft: draft, body: shifted, contentHash: contentHash)
            page.extra = extra
            page.aliases = aliases
            return .page(page)
        }
    }
}
