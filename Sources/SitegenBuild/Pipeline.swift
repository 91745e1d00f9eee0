import Foundation
import SitegenModel
import SitegenSupport

/// The build, stage by stage. Every command runs through `run`: `build` (then writes the
/// files), `check` (then lints), `serve` and the benchmark (again and again, keeping the
/// cache between runs).
///
///     load -> resolve -> plan -> render -> check links      (then `Builder` writes)
///
/// Each stage is one function below, in the order it runs, with what it takes and gives.
/// The stages themselves live in the folders of the same names; `BuildCache` keeps what a
/// later run may reuse, and each stage says which part of it it uses.
public final class Pipeline: @unchecked Sendable {
    public struct Outcome: Sendable {
        /// The site's files, in plan order; empty when the run found errors.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Files rendered in this run; the rest were reused from the previous run.
        public var renderedCount: Int
        /// Output paths whose contents differ from the previous successful run.
        public var changedPaths: Set<String>
        /// Seconds spent in each stage, in order (for `--verbose` and the benchmark).
        public var timings: [StageTiming] = []
        /// Articles the site publishes (drafts only with `--drafts`).
        public var articleCount = 0

        static func failed(_ diagnostics: [Diagnostic], renderedCount: Int = 0) -> Outcome {
            Outcome(files: [], diagnostics: diagnostics, renderedCount: renderedCount, changedPaths: [])
        }
    }

    public let options: BuildOptions
    /// Told what a long run is doing ("Rendering 10,066 files…"), for the status line
    /// `sitegen build` shows on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    let layout: SiteLayout
    private let cache: BuildCache
    /// The site of the latest run that got as far as resolving (for lints).
    private(set) var lastSite: Site?

    public init(options: BuildOptions) {
        self.options = options
        layout = SiteLayout(source: options.source, output: options.output)
        let loader = ContentLoader(layout: layout, baseURLOverride: options.baseURL, includeDrafts: options.includeDrafts,
                                   includeFuture: options.includeFuture, today: options.today)
        cache = BuildCache(layout: layout, loader: loader, options: options)
    }

    /// The folders whose changes matter, for a `FileWatcher`.
    public var watchedFolders: [String] { [layout.contentURL.path, layout.templatesURL.path] }

    /// Where a one-shot build sends its files as they are rendered (see `run`): `open` is
    /// told every path before the first file comes (and answers a problem, or nil to go
    /// on); `accept` gets each file with its position among those paths, from any thread.
    struct Stream {
        var open: ([String]) -> Diagnostic?
        var accept: @Sendable (OutputFile, Int) -> Void
    }

    /// Runs every stage but writing. `changes`, from a `FileWatcher` on `watchedFolders`,
    /// says which files to look at; without it every source file's stamp is looked at.
    public func run(checkOutputFolder: Bool = true, changes: FileChanges? = nil) -> Outcome {
        run(checkOutputFolder: checkOutputFolder, changes: changes, stream: nil)
    }

