import Foundation
import SitegenBuild
import SitegenModel
import SitegenServe

/// Times rebuilds the way `sitegen serve` does them: one `Pipeline` kept alive,
/// a full build, then rebuilds with no change and after editing one article, in process.
///
///   sitegen-bench SITE [--runs N]
///
/// Prints one JSON object: seconds of the first (full) build, and the median seconds and
/// rendered-file counts of the rebuilds. Used by Benchmarks/bench.py.
///
/// Edits are timed twice: `edit` with what a `FileWatcher` reported (inotify), which is how
/// `sitegen serve` rebuilds, and `edit_scan` without a report, so every source file's
/// stamp is looked at (serve where inotify is missing, or `--poll`).
@main
struct Bench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: sitegen-bench SITE [--runs N]\n".utf8))
            exit(64)
        }
        let site = arguments[1]
        let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 5
        let builder = Pipeline(options: BuildOptions(source: site, baseURL: "/"))
        guard let watcher = FileWatcher(roots: builder.watchedFolders) else {
            FileHandle.standardError.write(Data("inotify is not available\n".utf8))
            exit(1)
        }

        func stages(_ outcome: Pipeline.Outcome) -> [String: Double] {
            Dictionary(outcome.timings.map { ($0.stage, $0.seconds) }, uniquingKeysWith: +)
        }
        func timed(_ work: () -> Pipeline.Outcome) -> (seconds: Double, outcome: Pipeline.Outcome) {
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = work()
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, outcome)
        }
        let full = timed { builder.run(checkOutputFolder: false) }
        guard !full.outcome.diagnostics.contains(where: { $0.severity == .error }) else {
            FileHandle.standardError.write(Data("the site has errors; run sitegen check\n".utf8))
            exit(1)
        }
        var unchanged: [Double] = [], unchangedRendered = 0, unchangedStages: [String: Double] = [:]
        for _ in 0..<runs {
            let result = timed { builder.run(checkOutputFolder: false) }
            unchanged.append(result.seconds)
            unchangedRendered = result.outcome.renderedCount
            unchangedStages = stages(result.outcome)
        }
        let folder = URL(fileURLWithPath: site).appendingPathComponent("content/articles")
        let articles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        _ = watcher.pollChanges()
        var edited: [Double] = [], editedRendered = 0, editedStages: [String: Double] = [:]
        var scanned: [Double] = []
        for run in 0..<(2 * runs) {
            let withReport = run % 2 == 0
            let file = folder.appendingPathComponent(articles[(run * 7919) % articles.count])
            let original = try Data(contentsOf: file)
            try (original + Data("\nOne more sentence for the benchmark.\n".utf8)).write(to: file)
            // The kernel queued the events during write(): reading them is what serve does.
            let result = timed { builder.run(checkOutputFolder: false, changes: withReport ? watcher.pollChanges() : nil) }
            try original.write(to: file)
            if withReport {
                edited.append(result.seconds)
                editedRendered = result.outcome.renderedCount
                editedStages = stages(result.outcome)
            } else {
                scanned.append(result.seconds)
            }
            _ = watcher.pollChanges()
            _ = builder.run(checkOutputFolder: false)  // back to the original, untimed
        }
        // --soak N: N edit-and-rebuild cycles, printing resident memory every 100 (leak hunting).
        if let soak = arguments.firstIndex(of: "--soak").flatMap({ Int(arguments[$0 + 1]) }) {
            let file = folder.appendingPathComponent(articles[articles.count / 2])
            let original = try Data(contentsOf: file)
            for cycle in 1...soak {
                try (original + Data("\nEdit \(cycle).\n".utf8)).write(to: file)
                _ = builder.run(checkOutputFolder: false)
                if cycle % 100 == 0 {
                    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                    let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS") } ?? ""
                    print("after \(cycle) rebuilds: \(rss.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " "))")
                }
            }
            try original.write(to: file)
            return
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let report: [String: Any] = [
            "full_seconds": full.seconds,
            "full_files": full.outcome.files.count,
            "full_stages": stages(full.outcome),
            "unchanged_stages": unchangedStages,
            "edit_stages": editedStages,
            "unchanged_seconds": median(unchanged),
            "unchanged_rendered": unchangedRendered,
            "edit_seconds": median(edited),
            "edit_rendered": editedRendered,
            "edit_scan_seconds": median(scanned),
            "runs": runs,
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
