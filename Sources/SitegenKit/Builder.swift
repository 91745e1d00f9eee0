import Foundation

/// What `sitegen build` is asked to do.
public struct BuildOptions: Sendable {
    public var source: String
    public var output: String?
    public var baseURL: String?
    public var includeDrafts: Bool
    public var force: Bool

    public init(source: String = ".", output: String? = nil, baseURL: String? = nil,
                includeDrafts: Bool = false, force: Bool = false) {
        self.source = source
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.force = force
    }
}

/// The outcome of a successful build.
public struct BuildReport: Sendable {
    public var pageCount: Int
    public var fileCount: Int
    public var seconds: Double
    public var outputPath: String
    /// Warnings: the build succeeded, but these deserve a look.
    public var warnings: [Diagnostic]

    public var summary: String {
        String(format: "Built %d pages (%d files) in %.2f s into %@", pageCount, fileCount, seconds, outputPath)
    }
}

/// Runs the four stages: load, resolve, render, write. Any error stops the build before
/// the write stage, so the previous output stays as it was.
public struct Builder {
    public static let version = "0.1.0"
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    var layout: SiteLayout { SiteLayout(source: options.source, output: options.output) }

    /// Loads, resolves and renders the site without writing anything.
    public func renderSite() -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let layout = self.layout
        var diagnostics: [Diagnostic] = []
        if let problem = OutputWriter(layout: layout, force: options.force).checkOutputFolder() {
            diagnostics.append(problem)
        }
        let loader = ContentLoader(layout: layout, baseURLOverride: options.baseURL, includeDrafts: options.includeDrafts)
        let content = loader.load()
        let (templates, templateDiagnostics) = layout.isDirectory(layout.contentURL)
            ? TemplateSet.load(layout: layout) : (nil, [])
        let (site, siteDiagnostics) = Site.resolve(content)
        diagnostics += templateDiagnostics + siteDiagnostics
        for article in site?.articles ?? [] {
            for line in article.body.omittedRawHTMLLines.prefix(1) {
                diagnostics.append(Diagnostic(.warning, SourceLocation(path: article.source.path, line: line),
                                              "raw HTML is left out of the page; set allow_raw_html: true in content/site.yaml to keep it"))
            }
        }
        guard let site, let templates else { return ([], diagnostics) }

        let renderer = Renderer(site: site, templates: templates, generator: "sitegen \(Self.version)")
        let plan = renderer.plan()
        var planned: [String: Renderer.PlannedFile] = [:]
        for file in plan {
            if let existing = planned[file.path] {
                diagnostics.append(.error(SourceLocation(path: file.origin),
                                          "two files for the same URL /\(file.path): this one and \(existing.origin)"))
                continue
            }
            planned[file.path] = file
        }
        let draftSlugs = options.includeDrafts ? [] : Set(drafts(in: layout))
        if diagnostics.hasErrors {
            // Nothing is rendered, but links to pages that will not exist are still
            // worth reporting in this run; fragments need the rendered pages.
            var placeholders = planned.mapValues { OutputFile(path: $0.path, contents: .copy(from: ""), origin: $0.origin) }
            for path in site.unloadedOutputPaths {
                placeholders[path] = OutputFile(path: path, contents: .copy(from: ""), origin: path)
            }
            diagnostics += LinkChecker(site: site, files: placeholders, draftSlugs: draftSlugs).check()
            return ([], diagnostics)
        }
        let files = renderer.render()
        for name in templates.catalog.unknownReferences {
            diagnostics.append(.error(SourceLocation(path: layout.display(layout.templatesURL)),
                                      "a template asks for asset \"\(name)\", which is not in templates/\(Suggestion.didYouMean(name, in: templates.catalog.outputPaths.keys))"))
        }
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        diagnostics += LinkChecker(site: site, files: byPath, draftSlugs: draftSlugs).check()
        return (files, diagnostics)
    }

    /// Builds the site into the output folder. Throws `BuildFailure` with every error found.
    public func build() throws(BuildFailure) -> BuildReport {
        let start = Date()
        let (files, diagnostics) = renderSite()
        if diagnostics.hasErrors { throw BuildFailure(diagnostics) }
        do {
            try OutputWriter(layout: layout, force: options.force).write(files)
        } catch {
            throw BuildFailure(diagnostics + [error])
        }
        return BuildReport(pageCount: files.filter { $0.path.hasSuffix(".html") }.count, fileCount: files.count,
                           seconds: Date().timeIntervalSince(start), outputPath: layout.display(layout.outputURL),
                           warnings: diagnostics.sorted { $0.location < $1.location })
    }

    /// Slugs of articles marked `draft: true`, read cheaply for link hints.
    private func drafts(in layout: SiteLayout) -> [String] {
        layout.markdownFiles(in: "articles").compactMap { path in
            guard let text = try? String(contentsOf: layout.contentURL.appendingPathComponent(path), encoding: .utf8),
                  case .success(let frontMatter) = FrontMatter.split(text),
                  frontMatter.yaml.split(separator: "\n").contains(where: { $0.replacingOccurrences(of: " ", with: "") == "draft:true" })
            else { return nil }
            return String(path.split(separator: "/").last!.dropLast(3))
        }
    }
}
