import Foundation
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// Fixture sites live beside the tests, found from this file's path (no resource copying).
enum Fixtures {
    /// "Today" for fixture builds, so ages of salary figures do not change with the calendar.
    static let today = Day(iso: "2026-11-28")!

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let good = root.appendingPathComponent("good")
    static let bad = root.appendingPathComponent("bad")
    /// Content only (nine articles over six skills, no theme): built with the good
    /// fixture's templates, to see related-article ranking and reading-order neighbours.
    static let ranking = root.appendingPathComponent("ranking")
    /// The repository itself: its own content/ and templates/.
    static let repository = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var badCases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: bad.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}

/// A throw-away copy of a fixture site in a fresh temporary folder.
struct ScratchSite {
    let root: URL
    var source: URL { root.appendingPathComponent("site") }
    var output: URL { root.appendingPathComponent("site/public") }

    /// Copies the `content/` and `templates/` of a site folder (nothing else: the
    /// repository's own folder also holds `.build`), the templates from `templatesFrom`
    /// when it is given.
    init(copying fixture: URL = Fixtures.good, templatesFrom: URL? = nil) throws {
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
    static func ranking() throws -> ScratchSite {
        try ScratchSite(copying: Fixtures.ranking, templatesFrom: Fixtures.good)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ relativePath: String, _ text: String) throws {
        let url = source.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies every file of `overlay` over the site, then deletes the paths listed in its
    /// `delete.txt`. `expected.txt` and `delete.txt` themselves are not copied.
    func apply(overlay: URL) throws {
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

    func builder(output: URL? = nil, baseURL: String? = nil, drafts: Bool = false, force: Bool = false) -> Builder {
        Builder(options: BuildOptions(source: source.path, output: (output ?? self.output).path,
                                      baseURL: baseURL, includeDrafts: drafts, force: force))
    }

    /// Builds and returns the error lines with this site's folder removed from paths, so
    /// they read as they would when run from inside the site folder.
    func buildErrors(output: URL? = nil) -> [String]? {
        do {
            _ = try builder(output: output).build()
            return nil
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description).map {
                $0.replacingOccurrences(of: source.path + "/", with: "")
            }
        }
    }

    func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(outputPath), encoding: .utf8)
    }
}

/// Every file below a folder with its bytes: two equal snapshots mean nothing changed.
func snapshot(of folder: URL) -> [String: Data] {
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
