import SitegenModel
import SitegenSupport
import Foundation
import Synchronization

/// What a rebuild may reuse from earlier runs, and nothing else: file stamps and loaded
/// files (load), reading order and related-article lists (resolve), rendered files with their render keys
/// (render), page ids and per-source link results (check links). `Pipeline` runs the
/// stages and asks this cache, at each one, what it can skip. A one-shot build starts
/// with an empty cache, so it takes exactly the same path as a rebuild of `sitegen serve`.
final class BuildCache: @unchecked Sendable {
    let layout: SiteLayout
    let loader: ContentLoader
    let options: BuildOptions

    private var markdown: [String: (stamp: FileStamp, file: ContentLoader.MarkdownFile)] = [:]
    /// The Markdown files of the latest run and which of them are symlinks; nil until a
    /// run has listed the folders (only then can a watcher's report stand in for a look).
    private var markdownListing: (paths: [String], symlinks: Set<String>)?
    /// Problems of the latest listing of `articles/` and `pages/` (missing, unreadable).
    private var listingDiagnostics: [Diagnostic] = []
    /// Site paths of the folders among them that could not be listed.
    private var unlistedSections: [String] = []
    private var dataStamps: [String: FileStamp?] = [:]
    private var data = ContentLoader.DataFiles()
    private var templateStamps: [String: FileStamp] = [:]
    private(set) var templates: (set: TemplateSet?, diagnostics: [Diagnostic]) = (nil, [])
    /// What the theme adds to Markdown rendering, from the latest look at `templates/`.
    private var markdownTheme = MarkdownTheme()
    /// Stamps of the static images, by output path (see `refreshImageStamps`).
    private var imageStamps: [String: FileStamp] = [:]
    /// The reading order and related-article lists of the latest resolve, with what says
    /// whether they still hold.
    var resolved = SiteResolver.Reuse()
    /// The files of the latest run that rendered, in plan order, with their render keys.
    var output = RenderedOutput()
    /// Ids of pages that links point into, by render key; `version` grows when they change.
    var fragmentIDs: [String: (key: Int, ids: Set<String>, version: Int)] = [:]
    let idLock = NSLock()
    /// The ids a streamed render kept (see `renderStreaming`); nil after an ordinary render.
    var streamedIDs: [String: Set<String>]?
    /// The link results of the latest check, in the order of its sources, with their paths
    /// (see `checkLinks`).
    var linkResults: (paths: [String], results: [LinkResult]) = ([], [])
    let searchCache = SearchIndex.Cache()
    let cardCache = ArticleMemo<Int>()
    /// Last-commit days, read once per cache: `serve` reads them when it starts, not on
    /// every save (a commit during a preview shows at the next start).
    private var gitDatesRead: GitDates.Outcome?

    func gitDates() -> GitDates.Outcome {
        if let gitDatesRead { return gitDatesRead }
        let outcome = GitDates.read(contentFolder: layout.contentURL)
        gitDatesRead = outcome
        return outcome
    }
    /// The site key of the latest run that succeeded (see `siteKey`).
    private var lastSiteKey: Int?

    init(layout: SiteLayout, loader: ContentLoader, options: BuildOptions) {
        self.layout = layout
        self.loader = loader
        self.options = options
    }

    /// The content folder is gone: nothing loaded can be reused.
    func forgetContent() {
        markdown.removeAll()
        markdownListing = nil
    }

    // MARK: - Load

    /// Loads the data files, templates and Markdown files whose stamps changed since the
    /// last run. `changes`, from a `FileWatcher`, narrows down which files to look at.
    /// Returns the content and whether the templates changed.
    func loadChanged(_ changes: FileChanges?) -> (content: LoadedContent, templatesChanged: Bool) {
        let changedSources = markdownListing == nil ? nil
            : ChangedSources(changes, contentRoot: layout.contentURL.path, templatesRoot: layout.templatesURL.path)
        let dataChanged = changedSources?.dataFiles == false ? false : refreshDataFiles()
        let themeBefore = markdownTheme
        let templatesChanged = changedSources?.templates == false ? false : refreshTemplates()
        // Listed once per run: image stamps and the assembled content both need it.
        let staticFiles = layout.staticFiles()
        let imagesChanged = refreshImageStamps(staticFiles.files)
        let content = refreshMarkdown(reloadAll: dataChanged || markdownTheme != themeBefore || imagesChanged, changed: changedSources,
                                      staticFiles: staticFiles)
        return (content, templatesChanged)
    }

