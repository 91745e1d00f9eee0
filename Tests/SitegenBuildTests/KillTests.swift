import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// A build killed at any moment (SIGKILL, so no cleanup runs) leaves the output folder
/// either exactly the old site or exactly the new one, and the next build succeeds.
@Suite(.serialized) struct KillTests {
    /// Writes enough articles that a build takes a noticeable time, titled with `version`.
    func writeArticles(_ site: ScratchSite, version: String, count: Int = 250) throws {
        let paragraph = String(repeating: "Backend work means servers, data and APIs working together. ", count: 12)
        for index in 0..<count {
            try site.write("content/articles/bulk-\(index).md", """
            ---
            title: "Bulk \(index) \(version)"
            summary: "Article \(index) of version \(version)."
            date: 2024-01-15
            skills: [alpha, beta]
            ---

            ## Part one

            \(paragraph)

            ## Part two

            See [the intro](intro.md) and [the next one](bulk-\((index + 1) % count).md).

            """)
        }
    }

    func runBuild(_ site: ScratchSite) throws -> Process {
        let process = Process()
        process.executableURL = try #require(SitegenCommand.executable)
        process.arguments = ["build", "--source", site.source.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aKilledBuildLeavesTheOldSiteOrTheNewOne() throws {
        let site = try ScratchSite()
        defer { site.remove() }

        // The two sites the output may hold: A (old) and B (new), each built whole.
        try writeArticles(site, version: "A")
        _ = try site.builder().build()
        let siteA = snapshot(of: site.output)
        // Timed as the killed builds run: a process of its own, from start to exit (on a
        // busy machine that is much longer than the same build in this process).
        try writeArticles(site, version: "B")
        let started = Date()
        let timed = try runBuild(site)
        timed.waitUntilExit()
        let buildSeconds = Date().timeIntervalSince(started)
        #expect(timed.terminationStatus == 0)
        let siteB = snapshot(of: site.output)
        #expect(siteA != siteB)

        var sawOld = 0, sawNew = 0
        let rounds = 10
        // Ten kills spread over the build; then, should the machine have been so slow that
        // none landed after the swap, later ones until one does.
        var round = 0
        while round < rounds || (sawNew == 0 && round < rounds + 10) {
            defer { round += 1 }
            // Start from the old site, switch the content to the new one, kill mid-build.
            try writeArticles(site, version: "A")
            _ = try site.builder().build()
            try writeArticles(site, version: "B")
            let process = try runBuild(site)
            // Kills spread evenly from the start to well past the end of a build, so some
            // land while files are written and some around and after the swap.
            let delay = round < rounds ? buildSeconds * 1.5 * Double(round) / Double(rounds - 1)
                : buildSeconds * Double(2 + round - rounds)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let now = snapshot(of: site.output)
            if now == siteA { sawOld += 1 } else if now == siteB { sawNew += 1 } else {
                Issue.record("round \(round): after a kill at \(delay) s the output is neither the old nor the new site")
            }
            // The next build succeeds and leaves no staging folder behind.
            _ = try site.builder().build()
            #expect(snapshot(of: site.output) == siteB)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.source.path).filter { $0.contains("sitegen-") && $0 != ".public.sitegen-lock" }  // the build lock stays by design
            #expect(leftovers.isEmpty, "round \(round): \(leftovers)")
        }
        // Both outcomes happen, so the kills really landed before and after the swap.
        #expect(sawOld > 0 && sawNew > 0)
        print("kill test: \(sawOld) kills left the old site, \(sawNew) the new one (build ≈ \(Int(buildSeconds * 1000)) ms)")
    }
}
