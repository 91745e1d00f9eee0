import SitegenModel
import SitegenSupport
import Foundation

/// What a file looked like on disk last time: if all of this is equal, it did not change.
public struct FileStamp: Hashable, Sendable {
    var modified: Int
    var modifiedNanoseconds: Int
    var size: Int
    var inode: UInt64

    public init?(path: String) {
        self.init(directory: AT_FDCWD, name: path)
    }

    /// The stamp of `name` inside an open folder: stat-ing thousands of files by their
    /// name in one folder skips walking the folder's path for each.
    init?(directory: Int32, name: String) {
        var info = stat()
        // A broken or looping symlink still has a stamp of its own, so it is loaded (and
        // reported) rather than silently skipped.
        guard fstatat(directory, name, &info, 0) == 0 || fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        modified = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
    }
}

/// Builds a site again and again, redoing only what changed: files are loaded again only
/// when their stamp changed, and a page is rendered again only when the render key of
/// what it shows changed (see `Renderer.PlannedFile.key`). A one-shot build is the first
/// rebuild of a fresh instance, so both take the same path.
public final class IncrementalBuilder: @unchecked Sendable {
    public struct Outcome: Sendable {
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Files rendered in this run; the rest were reused from the previous run.
        public var renderedCount: Int
        /// Output paths whose contents differ from the previous successful run.
        public var changedPaths: Set<String>
        /// Seconds spent in each stage, in order (for `--verbose` and the benchmark).
        public var timings: [StageTiming] = []
    }

    public let options: BuildOptions
    /// Told what a long run is doing, stage by stage ("Rendering 10,066 pages…"), for the
    /// status line `sitegen build` shows on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    let layout: SiteLayout
    let loader: ContentLoader

    private var markdown: [String: (stamp: FileStamp, file: ContentLoader.MarkdownFile)] = [:]
    /// The Markdown files of the latest run and which of them are symlinks; nil until a
    /// run has listed the folders (only then can a watcher's report stand in for a look).
    private var markdownListing: (paths: [String], symlinks: Set<String>)?
    private var dataStamps: [String: FileStamp?] = [:]
    private var data = ContentLoader.DataFiles()
    private var templateStamps: [String: FileStamp] = [:]
    private var templates: (set: TemplateSet?, diagnostics: [Diagnostic]) = (nil, [])
    private var related: SiteResolver.RelatedLists?
    /// The files of the latest run that rendered, in plan order, with their render keys.
    private var output = RenderedOutput()
    /// Ids of pages that links point into, by render key; `version` grows when they change.
    private var fragmentIDs: [String: (key: Int, ids: Set<String>, version: Int)] = [:]
    private let idLock = NSLock()
    /// Link results per source, valid while its text, the set of pages and the ids of the
    /// pages it links into are unchanged.
    private var linkResults: [String: (contentHash: Int, pathsKey: Int, targets: [(path: String, key: Int, version: Int)],
                                       result: LinkChecker.SourceResult)] = [:]
    private let searchCache = SearchIndex.Cache()
    private var lastSiteKey: Int?
    /// The site of the latest run that got as far as resolving (for lints).
    private(set) var lastSite: Site?

    public init(options: BuildOptions) {
        self.options = options
        layout = SiteLayout(source: options.source, output: options.output)
        loader = ContentLoader(layout: layout, baseURLOverride: options.baseURL, includeDrafts: options.includeDrafts)
    }

    /// The folders whose changes matter, for a `FileWatcher`.
    public var watchedFolders: [String] { [layout.contentURL.path, layout.templatesURL.path] }

    /// Loads what changed, renders what depends on it, and checks links. `changes`, from a
    /// `FileWatcher` on `watchedFolders`, says which files to look at; without it (or when
    /// it is `.unknown`) every source file's stamp is looked at.
    public func rebuild(checkOutputFolder: Bool = true, changes: FileChanges? = nil) -> Outcome {
        var clock = StageClock()
        var outcome = rebuildStages(checkOutputFolder: checkOutputFolder, changes: changes, clock: &clock)
        outcome.timings = clock.stages
        return outcome
    }

