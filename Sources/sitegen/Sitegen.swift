import ArgumentParser
import Dispatch
import Foundation
import SitegenBuild
import SitegenModel
import SitegenServe

@main
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build a static website from Markdown articles with YAML front matter.",
        discussion: """
        A site folder holds content/ (site.yaml, skills.yaml, salaries.yaml, articles/, \
        pages/, static/) and templates/ (Mustache templates and assets). Problems are \
        reported as path:line:col: error: message.

        Exit status: 0 success; 1 the site has errors (or, with check --strict, warnings); \
        64 usage error; 2 the server could not start.
        """,
        version: Builder.version,
        subcommands: [Build.self, Check.self, Serve.self, New.self, Move.self],
        defaultSubcommand: nil
    )
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding content/ and templates/.", valueName: "dir"))
    var source: String = "."

    @Flag(help: "Include articles and pages marked draft: true.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The build's day, YYYY-MM-DD (default: SITEGEN_NOW, else today): articles dated after it are scheduled, salary figures age from it.", valueName: "date"))
    var now: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print notes and timings too.")
    var verbose = false

    var console: Console { Console(quiet: quiet, verbose: verbose) }

    mutating func validate() throws {
        if let now, Day(iso: now) == nil {
            throw ValidationError("--now \"\(now)\" is not a date; write it as YYYY-MM-DD")
        }
    }

    /// The build's options for these settings (`--now` wins over `SITEGEN_NOW`).
    func options(output: String? = nil, baseURL: String? = nil, future: Bool = false, force: Bool = false) -> BuildOptions {
        BuildOptions(source: source, output: output, baseURL: baseURL, includeDrafts: drafts, includeFuture: future,
                     force: force, today: now.flatMap { Day(iso: $0) } ?? BuildOptions.defaultToday)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
        Every error of the run is reported together. When there is any, nothing is \
        written: the previous output folder stays exactly as it was. The new site is \
        swapped in at once (into a mount point, entry by entry); a second build into \
        the same folder waits for the first; a symlinked output folder is followed.
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/public).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Overrides base_url from content/site.yaml.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Replace a non-empty output folder that sitegen did not make.")
    var force = false

    @Flag(help: "Include articles and pages dated after the build's day (scheduled).")
    var future = false

    func run() throws {
        let console = site.console
        let builder = Builder(options: site.options(output: output, baseURL: baseURL, future: future, force: force))
        let progress = Progress(enabled: !site.quiet)
        progress.show("Building…")
        do {
            let report = try builder.build { progress.show($0) }
            progress.clear()
            console.report(report.warnings)
            console.info(report.timings.map { String(format: "%@ %.3f s (CPU %.3f s)", $0.stage, $0.seconds, $0.cpuSeconds) }.joined(separator: ", ")
                         + "; \(report.unchangedFileCount) unchanged files linked from the previous build")
            console.summary(report.summary)
        } catch {
            progress.clear()
            console.report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            console.error("build failed with \(count) error\(count == 1 ? "" : "s"); the previous output was left as it was")
            throw ExitCode.failure
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site without writing anything.",
        discussion: """
        Runs every check of build, then the author's lints: skills no article teaches, \
        articles without skills, salary figures older than --max-salary-age years (or \
        salary_max_age_years in site.yaml), images without alt text, headings that skip \
        a level. With --verbose, lists external links too; with --external, fetches them and reports dead ones.
        """
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail on warnings as well as errors.")
    var strict = false

    @Option(name: .customLong("max-salary-age"), help: ArgumentHelp("Flag salary figures older than this many years.", valueName: "years"))
    var maxSalaryAge: Int = 3

    @Flag(help: "Include articles and pages dated after the build's day (scheduled).")
    var future = false

    @Flag(help: "Also fetch every outside link (HEAD, else GET; a few at a time, two per host) and report dead ones. Results are kept for a day in .sitegen-cache/ in the site folder.")
    var external = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each outside link with --external.", valueName: "seconds"))
    var timeout: Double = 10

    func run() throws {
        let console = site.console
        let builder = Builder(options: site.options(future: future))
        let progress = Progress(enabled: external && !site.quiet)
        let diagnostics = builder.check(lints: Lints.Options(salaryMaxAgeYears: maxSalaryAge, today: builder.options.today),
                                        external: external ? ExternalLinks.Options(timeout: max(0.5, timeout)) : nil) { done, total in
            progress.show("Checking outside links: \(done) of \(total)")
        }
        progress.clear()
        console.report(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let line = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if errors > 0 || (strict && warnings > 0) {
            console.error("check failed: \(line)\(strict && errors == 0 ? " (--strict)" : "")")
            throw ExitCode.failure
        }
        console.summary("check passed: \(line)")
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site locally, rebuilding and reloading pages on every change.",
        discussion: """
        Serves from memory (nothing is written to the output folder) on 127.0.0.1 unless \
        --host says otherwise; without --host it answers only requests addressed to \
        localhost, 127.0.0.1 or [::1] (the Host header), which stops DNS rebinding. \
        Watches content/ and templates/ (with inotify, or by polling where that is \
        missing or with --poll); a change re-renders only the pages that show it, and \
        open pages reload by themselves. A failed rebuild keeps the last good pages \
        and shows the errors in the terminal and over the page. Ctrl-C stops.
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on (default 127.0.0.1). Use 0.0.0.0 only to preview from other machines. Giving it also answers requests for any host name.", valueName: "addr"))
    var host: String?

    /// Where `serve` listens without `--host`: loopback only.
    static let defaultHost = "127.0.0.1"

    @Option(name: .shortAndLong, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "n"))
    var port: UInt16 = 8080

    @Flag(name: .long, help: "Look for changes by polling every file's stamp instead of inotify: for folders on network or container mounts, which send no events. SITEGEN_POLL_MS sets the interval (default 250).")
    var poll = false

    // Limits of the request gate, hidden: for tests and load experiments.
    @Option(name: .customLong("max-connections"), help: .hidden)
    var maxConnections: Int = ServeLimits().maxConnections

    @Option(name: .customLong("head-timeout"), help: .hidden)
    var headTimeout: Double = ServeLimits().headDeadline

    func run() throws {
        // Block SIGINT and SIGTERM before any thread starts (threads inherit the mask), then
        // wait for them on one thread: dependable on Linux, where a signal set to SIG_IGN for
        // a Dispatch source is simply discarded.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

        let console = site.console
        // A preview shows scheduled articles too, marked by the theme, as Hugo's server does with -F.
        let preview = PreviewServer(options: site.options(future: true)) { line in
            console.error(line)
        }
        do {
            // SITEGEN_POLL_MS tunes how often the watcher looks for changes (default 250).
            let pollMilliseconds = ProcessInfo.processInfo.environment["SITEGEN_POLL_MS"].flatMap(Double.init) ?? 250
            var limits = ServeLimits()
            limits.maxConnections = max(1, maxConnections)
            limits.headDeadline = max(0.1, headTimeout)
            try preview.start(host: host ?? Self.defaultHost, port: port, hosts: host == nil ? .loopbackNames : .any,
                              limits: limits, pollInterval: max(5, pollMilliseconds) / 1000, polling: poll)
        } catch {
            console.error("error: \(error)")
            throw ExitCode(2)
        }
        let address = preview.listeningAddress ?? host ?? Self.defaultHost
        let shown = address.contains(":") ? "[\(address)]" : address
        console.summary("Serving on http://\(shown):\(preview.port ?? port)/ (Ctrl-C to stop)")
        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        preview.stop()
        console.summary("Stopped.")
        throw ExitCode.success
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site, article or skill.",
        discussion: """
        sitegen new site DIR writes a complete small site into DIR (which must be new or \
        empty): content/ with site.yaml, skills.yaml, one article and one page, and the \
        default theme in templates/. sitegen new article "Title of the Article" writes \
        content/articles/<slug>.md with valid front matter (today's date, draft: true, an \
        empty skills list); it never overwrites a file. sitegen new skill <id> appends a \
        skill stub to content/skills.yaml.
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case site, article, skill
    }

    @Argument(help: "What to create: site, article or skill.")
    var kind: Kind

    @Argument(help: "The new site's folder, the article's title, or the skill's id.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var source: String = "."

    func run() throws {
        let console = Console()
        do {
            switch kind {
            case .site:
                let folder = try Scaffold.newSite(at: name)
                let shown = folder.contains(" ") ? "'\(folder)'" : folder
                console.summary("""
                    Created a new site in \(folder). Next:
                      cd \(shown)
                      sitegen serve     # preview at http://127.0.0.1:8080/, reloading as you save
                      sitegen build     # write the site into public/
                    """)
            case .article:
                let path = try Scaffold.newArticle(title: name, source: source)
                console.summary("Created \(path) (draft: true; set it to false or remove it to publish)")
            case .skill:
                let path = try Scaffold.newSkill(id: name, source: source)
                console.summary("Added skill \"\(name)\" to \(path); fill in its name, category and description")
            }
        } catch {
            console.error(error.description)
            throw ExitCode.failure
        }
    }
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Rename an article without breaking a link to it.",
        discussion: """
        Moves content/articles/OLD.md to NEW.md, adds /articles/OLD/ to its aliases: (so \
        the old URL redirects to the new one), and rewrites every link to it in the \
        site's articles and pages, drafts included, changing nothing else in any file. \
        The site must build without errors first; nothing is written unless every link \
        could be rewritten.
        """
    )

    @Argument(help: "The article's current slug (its file name without .md).")
    var old: String

    @Argument(help: "Its new slug.")
    var new: String

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var source: String = "."

    func run() throws {
        let console = Console()
        do {
            let outcome = try RenameArticle.run(from: old, to: new, source: source)
            let links = outcome.rewritten.reduce(0) { $0 + $1.links }
            console.summary("Moved \(outcome.from) to \(outcome.to); /articles/\(old)/ now redirects to /articles/\(new)/")
            console.summary("Rewrote \(links) link\(links == 1 ? "" : "s") in \(outcome.rewritten.count) file\(outcome.rewritten.count == 1 ? "" : "s")"
                            + outcome.rewritten.map { "\n  \($0.path) (\($0.links))" }.joined())
        } catch {
            console.error(error.description)
            throw ExitCode.failure
        }
    }
}

/// A transient status line on a terminal, erased before the real output.
final class Progress: Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }
    func show(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