    /// Markdown HTML holds the width and height of the local images it shows: when an
    /// image changes, every Markdown file is rendered again (which file shows which image
    /// is not tracked; images change rarely).
    private func refreshImageStamps(_ staticFiles: [StaticFile]) -> Bool {
        var stamps: [String: FileStamp] = [:]
        for file in staticFiles where ImageHeader.isImage(file.outputPath) {
            stamps[file.outputPath] = FileStamp(path: file.sourceURLPath)
        }
        defer { imageStamps = stamps }
        return stamps != imageStamps
    }

    // MARK: - Render

    /// Paths of the latest good run's files, in plan order.
    var outputPaths: [String] { output.paths }

    /// Renders the planned files whose render key changed since the last run and reuses
    /// the rest. `samePaths`: the plan has exactly the paths of the last run, in order.
    /// Returns how many were rendered and which paths changed.
    func render(_ plan: [Renderer.PlannedFile], samePaths: Bool, progress: ((String) -> Void)?) -> (renderedCount: Int, changed: Set<String>) {
        streamedIDs = nil
        let previous = output
        let previousPositions: [Int?] = samePaths ? Array(plan.indices) : plan.map { previous.lookup.index[$0.path] }
        let stale = plan.indices.filter { index in
            previousPositions[index].map { previous.keys[$0] } != plan[index].key
        }
        if !stale.isEmpty { progress?("Rendering \(stale.count) file\(stale.count == 1 ? "" : "s")…") }
        // Largest first: a page listing every article started last would run alone at the end.
        let order = stale.indices.sorted { plan[stale[$0]].cost > plan[stale[$1]].cost }
        var fresh = [OutputFile.Contents](repeating: .copy(from: ""), count: stale.count)
        for (position, contents) in zip(order, ParallelMap.map(order) { plan[stale[$0]].make() }) {
            fresh[position] = contents
        }
        var files = samePaths ? previous.lookup.files
            : plan.indices.map { previousPositions[$0].map { previous.lookup.files[$0] } ?? OutputFile(path: plan[$0].path, contents: .copy(from: ""), origin: "") }
        var changed = Set<String>()
        for (index, contents) in zip(stale, fresh) {
            if previousPositions[index].map({ previous.lookup.files[$0].contents }) != contents { changed.insert(plan[index].path) }
            files[index] = OutputFile(path: plan[index].path, contents: contents, origin: plan[index].origin)
        }
        if samePaths {
            output.lookup = OutputLookup(files, index: previous.lookup.index)
        } else {
            output.lookup = OutputLookup(files)
            output.paths = plan.map(\.path)
            output.pathsVersion += 1
            for path in previous.paths where output.lookup.index[path] == nil { changed.insert(path) }
        }
        output.keys = plan.map(\.key)
        return (stale.count, changed)
    }

    /// Renders every planned file and hands each to `deliver` as soon as it is made, keeping
    /// none: a one-shot build (`Builder.build`) writes them straight into its staging folder,
    /// so its memory does not grow with the site. Only the ids of `keepIDsOf` (the pages
    /// links point into by fragment) are kept, for the link check. Nothing rendered this
    /// way can be reused: the next run renders everything again.
    func renderStreaming(_ plan: [Renderer.PlannedFile], keepIDsOf targets: Set<String>, progress: ((String) -> Void)?,
                         deliver: @Sendable (OutputFile, Int) -> Void) {
        progress?("Rendering and writing \(plan.count) file\(plan.count == 1 ? "" : "s")…")
        fragmentIDs = [:]
        linkResults = ([], [])
        let ids = Mutex<[String: Set<String>]>([:])
        // Largest first: a page listing every article started last would run alone at the end.
        let order = plan.indices.sorted { plan[$0].cost > plan[$1].cost }
        _ = ParallelMap.map(order) { index in
            let file = OutputFile(path: plan[index].path, contents: plan[index].make(), origin: plan[index].origin)
            if targets.contains(file.path), let html = file.text {
                let found = HTMLScanner.ids(in: html)
                ids.withLock { $0[file.path] = found }
            }
            deliver(file, index)
        }
        streamedIDs = ids.withLock { $0 }
        output = RenderedOutput()
        output.lookup = OutputLookup(plan.map { OutputFile(path: $0.path, contents: .copy(from: ""), origin: $0.origin) })
        output.paths = plan.map(\.path)
        output.keys = [Int](repeating: 0, count: plan.count)  // matches no render key: nothing is reused
        output.pathsVersion += 1
    }