    private func rebuildStages(checkOutputFolder: Bool, changes: FileChanges?, clock: inout StageClock) -> Outcome {
        var diagnostics: [Diagnostic] = []
        if checkOutputFolder, let problem = OutputWriter(layout: layout, force: options.force).checkOutputFolder() {
            diagnostics.append(problem)
        }
        guard layout.isDirectory(layout.contentURL) else {
            markdown.removeAll()
            markdownListing = nil
            return Outcome(files: [], diagnostics: diagnostics + ContentLoader.missingContentFolder(layout).diagnostics,
                           renderedCount: 0, changedPaths: [])
        }

        progress?("Loading content…")
        // 1. Load: data files, templates and Markdown files whose stamps changed.
        let changedSources = markdownListing == nil ? nil
            : ChangedSources(changes, contentRoot: layout.contentURL.path, templatesRoot: layout.templatesURL.path)
        let dataChanged = changedSources?.dataFiles == false ? false : refreshDataFiles()
        let templatesChanged = changedSources?.templates == false ? false : refreshTemplates()
        let content = refreshMarkdown(reloadAll: dataChanged, changed: changedSources)
        diagnostics += templates.diagnostics
        clock.mark("load")

        // 2. Resolve.
        let (resolved, relatedLists, siteDiagnostics) = SiteResolver.resolve(content, previousRelated: related)
        diagnostics += siteDiagnostics
        for article in resolved?.articles ?? [] {
            if let line = article.body.omittedRawHTMLLines.first {
                diagnostics.append(Diagnostic(.warning, SourceLocation(path: article.source.path, line: line),
                                              "raw HTML is left out of the page; set allow_raw_html: true in content/site.yaml to keep it"))
            }
        }
        guard let site = resolved, let templateSet = templates.set else {
            return Outcome(files: [], diagnostics: diagnostics, renderedCount: 0, changedPaths: [])
        }
        lastSite = site
        related = relatedLists

        // 3. Plan, then check that no two files share a URL.
        let siteKey = siteKey(site, templatesChanged: templatesChanged)
        if siteKey != lastSiteKey { searchCache.removeAll() }
        let renderer = Renderer(site: site, templates: templateSet, generator: "sitegen \(Builder.version)",
                                siteKey: siteKey, searchCache: searchCache)
        let plan = renderer.plan()
        // Most rebuilds make the same files as the last one: then positions in the plan
        // stand for paths, and no dictionary of ten thousand paths is built or searched.
        let samePaths = plan.count == output.paths.count && zip(plan, output.paths).allSatisfy { $0.path == $1 }
        var planned: [String: Renderer.PlannedFile] = [:]
        if !samePaths {
            for file in plan {
                if let existing = planned[file.path] {
                    diagnostics.append(.error(SourceLocation(path: file.origin),
                                              "two files for the same URL /\(file.path): this one and \(existing.origin)"))
                    continue
                }
                planned[file.path] = file
            }
        }
        let draftSlugs = options.includeDrafts ? [] : Set(draftArticleSlugs())
        if diagnostics.hasErrors {
            // Nothing is rendered, but links to pages that will not exist are still
            // worth reporting in this run; fragments need the rendered pages.
            var placeholders = plan.map { OutputFile(path: $0.path, contents: .copy(from: ""), origin: $0.origin) }
            placeholders += site.unloadedOutputPaths.map { OutputFile(path: $0, contents: .copy(from: ""), origin: $0) }
            diagnostics += LinkChecker(site: site, files: OutputLookup(placeholders), draftSlugs: draftSlugs).check()
            return Outcome(files: [], diagnostics: diagnostics, renderedCount: 0, changedPaths: [])
        }
        clock.mark("resolve")

        // 4. Render what changed; reuse the rest.
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
        for name in templateSet.catalog.unknownReferences {
            diagnostics.append(.error(SourceLocation(path: layout.display(layout.templatesURL)),
                                      "a template asks for asset \"\(name)\", which is not in templates/\(Suggestion.didYouMean(name, in: templateSet.catalog.outputPaths.keys))"))
        }
        clock.mark("render")

        progress?("Checking links…")
        // 5. Check every author-written link against the rendered site.
        var checker = LinkChecker(site: site, files: output.lookup, draftSlugs: draftSlugs)
        let rendered = output
        checker.ids = { [self] path, html in currentIDs(path, key: rendered.key(of: path), html: html).ids }
        diagnostics += checkLinks(checker, rendered: rendered, draftSlugs: draftSlugs)
        clock.mark("check links")
        if diagnostics.hasErrors {
            // Keep nothing from a failed run, so the next run compares with the last good one.
            return Outcome(files: [], diagnostics: diagnostics, renderedCount: stale.count, changedPaths: [])
        }
        lastSiteKey = siteKey
        return Outcome(files: output.lookup.files, diagnostics: diagnostics, renderedCount: stale.count, changedPaths: changed)
    }

