import Foundation
import Testing
@testable import SitegenKit
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// Each folder under Fixtures/bad/ is one kind of bad input: files laid over a copy of the
/// good site (and `delete.txt` for files to remove), with the exact error lines expected
/// in `expected.txt`. The previous output must survive each failed build untouched.
@Suite struct BadInputTests {
    @Test(arguments: Fixtures.badCases)
    func badInputIsReportedAndLosesNothing(_ name: String) throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let first = site.buildErrors()
        #expect(first == nil, "the good fixture must build: \(first ?? [])")
        let before = snapshot(of: site.output)
        #expect(before.count > 10)

        let overlay = Fixtures.bad.appendingPathComponent(name)
        try site.apply(overlay: overlay)
        let expected = try String(contentsOf: overlay.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty, "\(name)/expected.txt lists no error")

        let errors = try #require(site.buildErrors(), "\(name): the build should fail")
        #expect(errors == expected)
        #expect(snapshot(of: site.output) == before, "\(name): the previous output changed")
    }

    @Test func everyErrorNamesAFile() throws {
        // Positions are part of every expected line where a position can be known.
        for name in Fixtures.badCases {
            let text = try String(contentsOf: Fixtures.bad.appendingPathComponent("\(name)/expected.txt"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                #expect(line.contains(": error: "), "\(name): \(line)")
                #expect(line.hasPrefix("content") || line.hasPrefix("templates"), "\(name): \(line)")
            }
        }
    }

    @Test func aBuildThatNeverSucceededWritesNothing() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/articles/intro.md", "no front matter\n")
        #expect(site.buildErrors() != nil)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        // No staging folder is left beside the output either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.source.path)
        #expect(!siblings.contains { $0.contains("sitegen-") })
    }

    @Test func bomAndCRLFFilesWork() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let text = "\u{FEFF}---\r\ntitle: Windows file\r\nsummary: Saved with CRLF and a BOM.\r\ndate: 2024-01-15\r\nskills: [alpha]\r\n---\r\n\r\n## Heading\r\n\r\nBody.\r\n"
        try site.write("content/articles/windows.md", text)
        #expect(site.buildErrors() == nil)
        let html = try site.read("articles/windows/index.html")
        #expect(html.contains("<h1>Windows file</h1>"))
        #expect(html.contains("<h2 id=\"heading\">"))
    }
}