    /// The files of the latest render (after a streamed render, their paths alone).
    var renderedFiles: OutputLookup { output.lookup }

    /// The run succeeded with this site key: pages rendered with it may be reused.
    func keep(siteKey: Int) { lastSiteKey = siteKey }

    /// Search-index entries hold while nothing every page shows has changed.
    func startRun(siteKey: Int) {
        if siteKey != lastSiteKey { searchCache.removeAll() }
    }

    // MARK: - Loading what changed

    /// Reloads site.yaml, skills.yaml and salaries.yaml if any of them changed.
    private func refreshDataFiles() -> Bool {
        var stamps: [String: FileStamp?] = [:]
        for name in ["site.yaml", "skills.yaml", "salaries.yaml"] {
            stamps[name] = FileStamp(path: layout.contentURL.appendingPathComponent(name).path)
        }
        guard stamps != dataStamps || data.config == nil && data.diagnostics.isEmpty else { return false }
        let before = (data.config?.basePath, data.config?.allowRawHTML, data.config?.highlightCode)
        dataStamps = stamps
        data = loader.loadDataFiles()
        // Markdown HTML depends on the base path, the raw-HTML and the highlighting settings only.
        return before.0 != data.config?.basePath || before.1 != data.config?.allowRawHTML || before.2 != data.config?.highlightCode
    }

    private func refreshTemplates() -> Bool {
        var stamps: [String: FileStamp] = [:]
        for path in layout.files(below: layout.templatesURL) {
            stamps[path] = FileStamp(path: layout.templatesURL.appendingPathComponent(path).path)
        }
        guard stamps != templateStamps || templates.set == nil && templates.diagnostics.isEmpty else { return false }
        templateStamps = stamps
        templates = TemplateSet.load(layout: layout)
        // Markdown HTML depends on which block templates exist and on the theme's
        // language definitions (their stamps stand for their contents).
        var theme = MarkdownTheme()
        var languages = Hasher()
        var hasLanguages = false
        for (path, stamp) in stamps.sorted(by: { $0.key < $1.key }) {
            if path.hasPrefix("blocks/"), path.hasSuffix(".mustache") {
                theme.blockNames.insert(String(path.dropFirst("blocks/".count).dropLast(".mustache".count)))
            } else if path.hasPrefix("languages/") {
                hasLanguages = true
                languages.combine(path)
                languages.combine(stamp)
            }
        }
        theme.highlighter = CodeHighlighter(languagesFolder: hasLanguages ? layout.templatesURL.appendingPathComponent("languages").path : nil,
                                            version: UInt(bitPattern: languages.finalize()))
        markdownTheme = theme
        return true
    }

    /// The Markdown files now, and which of them to stat (nil: all). With a watcher's
    /// report, the previous listing is updated with the paths it names; symlinks are
    /// always looked at, since their targets may live in folders that are not watched.
    private func markdownFilesToLookAt(_ changed: ChangedSources?) -> (paths: [String], lookAt: Set<String>?) {
        let root = layout.contentURL.path + "/"
        guard let changed, !changed.markdownFolders, var listing = markdownListing else {
            let articles = layout.markdownListing(in: "articles"), pages = layout.markdownListing(in: "pages")
            let listing = (paths: articles.paths + pages.paths, symlinks: articles.symlinks.union(pages.symlinks))
            listingDiagnostics = articles.diagnostics + pages.diagnostics
            unlistedSections = (articles.diagnostics.hasErrors ? ["/articles/"] : []) + (pages.diagnostics.hasErrors ? ["/pages/"] : [])
            // A listing with problems is not kept: the next run lists the folders again,
            // so fixing one is seen even when no watcher event names it.
            markdownListing = listingDiagnostics.isEmpty ? listing : nil
            return (listing.paths, nil)
        }
        let touched = changed.content.filter { path in
            let parts = path.split(separator: "/")
            return parts.count == 2 && (parts[0] == "articles" || parts[0] == "pages") && SiteLayout.isMarkdownName(parts[1])
        }
        var added = Set<String>(), removed = Set<String>()
        for path in touched {
            var info = stat()
            let exists = lstat(root + path, &info) == 0
            if exists && info.st_mode & S_IFMT == S_IFLNK { listing.symlinks.insert(path) } else { listing.symlinks.remove(path) }
            // `markdown` holds every file of the latest run.
            if exists && markdown[path] == nil { added.insert(path) }
            if !exists && markdown[path] != nil { removed.insert(path) }
        }
        if !added.isEmpty || !removed.isEmpty {
            // The same order as a fresh listing: articles, then pages, each sorted.
            listing.paths = Set(listing.paths).subtracting(removed).union(added)
                .sorted { ($0.hasPrefix("pages/") ? 1 : 0, $0) < ($1.hasPrefix("pages/") ? 1 : 0, $1) }
        }
        markdownListing = listing
        return (listing.paths, touched.union(listing.symlinks))
    }