    // MARK: - Links

    /// The ids of a rendered page, scanned again only when its render key changed.
    private func currentIDs(_ path: String, key: Int, html: String) -> (ids: Set<String>, version: Int) {
        if let known = idLock.withLock({ fragmentIDs[path] }), known.key == key { return (known.ids, known.version) }
        let ids = HTMLScanner.ids(in: html)
        return idLock.withLock {
            let previous = fragmentIDs[path]
            let version = previous.map { $0.ids == ids ? $0.version : $0.version + 1 } ?? 0
            fragmentIDs[path] = (key, ids, version)
            return (ids, version)
        }
    }

    /// Checks links again only for sources whose result may have changed: their own text
    /// changed, a page was added or removed, or a page they link into by fragment changed
    /// its ids. Gives exactly what checking everything would.
    private func checkLinks(_ checker: LinkChecker, rendered: RenderedOutput, draftSlugs: Set<String>) -> [Diagnostic] {
        let pathsKey = Hashing.combine(rendered.pathsVersion, draftSlugs.hashValue)
        func version(_ path: String) -> Int? {
            guard let html = rendered.lookup[path]?.text else { return nil }
            return currentIDs(path, key: rendered.key(of: path), html: html).version
        }
        let sources = checker.sources
        let stale = sources.filter { source in
            guard let cached = linkResults[source.path], cached.contentHash == source.contentHash,
                  cached.pathsKey == pathsKey else { return true }
            // A target rendered from the same key has the same ids: only a changed key
            // costs a look at the ids.
            return cached.targets.contains { rendered.key(of: $0.path) != $0.key && version($0.path) != $0.version }
        }
        let fresh = ParallelMap.map(stale) { checker.check($0) }
        for (source, result) in zip(stale, fresh) {
            linkResults[source.path] = (source.contentHash, pathsKey,
                                        result.fragmentTargets.map { ($0, rendered.key(of: $0), version($0) ?? -1) }, result)
        }
        if linkResults.count > sources.count {
            let live = Set(sources.map(\.path))
            for path in linkResults.keys where !live.contains(path) { linkResults[path] = nil }
        }
        return sources.flatMap { linkResults[$0.path]!.result.diagnostics }
    }

    // MARK: - Loading what changed

    /// Reloads site.yaml, skills.yaml and salaries.yaml if any of them changed.
    private func refreshDataFiles() -> Bool {
        var stamps: [String: FileStamp?] = [:]
        for name in ["site.yaml", "skills.yaml", "salaries.yaml"] {
            stamps[name] = FileStamp(path: layout.contentURL.appendingPathComponent(name).path)
        }
        guard stamps != dataStamps || data.config == nil && data.diagnostics.isEmpty else { return false }
        let before = (data.config?.basePath, data.config?.allowRawHTML)
        dataStamps = stamps
        data = loader.loadDataFiles()
        // Markdown HTML depends on the base path and the raw-HTML setting only.
        return before.0 != data.config?.basePath || before.1 != data.config?.allowRawHTML
    }

    private func refreshTemplates() -> Bool {
        var stamps: [String: FileStamp] = [:]
        for path in layout.files(below: layout.templatesURL) {
            stamps[path] = FileStamp(path: layout.templatesURL.appendingPathComponent(path).path)
        }
        guard stamps != templateStamps || templates.set == nil && templates.diagnostics.isEmpty else { return false }
        templateStamps = stamps
        templates = TemplateSet.load(layout: layout)
        return true
    }