    /// With a `stream`, rendered files go to it instead of staying in memory (the outcome's
    /// files are then paths alone), and nothing rendered can be reused by a later run.
    func run(checkOutputFolder: Bool = true, changes: FileChanges? = nil, stream: Stream?) -> Outcome {
        var clock = StageClock()
        var diagnostics = BuildOptions.nowProblem.map { [$0] } ?? []
        if checkOutputFolder, let problem = OutputWriter(layout: layout, force: options.force).checkOutputFolder() {
            diagnostics.append(problem)
        }
        guard layout.isDirectory(layout.contentURL) else {
            cache.forgetContent()
            return .failed(diagnostics + ContentLoader.missingContentFolder(layout).diagnostics)
        }

        progress?("Loading content…")
        let (content, templatesChanged) = load(changes, &diagnostics)
        clock.mark("load")

        guard let site = resolve(content, &diagnostics), let templates = cache.templates.set else {
            return .failed(diagnostics)
        }
        clock.mark("resolve")
        // Everything every page shows: when it changes, nothing rendered before is reused.
        let siteKey = cache.siteKey(site, templatesChanged: templatesChanged)
        cache.startRun(siteKey: siteKey)
        let (plan, samePaths) = plan(site, templates, siteKey: siteKey, &diagnostics)
        let draftSlugs = options.includeDrafts ? [] : Set(cache.draftArticleSlugs())
        if diagnostics.hasErrors {
            // Nothing is rendered, but links to pages that will not exist are still worth
            // reporting in this run; fragments need the rendered pages.
            diagnostics += checkLinksWithoutRendering(site, plan, draftSlugs: draftSlugs)
            return .failed(diagnostics)
        }
        clock.mark("plan")

        let (renderedCount, changed): (Int, Set<String>)
        if let stream {
            if let problem = stream.open(plan.map(\.path)) { return .failed(diagnostics + [problem]) }
            let targets = fragmentTargets(site, plan, draftSlugs: draftSlugs)
            cache.renderStreaming(plan, keepIDsOf: targets, progress: progress, deliver: stream.accept)
            diagnostics += unknownAssets(templates)
            (renderedCount, changed) = (plan.count, [])
            clock.mark("render and write")
        } else {
            (renderedCount, changed) = render(plan, samePaths: samePaths, templates: templates, &diagnostics)
            clock.mark("render")
        }

        progress?("Checking links…")
        diagnostics += cache.checkLinks(site: site, draftSlugs: draftSlugs)
        clock.mark("check links")

        var outcome = diagnostics.hasErrors ? .failed(diagnostics, renderedCount: renderedCount)
            : Outcome(files: cache.renderedFiles.files, diagnostics: diagnostics, renderedCount: renderedCount, changedPaths: changed)
        if !diagnostics.hasErrors { cache.keep(siteKey: siteKey) }
        outcome.timings = clock.stages
        outcome.articleCount = site.articles.count
        return outcome
    }

    // MARK: - The stages

    /// 1. Load (`Load/`): `content/` and `templates/` -> typed, parsed files. Reuses the
    /// cache's loaded files whose stamps are unchanged.
    private func load(_ changes: FileChanges?, _ diagnostics: inout [Diagnostic]) -> (LoadedContent, templatesChanged: Bool) {
        var loaded = cache.loadChanged(changes)
        diagnostics += cache.templates.diagnostics
        if let config = loaded.content.config, config.datesFromGit {
            applyGitDates(config, to: &loaded.content, &diagnostics)
        }
        return (loaded.content, loaded.templatesChanged)
    }

    /// `dates_from_git`: articles without `updated` take their file's last commit day (when
    /// it is after their `date`). Without git, or outside a work tree, one warning says so
    /// and the build goes on.
    private func applyGitDates(_ config: SiteConfig, to content: inout LoadedContent, _ diagnostics: inout [Diagnostic]) {
        switch cache.gitDates() {
        case .unavailable(let reason):
            diagnostics.append(Diagnostic(.warning, config.datesFromGitLocation ?? SourceLocation(path: "content/site.yaml"),
                                          "dates_from_git: \(reason); articles without updated: show only their date"))
        case .dates(let dates):
            content.articles = content.articles.map { article in
                guard article.updated == nil, let day = dates["articles/\(article.slug).md"], day > article.date else { return article }
                return article.with(updated: day)
            }
        }
    }

    /// 2. Resolve (`Resolve/`): loaded files -> one cross-checked `Site`, nil when the site
    /// settings failed to load. Reuses the reading order while no article's place in it
    /// changed, and the related-article lists while the order and skills hold.
    private func resolve(_ content: LoadedContent, _ diagnostics: inout [Diagnostic]) -> Site? {
        let (site, reuse, problems) = SiteResolver.resolve(content, reusing: cache.resolved)
        diagnostics += problems
        for article in site?.articles ?? [] {
            if let line = article.body.omittedRawHTMLLines.first {
                diagnostics.append(Diagnostic(.warning, SourceLocation(path: article.source.path, line: line),
                                              "raw HTML is left out of the page; set allow_raw_html: true in content/site.yaml to keep it"))
            }
        }
        guard let site else { return nil }
        lastSite = site
        cache.resolved = reuse
        return site
    }

