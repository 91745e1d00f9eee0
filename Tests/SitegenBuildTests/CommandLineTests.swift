import Foundation
import Testing
import SitegenTestSupport

/// Runs the real `sitegen` executable: exit status, summary line and diagnostics.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        try SitegenCommand.run(arguments, in: folder, environment: environment)
    }

    @Test func buildPrintsOneSummaryLine() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let result = try run(["build"], in: site.source)
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("Built 12 pages (23 files, 2 articles) in "))  // the search index is 4 files
        #expect(result.out.split(separator: "\n").count == 1)
    }

    /// SITEGEN_NOW fixes the build's day (salary figures show their age on it); a value
    /// that is not a date is an error, not silently today.
    @Test func sitegenNowFixesTheBuildsDay() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let fixed = try run(["build"], in: site.source, environment: ["SITEGEN_NOW": "2030-01-01"])
        #expect(fixed.status == 0, "\(fixed.err)")
        #expect(try site.read("salaries/index.html").contains("<td>March 2023, 6 years old</td>"))
        let bad = try run(["build"], in: site.source, environment: ["SITEGEN_NOW": "tomorrow"])
        #expect(bad.status == 1)
        #expect(bad.err.contains("SITEGEN_NOW: error: \"tomorrow\" is not a date; write it as YYYY-MM-DD"), "\(bad.err)")
    }

    @Test func errorsExitNonZeroWithEveryDiagnostic() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.apply(overlay: Fixtures.bad.appendingPathComponent("many-errors"))
        let result = try run(["build"], in: site.source)
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        let lines = result.err.split(separator: "\n")
        #expect(lines.filter { $0.contains(": error: ") }.count == 4)
        #expect(lines.contains("content/articles/intro.md:5:10: error: skills: unknown skill \"alpah\" (did you mean \"alpha\"?); skills are defined in content/skills.yaml"))
        #expect(lines.last == "build failed with 4 errors; the previous output was left as it was")
    }

    @Test func draftsArePublishedOnlyWithTheDraftsOption() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let drafts = ["articles/unfinished/index.html", "pages/plans/index.html"]
        #expect(try run(["build"], in: site.source).status == 0)
        for path in drafts {
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "\(path) without --drafts")
        }
        #expect(try run(["build", "--drafts"], in: site.source).status == 0)
        for path in drafts {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "\(path) with --drafts")
        }
    }

    @Test func sourceOptionShowsPathsAsTyped() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.apply(overlay: Fixtures.bad.appendingPathComponent("unknown-skill"))
        let result = try run(["build", "--source", "site"], in: site.root)
        #expect(result.status == 1)
        #expect(result.err.contains("site/content/articles/intro.md:5:17: error: skills: unknown skill \"betta\""))
    }
}