    /// The Markdown files now, and which of them to stat (nil: all). With a watcher's
    /// report, the previous listing is updated with the paths it names; symlinks are
    /// always looked at, since their targets may live in folders that are not watched.
    private func markdownFilesToLookAt(_ changed: ChangedSources?) -> (paths: [String], lookAt: Set<String>?) {
        let root = layout.contentURL.path + "/"
        guard let changed, !changed.markdownFolders, var listing = markdownListing else {
            let articles = layout.markdownListing(in: "articles"), pages = layout.markdownListing(in: "pages")
            markdownListing = (articles.paths + pages.paths, articles.symlinks.union(pages.symlinks))
            return (markdownListing!.paths, nil)
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

    private func refreshMarkdown(reloadAll: Bool, changed: ChangedSources?) -> LoadedContent {
        let (paths, lookAt) = markdownFilesToLookAt(changed)
        // One dictionary look per file: on a large site, every extra pass over ten
        // thousand string keys is a millisecond or more of each serve rebuild.
        var entries = paths.map { markdown[$0] }
        let unstamped = paths.indices.filter { lookAt?.contains(paths[$0]) ?? true || entries[$0] == nil }
        // Plain string paths: building a URL per file cost more than the stat itself.
        let root = layout.contentURL.path + "/"
        var folders: [Substring: Int32] = [:]
        for index in unstamped {
            let folder = paths[index].prefix { $0 != "/" }
            if folders[folder] == nil { folders[folder] = open(root + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        }
        defer { for fd in folders.values where fd >= 0 { close(fd) } }
        let stamps = ParallelMap.map(unstamped) { [folders] index -> FileStamp? in
            let path = paths[index], folder = path.prefix { $0 != "/" }
            guard let fd = folders[folder], fd >= 0 else { return FileStamp(path: root + path) }
            return FileStamp(directory: fd, name: String(path.dropFirst(folder.count + 1)))
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
        let config = data.config
        let loaded = ParallelMap.map(stale) { [loader] in loader.loadMarkdown(paths[$0.index], config: config) }
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
        return loader.assemble(data: data, markdown: entries.compactMap { $0?.file }, staticFiles: layout.staticFiles())
    }

    /// Everything every page shows: config, theme, skills, salaries, pages (navigation),
    /// static files. When it changes, every page is rendered again.
    private func siteKey(_ site: Site, templatesChanged: Bool) -> Int {
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
        return hasher.finalize()
    }

    /// Slugs of articles marked `draft: true` (loaded but left out), for link hints.
    private func draftArticleSlugs() -> [String] {
        markdown.values.compactMap {
            if case .article(let article)? = $0.file.document, article.draft { return article.slug }
            return nil
        }
    }
}

/// The files of a run in plan order, with their render keys and a path index.
struct RenderedOutput {
    var paths: [String] = []
    var keys: [Int] = []
    var lookup = OutputLookup([])
    /// Grows whenever `paths` changes: link results hold only while it is the same.
    var pathsVersion = 0

    func key(of path: String) -> Int { lookup.index[path].map { keys[$0] } ?? 0 }
}


/// Which sources a watcher's report touches.
struct ChangedSources {
    /// site.yaml, skills.yaml or salaries.yaml.
    var dataFiles = false
    var templates = false
    /// A Markdown folder itself appeared, went or was renamed: list it again.
    var markdownFolders = false
    /// Other changed paths below `content/`, relative to it (`articles/x.md`).
    var content = Set<String>()

    /// Nil when the report cannot narrow anything down (`.unknown`, or none given).
    init?(_ changes: FileChanges?, contentRoot: String, templatesRoot: String) {
        guard case .paths(let paths)? = changes else { return nil }
        for path in paths {
            if path == templatesRoot || path.hasPrefix(templatesRoot + "/") {
                templates = true
            } else if path == contentRoot {
                return nil
            } else if path.hasPrefix(contentRoot + "/") {
                let relative = String(path.dropFirst(contentRoot.count + 1))
                switch relative {
                case "site.yaml", "skills.yaml", "salaries.yaml": dataFiles = true
                case "articles", "pages": markdownFolders = true
                default: content.insert(relative)
                }
            }
        }
    }
}