    /// 3. Plan (`Render/Renderer.plan`): `Site` -> every output file with its render key,
    /// nothing rendered yet. Two files for one URL are an error.
    private func plan(_ site: Site, _ templates: TemplateSet, siteKey: Int,
                      _ diagnostics: inout [Diagnostic]) -> (plan: [Renderer.PlannedFile], samePaths: Bool) {
        let renderer = Renderer(site: site, templates: templates, generator: "sitegen \(Builder.version)",
                                today: options.today, siteKey: siteKey, searchCache: cache.searchCache,
                                cardCache: cache.cardCache)
        var plan = renderer.plan()
        // Old URLs (`aliases:`) last, so a clash with any other file is reported as one.
        let redirects = Redirects(site: site).plan(after: plan, siteKey: siteKey)
        plan += redirects.files
        diagnostics += redirects.diagnostics
        // Most rebuilds make the same files as the last one: then positions in the plan
        // stand for paths, and no dictionary of ten thousand paths is built or searched.
        let previous = cache.outputPaths
        let samePaths = plan.count == previous.count && zip(plan, previous).allSatisfy { $0.path == $1 }
        if !samePaths {
            var planned: [String: Renderer.PlannedFile] = [:]
            for file in plan {
                if let existing = planned[file.path] {
                    diagnostics.append(.error(SourceLocation(path: file.origin),
                                              "two files for the same URL /\(file.path): this one and \(existing.origin)"))
                    continue
                }
                planned[file.path] = file
            }
        }
        return (plan, samePaths)
    }

    /// 4. Render (`Render/`): planned files -> their contents, in memory. Renders only
    /// files whose render key changed since the cache's last run.
    private func render(_ plan: [Renderer.PlannedFile], samePaths: Bool, templates: TemplateSet,
                        _ diagnostics: inout [Diagnostic]) -> (renderedCount: Int, changed: Set<String>) {
        let result = cache.render(plan, samePaths: samePaths, progress: progress)
        diagnostics += unknownAssets(templates)
        return result
    }

    /// Assets the templates asked for while rendering that `templates/` does not have.
    private func unknownAssets(_ templates: TemplateSet) -> [Diagnostic] {
        templates.catalog.unknownReferences.map { name in
            .error(SourceLocation(path: layout.display(layout.templatesURL)),
                   "a template asks for asset \"\(name)\", which is not in templates/\(Suggestion.didYouMean(name, in: templates.catalog.outputPaths.keys))")
        }
    }

    /// 5. Check links (`Check/`), when an error stopped rendering: against the planned
    /// paths alone, so a broken link is still reported in the same run.
    private func checkLinksWithoutRendering(_ site: Site, _ plan: [Renderer.PlannedFile], draftSlugs: Set<String>) -> [Diagnostic] {
        plannedLinkChecker(site, plan, draftSlugs: draftSlugs).check()
    }

    /// The pages links point into by `#fragment`, from the plan: a streamed render keeps
    /// the ids of these and of no other page.
    private func fragmentTargets(_ site: Site, _ plan: [Renderer.PlannedFile], draftSlugs: Set<String>) -> Set<String> {
        let checker = plannedLinkChecker(site, plan, draftSlugs: draftSlugs)
        let targets = ParallelMap.map(checker.sources) { source in
            var withFragments = source
            withFragments.links = source.links.filter { $0.destination.contains("#") }
            return withFragments.links.isEmpty ? [] : checker.check(withFragments).fragmentTargets
        }
        return Set(targets.joined())
    }

    private func plannedLinkChecker(_ site: Site, _ plan: [Renderer.PlannedFile], draftSlugs: Set<String>) -> LinkChecker {
        var placeholders = plan.map { OutputFile(path: $0.path, contents: .copy(from: ""), origin: $0.origin) }
        placeholders += site.unloadedOutputPaths.map { OutputFile(path: $0, contents: .copy(from: ""), origin: $0) }
        return LinkChecker(site: site, files: OutputLookup(placeholders), draftSlugs: draftSlugs)
    }
}
