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

    // MARK: - site.yaml

    private func loadConfig(_ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        guard let (file, root, reader) = readYAMLFile("site.yaml", required: true, &diagnostics) else { return nil }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root, let fields = YAMLFields(root, what: "site.yaml", allowedKeys: SiteConfig.keys, reader: &r) else {
            if root == nil { r.diagnostics.append(.error(file.startLocation, "site.yaml is empty; it needs title, description, base_url and language")) }
            return nil
        }
        let title = fields.string("title", required: true, reader: &r)
        let description = fields.string("description", required: true, reader: &r)
        var baseURL = fields.string("base_url", required: true, reader: &r)
        let language = fields.string("language", required: true, reader: &r)
        let author = fields.string("author", reader: &r)
        let allowRawHTML = fields.bool("allow_raw_html", reader: &r) ?? false
        let maxAge = fields.number("salary_max_age_years", reader: &r)
        let parts = loadParts(fields.valueNode("parts"), &r)
        let extra = fields.extra("extra", reader: &r)
        let datesFromGit = fields.bool("dates_from_git", reader: &r) ?? false
        if let maxAge, !(0...1000).contains(maxAge) || maxAge != maxAge.rounded() {
            r.error(fields.valueNode("salary_max_age_years"), "salary_max_age_years: expected a whole number of years from 0 to 1000")
        }

        if let override = baseURLOverride {
            baseURL = override
        }
        if let url = baseURL, let problem = Self.baseURLProblem(url) {
            let message = "base_url: \(problem)"
            if baseURLOverride != nil {
                r.diagnostics.append(.error(SourceLocation(path: "--base-url"), message))
            } else {
                r.error(fields.valueNode("base_url"), message)
            }
            baseURL = nil
        }
        if let language, !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) || language.isEmpty {
            r.error(fields.valueNode("language"), "language: \"\(language)\" is not a language tag such as en or en-GB")
        }
        guard let title, let description, var baseURL, let language else { return nil }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        var config = SiteConfig(title: title, description: description, baseURL: baseURL, language: language,
                                author: author, allowRawHTML: allowRawHTML, salaryMaxAgeYears: maxAge.flatMap { (0...1000).contains($0) ? Int($0) : nil })
        config.parts = parts
        config.highlightCode = fields.bool("highlight_code", reader: &r) ?? true
        config.extra = extra
        config.datesFromGit = datesFromGit
        config.datesFromGitLocation = fields.valueNode("dates_from_git").map { r.location(of: $0.mark) }
        config.pageSize = listSize("page_size", "articles per page", fields, &r) ?? SiteConfig.defaultPageSize
        config.homeArticles = listSize("home_articles", "articles per part on the home page", fields, &r) ?? SiteConfig.defaultHomeArticles
        return config
    }

    /// `page_size` or `home_articles`: a whole number in `SiteConfig.listSizeRange`, or nil
    /// (the default) when absent or wrong, with the error at the value.
    private func listSize(_ key: String, _ what: String, _ fields: YAMLFields, _ r: inout YAMLReader) -> Int? {
        guard let value = fields.number(key, reader: &r) else { return nil }
        let range = SiteConfig.listSizeRange
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            r.error(fields.valueNode(key), "\(key): expected a whole number of \(what) from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    /// `parts:` in site.yaml: a list of parts, each with id, title and description.
    private func loadParts(_ node: Node?, _ r: inout YAMLReader) -> [Part] {
        guard let node else { return [] }
        guard case .sequence(let entries) = node else {
            r.error(node, "parts: expected a list of parts, each with id, title and description")
            return []
        }
        var parts: [Part] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a part", allowedKeys: Part.keys, reader: &r) else { continue }
            let id = fields.string("id", required: true, reader: &r)
            let title = fields.string("title", required: true, reader: &r)
            let description = fields.string("description", required: true, reader: &r)
            guard let id, let title, let description else { continue }
            let location = r.location(of: fields.valueNode("id")?.mark)
            guard Slug.isValid(id) else {
                r.error(fields.valueNode("id"), "id: \"\(id)\" is not a valid part id; \(Slug.rule)")
                continue
            }
            if let first = seen[id] {
                r.error(fields.valueNode("id"), "duplicate part id \"\(id)\" (first defined at line \(first))")
                continue
            }
            seen[id] = location.line
            parts.append(Part(id: id, title: title, description: description, location: location))
        }
        return parts
    }

    /// Why a base URL cannot be used, or nil. It is written into every page's links and
    /// the theme's `<link>` and `<script>` tags, so only characters a URL may hold as they
    /// are pass: a quote or `<` would end the attribute and inject markup.
    static func baseURLProblem(_ url: String) -> String? {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&()*+,;=%")
        if let bad = url.first(where: { !allowed.contains($0) }) {
            let name: String
            switch bad {
            case " ": name = "a space"
            case "\"": name = "a double quote (\")"
            case "'": name = "a single quote (')"
            case _ where bad.isWhitespace: name = "white space"
            case _ where bad.unicodeScalars.contains { $0.properties.generalCategory == .control }: name = "a control character"
            case _ where !bad.isASCII: name = "\"\(bad)\" (outside ASCII: percent-encode it)"
            default: name = "\"\(bad)\""
            }
            return "\"\(url)\" contains \(name), which is not allowed in a base URL"
        }
        guard isValidBaseURL(url) else {
            return "\"\(url)\" must be an absolute http(s) URL such as https://example.org/guide/ or a path starting with /"
        }
        return nil
    }

    static func isValidBaseURL(_ url: String) -> Bool {
        if url.hasPrefix("/") { return !url.contains("//") && !url.contains(" ") }
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty else { return false }
        return parts.query == nil && parts.fragment == nil
    }

    // MARK: - skills.yaml

    private func loadSkills(_ diagnostics: inout [Diagnostic]) -> [Skill] {
        guard let (file, root, reader) = readYAMLFile("skills.yaml", required: true, &diagnostics) else { return [] }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root else { return [] }
        guard case .sequence(let entries) = root else {
            r.error(root, "skills.yaml must be a list of skills, each with id, name, category and description")
            return []
        }
        var skills: [Skill] = []
        var seen: [String: SourceLocation] = [:]
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a skill", allowedKeys: Skill.keys, reader: &r) else { continue }
            let id = fields.string("id", required: true, reader: &r)
            let name = fields.string("name", required: true, reader: &r)
            let category = fields.string("category", required: true, reader: &r)
            let description = fields.string("description", required: true, reader: &r)
            guard let id, let name, let category, let description else { continue }
            let location = r.location(of: fields.valueNode("id")?.mark)
            guard Slug.isValid(id) else {
                r.error(fields.valueNode("id"), "id: \"\(id)\" is not a valid skill id; \(Slug.rule)")
                continue
            }
            if let first = seen[id] {
                r.error(fields.valueNode("id"), "duplicate skill id \"\(id)\" (first defined at line \(first.line)); two skills would share the URL /skills/\(id)/")
                continue
            }
            seen[id] = location
            skills.append(Skill(id: id, name: name, category: category, description: description, source: location))
        }
        _ = file
        return skills
    }

    // MARK: - salaries.yaml

    private func loadSalaries(_ diagnostics: inout [Diagnostic]) -> [SalaryFigure] {
        guard let (_, root, reader) = readYAMLFile("salaries.yaml", required: false, &diagnostics) else { return [] }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root else { return [] }
        guard case .sequence(let entries) = root else {
            r.error(root, "salaries.yaml must be a list of salary figures")
            return []
        }
        var figures: [SalaryFigure] = []
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a salary figure", allowedKeys: SalaryFigure.keys, reader: &r) else { continue }
            let role = fields.string("role", required: true, reader: &r)
            let region = fields.string("region", required: true, reader: &r)
            let currency = fields.string("currency", required: true, reader: &r)
            let amount = fields.number("amount", required: true, reader: &r)
            let source = fields.string("source", required: true, reader: &r)
            let level = fields.string("level", reader: &r)
            let statistic = fields.choice("statistic", SalaryFigure.statistics, reader: &r)
            let asOf = fields.string("as_of", reader: &r)
            let sourceURL = fields.string("source_url", reader: &r)
            let note = fields.string("note", reader: &r)
            var valid = true
            if let currency, !(currency.count == 3 && currency.allSatisfy({ $0.isASCII && $0.isUppercase })) {
                r.error(fields.valueNode("currency"), "currency: \"\(currency)\" is not an ISO 4217 code such as USD, EUR or INR")
                valid = false
            }
            if let amount, amount <= 0 || amount > 1e12 || !amount.isFinite {
                r.error(fields.valueNode("amount"), amount <= 0 ? "amount: must be a positive number"
                        : "amount: \(fields.valueNode("amount")?.scalar?.string ?? "\(amount)") is out of range (at most 1000000000000)")
                valid = false
            }
            if let asOf, !Self.isValidAsOf(asOf) {
                r.error(fields.valueNode("as_of"), "as_of: \"\(asOf)\" must be a year (2023) or a month (2023-03)")
                valid = false
            }
            if let sourceURL, !(sourceURL.hasPrefix("https://") || sourceURL.hasPrefix("http://")) {
                r.error(fields.valueNode("source_url"), "source_url: \"\(sourceURL)\" must be an http(s) URL")
                valid = false
            }
            guard valid, let role, let region, let currency, let amount, let source else { continue }
            figures.append(SalaryFigure(role: role, region: region, currency: currency, amount: amount, source: source,
                                        level: level, statistic: statistic, asOf: asOf, sourceURL: sourceURL, note: note,
                                        location: r.location(of: entry.mark)))
        }
        return figures
    }

    static func isValidAsOf(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4, year > 1900 else { return false }
        if parts.count == 1 { return true }
        guard parts.count == 2, parts[1].count == 2, let month = Int(parts[1]) else { return false }
        return (1...12).contains(month)
    }

    /// Reads and composes a YAML data file of the content folder. Returns nil when the file
    /// could not be read (already reported); the root node is nil for an empty file.
    private func readYAMLFile(_ name: String, required: Bool,
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
    private func read(url: URL, displayPath: String, relativePath: String) -> Result<SourceFile, Diagnostic> {
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
