import Foundation
import Testing
import Synchronization
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// sitegen must never write or delete outside its output folder, nor use a folder that
/// would put the sources at risk.
@Suite struct OutputFolderTests {
    func refusal(_ output: (ScratchSite) -> URL, force: Bool = false) throws -> String? {
        let site = try ScratchSite()
        defer { site.remove() }
        let before = snapshot(of: site.root)
        defer { #expect(snapshot(of: site.root) == before, "a refused build changed files") }
        do {
            _ = try site.builder(output: output(site), force: force).build()
            return nil
        } catch {
            return error.diagnostics.first { $0.severity == .error }?.message
        }
    }

    @Test func refusesTheSourceFolder() throws {
        #expect(try refusal { $0.source }?.contains("it is the source folder") == true)
    }

    @Test func refusesContentAndTemplates() throws {
        #expect(try refusal { $0.source.appendingPathComponent("content") }?.contains("it is the content folder") == true)
        #expect(try refusal { $0.source.appendingPathComponent("templates") }?.contains("it is the templates folder") == true)
        #expect(try refusal { $0.source.appendingPathComponent("content/articles") }?.contains("inside the content folder") == true)
    }

    @Test func refusesAFolderThatContainsTheSources() throws {
        #expect(try refusal { $0.root }?.contains("contains the source folder") == true)
    }

    @Test func refusesASymlinkToTheContent() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let link = site.root.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.source.appendingPathComponent("content"))
        #expect(site.buildErrors(output: link)?.first?.contains("it is the content folder") == true)
    }

    @Test func refusesAForeignNonEmptyFolderUnlessForced() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let foreign = site.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(site.buildErrors(output: foreign)?.first?.contains("not made by sitegen") == true)
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
        _ = try site.builder(output: foreign, force: true).build()
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("index.html").path))
    }

    @Test func refusesRootAndHome() throws {
        #expect(try refusal { _ in URL(fileURLWithPath: "/") }?.contains("root folder") == true)
        #expect(try refusal { _ in FileManager.default.homeDirectoryForCurrentUser }?.contains("home folder") == true)
    }

    @Test func anEmptyOrMissingFolderIsFine() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let fresh = site.root.appendingPathComponent("deep/new/out")
        _ = try site.builder(output: fresh).build()
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent(".sitegen-output").path))
    }

    /// A build killed between making its staging folder and writing the marker into it
    /// left an empty folder that no later build removed. Leftovers go when their owner is
    /// gone; a live build's folder (here pid 1, always alive) is kept.
    @Test func removesLeftoversOfDeadBuildsOnly() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let fileManager = FileManager.default
        let dead = site.source.appendingPathComponent(".public.sitegen-new-\(try deadPID())")
        let live = site.source.appendingPathComponent(".public.sitegen-new-1")
        try fileManager.createDirectory(at: dead, withIntermediateDirectories: false)
        try fileManager.createDirectory(at: live, withIntermediateDirectories: false)
        try OutputWriter.markerText.write(to: live.appendingPathComponent(OutputWriter.markerName), atomically: false, encoding: .utf8)
        _ = try site.builder().build()
        #expect(!fileManager.fileExists(atPath: dead.path), "an empty leftover of a dead build stays")
        #expect(fileManager.fileExists(atPath: live.path), "a live build's staging folder was removed")
    }

    /// A build killed while removing the old site (after the swap) left a folder without
    /// its marker and not empty, which no later build would touch: CI saw it once in the
    /// kill test. Cut off after any number of removals, what is left is still recognised
    /// as sitegen's, and the next build removes it.
    @Test func aRemovalCutOffAnywhereLeavesAFolderTheNextBuildRemoves() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let fileManager = FileManager.default
        let leftover = site.source.appendingPathComponent(".public.sitegen-new-\(try deadPID())")
        func makeOldSite() throws {
            for folder in ["articles/a", "articles/b", "skills/x"] {
                try fileManager.createDirectory(at: leftover.appendingPathComponent(folder), withIntermediateDirectories: true)
                try "<p>page</p>".write(to: leftover.appendingPathComponent(folder + "/index.html"), atomically: false, encoding: .utf8)
            }
            for file in ["index.html", "feed.xml", "zz.txt", OutputWriter.markerName] {
                try "x".write(to: leftover.appendingPathComponent(file), atomically: false, encoding: .utf8)
            }
        }
        try makeOldSite()
        let steps = Mutex(0)
        OutputWriter.removeTree(leftover) { path in
            steps.withLock { $0 += 1 }
            try? FileManager.default.removeItem(atPath: path)
        }
        let total = steps.withLock { $0 }
        #expect(!fileManager.fileExists(atPath: leftover.path))
        for cut in 0..<total {
            try makeOldSite()
            let done = Mutex(0)
            OutputWriter.removeTree(leftover) { path in
                // A kill after `cut` removals: nothing more happens.
                guard done.withLock({ count in count += 1; return count <= cut }) else { return }
                try? FileManager.default.removeItem(atPath: path)
            }
            let remaining = (try? fileManager.contentsOfDirectory(atPath: leftover.path)) ?? []
            #expect(remaining.isEmpty || remaining.contains(OutputWriter.markerName),
                    "cut after \(cut) of \(total) removals: \(remaining) has no marker")
            _ = try site.builder().build()
            #expect(!fileManager.fileExists(atPath: leftover.path), "cut after \(cut) of \(total) removals: the leftover stays")
        }
    }
}
