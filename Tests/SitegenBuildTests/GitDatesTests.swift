import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `dates_from_git: true`: articles without `updated` take the day of their last commit.
@Suite struct GitDatesTests {
    /// Runs git in `folder` with fixed names and dates, so commits are reproducible.
    @discardableResult
    func git(_ arguments: [String], in folder: URL, date: String = "2024-06-01T12:00:00Z") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
                             "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                             "GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path] {
            environment[key] = value
        }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The good fixture in a git repository: everything committed on 2024-06-01, then
    /// `second.md` changed and committed on 2024-09-15.
    func makeRepository() throws -> ScratchSite {
        let site = try ScratchSite()
        try edit(site, "content/site.yaml") { $0 + "dates_from_git: true\n" }
        try git(["init", "-q"], in: site.source)
        try git(["add", "."], in: site.source)
        try git(["commit", "-q", "-m", "first"], in: site.source, date: "2024-06-01T12:00:00Z")
        try edit(site, "content/articles/second.md") { $0 + "\nA revision.\n" }
        try git(["commit", "-q", "-am", "revise"], in: site.source, date: "2024-09-15T08:00:00Z")
        return site
    }

    @Test func oneGitLogGivesEachFileItsLastCommitDay() throws {
        let site = try makeRepository()
        defer { site.remove() }
        let outcome = GitDates.read(contentFolder: site.source.appendingPathComponent("content"))
        guard case .dates(let dates) = outcome else { Issue.record("\(outcome)"); return }
        #expect(dates["articles/second.md"] == Day(iso: "2024-09-15"))
        #expect(dates["articles/intro.md"] == Day(iso: "2024-06-01"))
        #expect(dates["pages/about.md"] == nil, "only articles are asked for")
    }

    @Test func articlesWithoutUpdatedTakeIt() throws {
        let site = try makeRepository()
        defer { site.remove() }
        let report = try site.builder().build()
        #expect(report.warnings.allSatisfy { !$0.message.contains("dates_from_git") })
        // second.md gives no `updated`: it takes its last commit, everywhere a date shows.
        #expect(try site.read("articles/second/index.html").contains("<p class=\"dates\">2024-03-01 2024-09-15</p>"))
        #expect(try site.read("articles/second/index.html").contains("\"dateModified\":\"2024-09-15\""))
        #expect(try site.read("sitemap.xml").contains("articles/second/</loc><lastmod>2024-09-15</lastmod>"))
        #expect(try site.read("feed.xml").contains("<updated>2024-09-15T00:00:00Z</updated>"))
        // intro.md says `updated: 2024-02-01`: what the author wrote wins.
        #expect(try site.read("articles/intro/index.html").contains("<p class=\"dates\">2024-01-15 2024-02-01</p>"))
    }

    @Test func withoutTheSettingGitIsNotAsked() throws {
        let site = try makeRepository()
        defer { site.remove() }
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "dates_from_git: true\n", with: "") }
        _ = try site.builder().build()
        #expect(try site.read("articles/second/index.html").contains("<p class=\"dates\">2024-03-01 </p>"))
    }

    @Test func outsideAWorkTreeTheBuildSaysSoOnceAndGoesOn() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try edit(site, "content/site.yaml") { $0 + "dates_from_git: true\n" }
        // A scratch copy in the temporary folder is in no repository.
        let report = try site.builder().build()
        let notes = report.warnings.filter { $0.message.hasPrefix("dates_from_git:") }
        #expect(notes.count == 1, "\(report.warnings)")
        #expect(notes.first?.location.line == 5)
        #expect(notes.first?.message.contains("not a git repository") == true, "\(notes)")
        #expect(try site.read("articles/second/index.html").contains("<p class=\"dates\">2024-03-01 </p>"))
    }

    @Test func withoutGitTheBuildSaysSo() {
        let outcome = GitDates.read(contentFolder: URL(fileURLWithPath: "/tmp"), git: "git-that-is-not-installed")
        #expect(outcome == .unavailable("git is not installed (or not on the PATH)"))
    }

    @Test func theLogIsReadNewestFirst() {
        let log = "\u{1}2024-09-15\n\narticles/b.md\n\u{1}2024-06-01\n\narticles/a.md\narticles/b.md\n"
        #expect(GitDates.parse(log) == ["articles/b.md": Day(iso: "2024-09-15")!, "articles/a.md": Day(iso: "2024-06-01")!])
    }
}
