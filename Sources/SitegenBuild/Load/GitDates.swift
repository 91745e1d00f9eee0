import SitegenModel
import Foundation

/// `dates_from_git: true`: the date of the last commit that touched each article, read with
/// one `git log` for the whole content folder (a call per file would cost seconds on a
/// large site). Articles without `updated:` take it.
enum GitDates {
    enum Outcome: Sendable, Equatable {
        /// Last-commit day by path below `content/` (`articles/x.md`).
        case dates([String: Day])
        /// Why there are none: git is missing, or the folder is not in a work tree.
        case unavailable(String)
    }

    /// Runs `git log` once in `contentFolder`. `git` is the command to run (found on the
    /// `PATH`); tests name a missing one.
    static func read(contentFolder: URL, git: String = "git") -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Newest first: the first time a path appears is its last commit. %cs is the
        // committer date as YYYY-MM-DD; \u{1} marks a commit's line, which no path holds.
        process.arguments = [git, "-C", contentFolder.path, "log", "--format=%x01%cs", "--name-only", "--relative",
                             "--no-renames", "--", "articles"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .unavailable("could not run git (\(error.localizedDescription))")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return .dates(parse(String(decoding: data, as: UTF8.self)))
        // `env` answers 127 when it cannot find the command.
        case 127: return .unavailable("git is not installed (or not on the PATH)")
        default:
            let firstLine = message.split(separator: "\n").first.map { String($0) } ?? "exit status \(process.terminationStatus)"
            return .unavailable("git log failed: \(firstLine)")
        }
    }

    static func parse(_ log: String) -> [String: Day] {
        var dates: [String: Day] = [:]
        var current: Day?
        for line in log.split(separator: "\n") {
            if line.hasPrefix("\u{1}") {
                current = Day(iso: String(line.dropFirst()))
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return dates
    }
}