    private func refreshMarkdown(reloadAll: Bool, changed: ChangedSources?,
                                 staticFiles: (files: [StaticFile], diagnostics: [Diagnostic])) -> LoadedContent {
        let (paths, lookAt) = markdownFilesToLookAt(changed)
        // One dictionary look per file: on a large site, every extra pass over ten
        // thousand string keys is a millisecond or more of each serve rebuild.
        var entries = paths.map { markdown[$0] }
        let unstamped = paths.indices.filter { lookAt?.contains(paths[$0]) ?? true || entries[$0] == nil }
        // Plain string paths: building a URL per file cost more than the stat itself.
        let root = layout.contentURL.path + "/"
        // Every path is `folder/name` (see `markdownFilesToLookAt`).
        let parts = paths.map { $0.splitOnce(atASCII: UInt8(ascii: "/")) }
        var folders: [Substring: Int32] = [:]
        for index in unstamped {
            guard let folder = parts[index]?.before else { continue }
            if folders[folder] == nil { folders[folder] = open(root + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        }
        defer { for fd in folders.values where fd >= 0 { close(fd) } }
        let stamps = ParallelMap.map(unstamped) { [folders] index -> FileStamp? in
            guard let (folder, name) = parts[index], let fd = folders[folder], fd >= 0 else { return FileStamp(path: root + paths[index]) }
            return FileStamp(directory: fd, name: String(name))
        }
        // Files the watcher did not name keep the stamp they had; a file that cannot be
        // stat-ed any more is gone.
        var stale: [(index: Int, stamp: FileStamp)] = []
        var gone = Set<Int>()
        for (index, stamp) in zip(unstamped, stamps) {
            guard let stamp else { gone.insert(index); continue }
            if entries[index]?.stamp != stamp { stale.append((index, stamp)) }
        }
        if reloadAll {
            let newStamps = Dictionary(stale.map { ($0.index, $0.stamp) }, uniquingKeysWith: { a, _ in a })
            stale = paths.indices.compactMap { index in
                guard !gone.contains(index), let stamp = newStamps[index] ?? entries[index]?.stamp else { return nil }
                return (index, stamp)
            }
        }
        let config = data.config, theme = markdownTheme
        let loaded = ParallelMap.map(stale) { [loader] in loader.loadMarkdown(paths[$0.index], config: config, theme: theme) }
        for ((index, stamp), file) in zip(stale, loaded) {
            entries[index] = (stamp, file)
            markdown[paths[index]] = (stamp, file)
        }
        for index in gone {
            entries[index] = nil
            markdown[paths[index]] = nil
        }
        // `markdown` should hold the current files alone; more entries mean some are gone.
        let currentCount = paths.count - gone.count
        if markdown.count > currentCount {
            let live = Set(paths)
            for path in markdown.keys where !live.contains(path) { markdown[path] = nil }
        }
        var content = loader.assemble(data: data, markdown: entries.compactMap { $0?.file }, staticFiles: staticFiles)
        content.diagnostics += listingDiagnostics
        content.unloadedSections.formUnion(unlistedSections)
        return content
    }

    /// Everything every page shows: config, theme, skills, salaries, pages (navigation),
    /// static files. When it changes, every page is rendered again.
    func siteKey(_ site: Site, templatesChanged: Bool) -> Int {
        var hasher = Hasher()
        for (name, stamp) in dataStamps.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(stamp)
        }
        for (path, stamp) in templateStamps.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(stamp)
        }
        for page in site.pages {
            hasher.combine(page.slug)
            hasher.combine(page.title)
        }
        for file in site.staticFiles {
            hasher.combine(file.outputPath)
            hasher.combine(FileStamp(path: file.sourceURLPath))
        }
        hasher.combine(site.articles.count)
        hasher.combine(options.baseURL)
        hasher.combine(options.includeDrafts)
        hasher.combine(options.includeFuture)
        return hasher.finalize()
    }

    /// Slugs of articles marked `draft: true` (loaded but left out), for link hints.
    func draftArticleSlugs() -> [String] {
        markdown.values.compactMap {
            if case .article(let article)? = $0.file.document, article.draft { return article.slug }
            return nil
        }
    }
}
