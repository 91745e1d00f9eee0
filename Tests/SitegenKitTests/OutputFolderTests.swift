import Foundation
import Testing
@testable import SitegenKit
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
}
