import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// Whatever it is fed, sitegen gives a clear diagnostic or works; it never crashes, hangs,
/// reads outside the site or changes a source file.
@Suite struct HostileInputTests {
    let article = "---\ntitle: T\nsummary: S\ndate: 2024-01-15\nskills: [alpha]\n---\n\n"

    func errors(_ site: ScratchSite) -> [String] {
        site.buildErrors() ?? []
    }

    @Test func symlinksOutsideTheSiteAreRefused() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let secret = site.root.appendingPathComponent("secret.md")
        try Data((article + "secret").utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: site.source.appendingPathComponent("content/articles/leak.md"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: site.source.appendingPathComponent("content/static/passwd"),
                                                   withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let found = errors(site)
        #expect(found.contains { $0.hasPrefix("content/articles/leak.md: error: symlink points outside the site folder") })
        #expect(found.contains { $0.hasPrefix("content/static/passwd: error: symlink points outside the site folder (to /etc/passwd)") })
    }

    @Test func symlinkLoopsAndSpecialFilesGetDiagnostics() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let articles = site.source.appendingPathComponent("content/articles")
        try FileManager.default.createSymbolicLink(atPath: articles.appendingPathComponent("loop-a.md").path, withDestinationPath: "loop-b.md")
        try FileManager.default.createSymbolicLink(atPath: articles.appendingPathComponent("loop-b.md").path, withDestinationPath: "loop-a.md")
        #expect(mkfifo(articles.appendingPathComponent("pipe.md").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: articles.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        let found = errors(site)
        #expect(found.contains("content/articles/loop-a.md: error: cannot follow symlink: a symlink loop"))
        #expect(found.contains("content/articles/pipe.md: error: not a regular file (a folder, FIFO or device); sitegen reads only files"))
        #expect(found.contains("content/articles/folder.md: error: not a regular file (a folder, FIFO or device); sitegen reads only files"))
    }

    @Test func symlinksInsideTheSiteWork() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.source.appendingPathComponent("content/static/alias.png").path,
                                                   withDestinationPath: "images/pixel.png")
        #expect(errors(site).isEmpty)
        let copied = site.output.appendingPathComponent("alias.png")
        let attributes = try FileManager.default.attributesOfItem(atPath: copied.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func hugeBinaryEmptyAndBrokenFilesAreReported() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let articles = site.source.appendingPathComponent("content/articles")
        try Data(count: SiteLayout.maximumFileSize + 1).write(to: articles.appendingPathComponent("huge.md"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE]).write(to: articles.appendingPathComponent("binary.md"))
        try Data().write(to: articles.appendingPathComponent("empty.md"))
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xC3]).write(to: articles.appendingPathComponent("cut.md"))
        let found = errors(site)
        #expect(found.contains("content/articles/huge.md: error: file is too large (16 MB; the limit is 16 MB)"))
        #expect(found.contains { $0.hasPrefix("content/articles/binary.md:1:9: error: file is not valid UTF-8") })
        #expect(found.contains { $0.hasPrefix("content/articles/empty.md:1:1: error: missing front matter") })
        #expect(found.contains { $0.hasPrefix("content/articles/cut.md:2:1: error: file is not valid UTF-8") })
    }

    @Test func pathologicalMarkdownRenders() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        var nested = ""
        for depth in 0..<2_000 { nested += String(repeating: "  ", count: depth) + "- item\n" }
        try site.write("content/articles/nested.md", article + nested + "\n" + String(repeating: ">", count: 20_000) + " deep\n\n---\n\nAfter a rule.\n"
                       + String(repeating: "[", count: 50_000) + String(repeating: "*", count: 50_000) + "\n")
        #expect(errors(site).isEmpty)
        let html = try site.read("articles/nested/index.html")
        #expect(html.contains("<hr />"))
        #expect(html.contains("After a rule."))
    }

    @Test func buildNeverChangesSources() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let content = snapshot(of: site.source.appendingPathComponent("content"))
        let templates = snapshot(of: site.source.appendingPathComponent("templates"))
        _ = try site.builder().build()
        _ = try site.builder().build()
        #expect(snapshot(of: site.source.appendingPathComponent("content")) == content)
        #expect(snapshot(of: site.source.appendingPathComponent("templates")) == templates)
    }

    @Test func valuesAreEscapedEverywhere() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let evil = "<script>alert(1)</script>\\\" onmouseover=\\\"x"
        try site.write("content/articles/evil.md", "---\ntitle: \"\(evil)\"\nsummary: \"\(evil)\"\ndate: 2024-01-15\nskills: [alpha]\n---\n\n## <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) <javascript:alert(1)>\n")
        try site.write("content/salaries.yaml", "- role: \"\(evil)\"\n  region: R\n  currency: USD\n  amount: 1\n  source: \"\(evil)\"\n")
        #expect(errors(site).isEmpty)
        for path in ["articles/evil/index.html", "index.html", "skills/alpha/index.html", "salaries/index.html",
                     "feed.xml", "search/index.html", "search/documents-0.json", "search/terms-0.json", "search/postings-0.json"] {
            let text = try site.read(path)
            // No injected element, no script URL in an attribute, no attribute broken out of.
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.lowercased().contains("href=\"javascript:"), "\(path)")
            #expect(!text.lowercased().contains("<img src=x"), "\(path)")
            #expect(!text.contains("onmouseover=\"x"), "\(path)")
        }
    }
}
