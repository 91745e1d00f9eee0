import SitegenModel
import SitegenSupport
import Foundation
import Synchronization

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
    /// The system calls of the swap (tests make them fail).
    var swapCalls = SwapCalls.system

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
    ///
    /// 6. Write (`Write/`), the only stage that touches the output folder, runs alongside
    /// rendering: each page goes into a fresh staging folder as soon as it is rendered, so
    /// memory does not grow with the site, and the folder is swapped in only when every
    /// stage succeeded. Until then the previous site stays as it was.
    public func build(progress: (@Sendable (String) -> Void)? = nil) throws(BuildFailure) -> BuildReport {
        var outcome = build(inPlace: nil, progress: progress)
        if case .notRenamable = outcome {
            // The folder could not be renamed although it did not look like a mount point:
            // build again, publishing inside it.
            outcome = build(inPlace: true, progress: progress)
        }
        switch outcome {
        case .built(let report): return report
        case .failed(let failure): throw failure
        case .notRenamable(let failure): throw BuildFailure([failure.diagnostic])
        }
    }

    private enum Attempt {
        case built(BuildReport)
        case failed(BuildFailure)
        /// The swap failed because the output folder cannot be renamed.
        case notRenamable(StagedSite.Failure)
    }

    private func build(inPlace: Bool?, progress: (@Sendable (String) -> Void)?) -> Attempt {
        let start = Date()
        let pipeline = Pipeline(options: options)
        pipeline.progress = progress
        var writer = OutputWriter(layout: layout, force: options.force)
        writer.swapCalls = swapCalls
        writer.waitingForBuild = { pid in
            progress?("Waiting for another build\(pid.map { " (pid \($0))" } ?? "") to finish writing into this output folder…")
        }
        let staged = Mutex<StagedSite?>(nil)
        let stream = Pipeline.Stream(open: { [writer] paths in
            do throws(StagedSite.Failure) {
                let site = try writer.begin(paths: paths, inPlace: inPlace)
                staged.withLock { $0 = site }
                return nil
            } catch {
                return error.diagnostic
            }
        }, accept: { file, index in staged.withLock { $0 }?.place(file, at: index) })
        let outcome = pipeline.run(stream: stream)
        let site = staged.withLock { $0 }
        guard !outcome.diagnostics.hasErrors, let site else {
            site?.abandon()
            return .failed(BuildFailure(outcome.diagnostics))
        }
        var clock = StageClock()
        progress?("Publishing \(outcome.files.count) files…")
        let unchanged: Int
        do throws(StagedSite.Failure) {
            unchanged = try site.finish()
        } catch {
            return error.isMountPoint ? .notRenamable(error) : .failed(BuildFailure(outcome.diagnostics + [error.diagnostic]))
        }
        clock.mark("publish")
        let files = outcome.files
        return .built(BuildReport(pageCount: files.filter { $0.path.hasSuffix(".html") }.count, fileCount: files.count,
                                  seconds: Date().timeIntervalSince(start), outputPath: layout.display(layout.outputURL),
                                  warnings: outcome.diagnostics.sorted { $0.location < $1.location },
                                  timings: outcome.timings + clock.stages, unchangedFileCount: unchanged,
                                  scheduled: pipeline.lastSite?.scheduled ?? [], articleCount: outcome.articleCount))
    }
}
