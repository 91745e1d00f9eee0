import SitegenModel
import SitegenSupport
import Foundation
import Mustache

/// The theme: Mustache templates and the asset files beside them, from `templates/`.
struct TemplateSet: Sendable {
    /// The templates sitegen renders pages with; each must exist.
    static let pageTemplates = PageKind.allCases.map(\.template)

    /// `templates/blocks/<name>.mustache` renders fenced blocks named `<name>`.
    static let blocksFolder = "blocks/"
    /// `templates/languages/<name>.lang`: the theme's own highlighting definitions.
    static let languagesFolder = "languages/"

    let library: MustacheLibrary
    /// Non-template files (CSS, JS, images), relative to `templates/`, copied to the output
    /// root; CSS and JS under content-hashed names.
    let assets: [StaticFile]
    let catalog: AssetCatalog

    /// Loads every `*.mustache` file, reporting all parse errors, missing page templates,
    /// partials or parents that name no template, and names no view has (`TemplateChecker`),
    /// each at its file, line and column.
    static func load(layout: SiteLayout) -> (TemplateSet?, [Diagnostic]) {
        let folder = layout.templatesURL
        guard layout.isDirectory(folder) else {
            return (nil, [.error(SourceLocation(path: layout.display(folder)),
                                 "templates folder not found; it must hold \(pageTemplates.map { $0 + ".mustache" }.joined(separator: ", "))")])
        }
        var diagnostics: [Diagnostic] = []
        HTMLEscaping.registerOnce
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: SourceFile] = [:]
        for path in layout.files(below: folder) where path.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(path)
            let display = layout.display(url)
            let file: SourceFile
            switch SourceFile.read(url: url, displayPath: display, relativePath: path, layout: layout) {
            case .failure(let diagnostic): diagnostics.append(diagnostic); continue
            case .success(let read): file = read
            }
            let name = String(path.dropLast(".mustache".count))
            sources[name] = file
            do {
                templates[name] = try MustacheTemplate(string: HTMLEscaping.pragma + file.text)
            } catch let error as MustacheTemplate.ParserError {
                // Line 1 carries the pragma sitegen added; authors count columns without it.
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - HTMLEscaping.pragma.count) : error.context.columnNumber
                diagnostics.append(.error(file.location(line: line, column: column),
                                          "template syntax: \(describe(parserError: error.error))"))
            } catch {
                diagnostics.append(.error(file.startLocation, "template syntax: \(error)"))
            }
        }
        for name in pageTemplates where sources[name] == nil {
            diagnostics.append(.error(SourceLocation(path: layout.display(folder.appendingPathComponent(name + ".mustache"))),
                                      "missing template \"\(name)\": sitegen renders \(pageDescription(name)) with it"))
        }
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: file.text) where sources[reference.name] == nil {
                diagnostics.append(.error(file.location(line: reference.line, column: reference.column),
                                          "template \"\(name)\" uses missing partial \"\(reference.name)\"\(Suggestion.didYouMean(reference.name, in: sources.keys)); expected templates/\(reference.name).mustache"))
            }
        }
        // Templates with syntax errors are left out: their errors are reported already.
        let trees = templates.keys.reduce(into: [:]) { trees, name in trees[name] = sources[name].map { TemplateScanner.tree(of: $0.text) } }
        // Block templates get a fenced block, not a page.
        let blockRoots = sources.keys.filter { $0.hasPrefix(blocksFolder) }.sorted().map { ($0, BlockView.schema) }
        diagnostics += TemplateChecker(trees: trees).check(files: sources, roots: TemplateChecker.pageRoots + blockRoots)
        // Returned even with errors: its asset list still tells the link checker which
        // files the site will have. The builder renders nothing when there are errors.
        var (assetFiles, assetProblems) = layout.copiedFiles(below: folder, excludingExtension: "mustache")
        // Language definitions are read by the highlighter, not published.
        assetFiles.removeAll { $0.outputPath.hasPrefix(languagesFolder) }
        diagnostics += assetProblems
        let catalog = AssetCatalog(assets: assetFiles)
        let assets = assetFiles.map { asset in
            var hashed = asset
            hashed.outputPath = catalog.outputPaths[asset.outputPath] ?? asset.outputPath
            return hashed
        }
        return (TemplateSet(library: MustacheLibrary(templates: templates), assets: assets, catalog: catalog), diagnostics)
    }

    func render(_ context: Any, template: String) -> String {
        // Every page template was checked to exist when the set was loaded.
        library.render(context, withTemplate: template) ?? ""
    }

    /// `{{> name}}` and `{{< name}}` tags, with their 1-based positions (dynamic `{{>*name}}`
    /// partials are left out: they name a value, not a template).
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        TemplateScanner.tags(in: text)
            .filter { ($0.kind == .partial || $0.kind == .parent) && !$0.name.isEmpty && !$0.name.hasPrefix("*") }
            .map { ($0.name, $0.line, $0.column) }
    }

    private static func pageDescription(_ name: String) -> String {
        switch name {
        case "home": return "the home page"
        case "articles": return "the list of articles"
        case "article": return "each article"
        case "skills": return "the skills index"
        case "skill": return "each skill's page"
        case "salaries": return "the salary tables"
        case "page": return "each page of content/pages/"
        case "search": return "the search page"
        default: return "the \(name) page"
        }
    }

    private static func describe(parserError: Error) -> String {
        switch parserError as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing tag {{/...}} does not match the section it closes"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section {{#...}} or {{^...}} is never closed"
        case .invalidSetDelimiter?: return "malformed set-delimiter tag"
        default: return "\(parserError)"
        }
    }
}

/// HTML escaping for `{{value}}` (`XML.escape`: the same output as swift-mustache's own
/// escaper, but byte-level; the library's per-Character version was a fifth of render
/// time on large sites). Templates select it through a pragma that `TemplateSet` adds.
struct HTMLEscaping: MustacheContentType {
    static let name = "SITEGEN_HTML"
    static let pragma = "{{%CONTENT_TYPE:\(name)}}"
    static let registerOnce: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String { XML.escape(text) }
}
