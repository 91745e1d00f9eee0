import Foundation
import SitegenBuild
import SitegenModel

// Helpers shared by the test targets: fixture sites, scratch copies of them, snapshots,
// incremental-build comparisons and the `sitegen` executable.

/// Fixture sites live beside the tests, found from this file's path (no resource copying).
public enum Fixtures {
    /// "Today" for fixture builds, so ages of salary figures do not change with the calendar.
    public static let today = Day(iso: "2026-11-28")!

    /// The `Tests` folder.
    public static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    public static let root = tests.appendingPathComponent("SitegenBuildTests/Fixtures")
    public static let good = root.appendingPathComponent("good")
    public static let bad = root.appendingPathComponent("bad")
    /// Content only (nine articles over six skills, no theme): built with the good
    /// fixture's templates, to see related-article ranking and reading-order neighbours.
    public static let ranking = root.appendingPathComponent("ranking")
    /// The repository itself: its own content/ and templates/.
    public static let repository = tests.deletingLastPathComponent()

    public static var badCases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: bad.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}

/// A throw-away copy of a fixture site in a fresh temporary folder.
public struct ScratchSite {
    public let root: URL
    public var source: URL { root.appendingPathComponent("site") }
    public var output: URL { root.appendingPathComponent("site/public") }

    /// Copies the `content/` and `templates/` of a site folder (nothing else: the
    /// repository's own folder also holds `.build`), the templates from `templatesFrom`
    /// when it is given.
    public init(copying fixture: URL = Fixtures.good, templatesFrom: URL? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            let from = (folder == "templates" ? templatesFrom ?? fixture : fixture).appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.copyItem(at: from, to: source.appendingPathComponent(folder))
            }
        }
    }

    /// The ranking fixture's content with the good fixture's theme.
    public static func ranking() throws -> ScratchSite {
        try ScratchSite(copying: Fixtures.ranking, templatesFrom: Fixtures.good)
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }

    public func write(_ relativePath: String, _ text: String) throws {
        let url = source.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies every file of `overlay` over the site, then deletes the paths listed in its
    /// `delete.txt`. `expected.txt` and `delete.txt` themselves are not copied.
    public func apply(overlay: URL) throws {
        let fileManager = FileManager.default
        let files = fileManager.enumerator(atPath: overlay.path)?.compactMap { $0 as? String } ?? []
        for path in files where !["expected.txt", "delete.txt"].contains(path) {
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: overlay.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let target = source.appendingPathComponent(path)
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fileManager.removeItem(at: target)
            try fileManager.copyItem(at: overlay.appendingPathComponent(path), to: target)
        }
        let deletions = (try? String(contentsOf: overlay.appendingPathComponent("delete.txt"), encoding: .utf8)) ?? ""
        for path in deletions.split(separator: "\n") where !path.isEmpty {
            try fileManager.removeItem(at: source.appendingPathComponent(String(path)))
        }
    }

    public func builder(output: URL? = nil, baseURL: String? = nil, drafts: Bool = false, future: Bool = false,
                        force: Bool = false, today: Day = BuildOptions.defaultToday) -> Builder {
        Builder(options: BuildOptions(source: source.path, output: (output ?? self.output).path,
                                      baseURL: baseURL, includeDrafts: drafts, includeFuture: future, force: force,
                                      today: today))
    }

    /// Builds and returns the error lines with this site's folder removed from paths, so
    /// they read as they would when run from inside the site folder.
    public func buildErrors(output: URL? = nil) -> [String]? {
        do {
            _ = try builder(output: output).build()
            return nil
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description).map {
                $0.replacingOccurrences(of: source.path + "/", with: "")
            }
        }
    }

    public func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(outputPath), encoding: .utf8)
    }
}

/// Every file below a folder with its bytes: two equal snapshots mean nothing changed.
public func snapshot(of folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    let root = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
    for case let url as URL in enumerator {
        if let data = try? Data(contentsOf: url) {
            result[String(url.standardizedFileURL.path.dropFirst(root.count))] = data
        }
    }
    return result
}

/// Output files by path, for comparing a rebuild with a fresh build.
public func contents(_ files: [OutputFile]) -> [String: OutputFile.Contents] {
    Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
}

/// What a fresh full build of the site makes, by path.
public func freshBuild(_ site: ScratchSite) -> [String: OutputFile.Contents] {
    contents(Pipeline(options: site.builder().options).run().files)
}

/// Rewrites one file of the site.
public func edit(_ site: ScratchSite, _ path: String, _ change: (String) -> String) throws {
    let url = site.source.appendingPathComponent(path)
    let text = try String(contentsOf: url, encoding: .utf8)
    try site.write(path, change(text))
}

public enum SitegenCommand {
    /// The `sitegen` executable, which sits beside the test bundle in the build products folder.
    public static var executable: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sitegen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let built = Fixtures.repository.appendingPathComponent(".build/debug/sitegen")
        return FileManager.default.isExecutableFile(atPath: built.path) ? built : nil
    }

    /// Runs `sitegen` with `arguments` in `folder`: its exit status, standard output and error.
    public static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The outputs are small (diagnostics and a summary): reading one pipe after the other cannot fill either.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// SplitMix64: a small deterministic generator, so a failing random case can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A pid that is not running: that of a child process that has exited (for leftovers of
/// a killed build, which are removed only when their owner is gone).
public func deadPID() throws -> Int32 {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    return child.processIdentifier
}
