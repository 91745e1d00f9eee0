import ArgumentParser
import Foundation
import SitegenKit

@main
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds a static website from Markdown articles with YAML front matter.",
        discussion: """
        Exit status: 0 on success, 1 when the site has errors (each printed as \
        path:line:col: error: message), 64 for a usage error.
        """,
        version: Builder.version,
        subcommands: [Build.self]
    )
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from content/ and templates/ into the output folder.",
        discussion: """
        Every error of the run is reported together. When there is any, nothing is \
        written: the previous output folder stays exactly as it was.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder, holding content/ and templates/.", valueName: "dir"))
    var source: String = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/public).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Overrides base_url from content/site.yaml.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Include articles and pages marked draft: true.")
    var drafts = false

    @Flag(help: "Replace a non-empty output folder that sitegen did not make.")
    var force = false

    func run() throws {
        let builder = Builder(options: BuildOptions(source: source, output: output, baseURL: baseURL,
                                                    includeDrafts: drafts, force: force))
        do {
            let report = try builder.build()
            for warning in report.warnings { printError(warning.description) }
            print(report.summary)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            printError("build failed with \(count) error\(count == 1 ? "" : "s"); the previous output was left as it was")
            throw ExitCode.failure
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
