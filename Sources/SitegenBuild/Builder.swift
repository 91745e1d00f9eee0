import SitegenModel
import SitegenSupport
import Foundation

/// What `sitegen build` is asked to do.
public struct BuildOptions: Sendable {
    public var source: String
    public var output: String?
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Publish articles and pages dated after `today` (`--future`; `serve` always does).
    public var includeFuture: Bool
    public var force: Bool
    /// "Today" for everything that depends on the date (the age of salary figures):
    /// `SITEGEN_NOW=YYYY-MM-DD` fixes it for tests and reproducible builds.
    public var today: Day

    public init(source: String = ".", output: String? = nil, baseURL: String? = nil,
                includeDrafts: Bool = false, includeFuture: Bool = false, force: Bool = false,
                today: Day = BuildOptions.defaultToday) {
        self.today = today
        self.includeFuture = includeFuture
        self.source = source
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.force = force
    }
}

/// The outcome of a successful build.
extension BuildOptions {
    /// `SITEGEN_NOW` when it is a date, else the real day (a `SITEGEN_NOW` that is not a
    /// date is reported by `nowProblem`).
    public static var defaultToday: Day {
        if let fixed = ProcessInfo.processInfo.environment["SITEGEN_NOW"], let day = Day(iso: fixed) { return day }
        return Day(Date())
    }

    /// An error when `SITEGEN_NOW` is set but is not a date.
    static var nowProblem: Diagnostic? {
        guard let fixed = ProcessInfo.processInfo.environment["SITEGEN_NOW"], Day(iso: fixed) == nil else { return nil }
        return .error(SourceLocation(path: "SITEGEN_NOW"), "\"\(fixed)\" is not a date; write it as YYYY-MM-DD")
    }
}

public struct BuildReport: Sendable {
    public var pageCount: Int
    public var fileCount: Int
    public var seconds: Double
    public var outputPath: String
    /// Warnings: the build succeeded, but these deserve a look.
    public var warnings: [Diagnostic]
    /// Seconds per stage: load, resolve, render, check links, write.
    public var timings: [StageTiming] = []
    /// Output files that were identical to the previous build and were linked, not written.
    public var unchangedFileCount = 0
    /// Articles and pages held back because they are dated after the build's day.
    public var scheduled: [ScheduledDocument] = []

    /// Articles published: a site that lost its articles says so in its one line.
    public var articleCount = 0

    public var summary: String {
        String(format: "Built %d pages (%d files, %d article%@) in %.2f s into %@", pageCount, fileCount,
               articleCount, articleCount == 1 ? "" : "s", seconds, outputPath)
            + (Self.heldBackLine(scheduled).map { "; \($0)" } ?? "")
    }

    /// "held back 2 scheduled articles and pages until 2026-12-05 (the next) to 2027-01-10",
    /// nil when nothing was held back: an author sees when the site must be built again.
    public static func heldBackLine(_ scheduled: [ScheduledDocument]) -> String? {
        guard let first = scheduled.map(\.date).min(), let last = scheduled.map(\.date).max() else { return nil }
        let nouns = Set(scheduled.map(\.noun))
        let what = nouns.count > 1 ? "articles and pages" : scheduled.count == 1 ? scheduled[0].noun : scheduled[0].noun + "s"
        let when = first == last ? "until \(first.iso)" : "until \(first.iso) (the next) to \(last.iso) (the last)"
        return "held back \(scheduled.count) scheduled \(what) \(when); --future includes them"
    }
}

/// The commands over the pipeline: `build` runs its stages and then the last one, write
/// (`Write/`); `check` runs them and then the lints. Any error stops a build before
/// writing, so the previous output stays as it was.
public struct Builder: Sendable {
    public static let version = "0.1.0"
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    var layout: SiteLayout { SiteLayout(source: options.source, output: options.output) }

    /// Loads, resolves and renders the site without writing anything.
    public func renderSite() -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let outcome = Pipeline(options: options).run()
        return (outcome.files, outcome.diagnostics)
    }

    /// Everything `build` checks, plus the author's lints; writes nothing. With `external`,
    /// also asks every outside URL whether it is still there (`progress` hears how many are
    /// done), keeping results in `ExternalLinks.cacheURL` for a day.
    public func check(lints: Lints.Options = Lints.Options(), external: ExternalLinks.Options? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Diagnostic] {
        let builder = Pipeline(options: options)
        var diagnostics = builder.run(checkOutputFolder: false).diagnostics
        if let site = builder.lastSite {
            diagnostics += Lints(site: site, options: lints).run()
            if let external {
                diagnostics += ExternalLinks(site: site, options: external,
                                             cacheFile: ExternalLinks.cacheURL(source: options.source)).run(progress: progress)
            }
        }
        return diagnostics.sorted { $0.location < $1.location }
    }

    /// Builds the site into the output folder. Throws `BuildFailure` with every error found.
    /// `progress` hears what each stage is doing.
    public func build(progress: (@Sendable (String) -> Void)? = nil) throws(BuildFailure) -> BuildReport {
        let start = Date()
        let builder = Pipeline(options: options)
        builder.progress = progress
        let outcome = builder.run()
        let (files, diagnostics) = (outcome.files, outcome.diagnostics)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics) }
        // 6. Write (`Write/`): the only stage that touches the output folder.
        var clock = StageClock()
        progress?("Writing \(files.count) files…")
        let unchanged: Int
        do {
            var writer = OutputWriter(layout: layout, force: options.force)
            writer.waitingForBuild = { pid in
                progress?("Waiting for another build\(pid.map { " (pid \($0))" } ?? "") to finish writing into this output folder…")
            }
            unchanged = try writer.write(files)
        } catch {
            throw BuildFailure(diagnostics + [error])
        }
        clock.mark("write")
        return BuildReport(pageCount: files.filter { $0.path.hasSuffix(".html") }.count, fileCount: files.count,
                           seconds: Date().timeIntervalSince(start), outputPath: layout.display(layout.outputURL),
                           warnings: diagnostics.sorted { $0.location < $1.location },
                           timings: outcome.timings + clock.stages, unchangedFileCount: unchanged,
                           scheduled: builder.lastSite?.scheduled ?? [], articleCount: outcome.articleCount)
    }

}
