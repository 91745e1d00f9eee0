import Foundation
import Testing
import SitegenTestSupport
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

    /// Problems with a file as a whole (its name, its existence, its place), where no line
    /// can be given. Every other error must point at a line and column.
    static let wholeFileErrors = ["bad slug ", "two files for the same URL ", "missing template ", "content folder not found"]

    /// Runs the real `sitegen build` on each bad fixture and checks what it prints (not
    /// `expected.txt`): every error line is `path:line:col: error: message`, the position
    /// inside that file, or names a file as a whole that exists or that the fixture removed.
    @Test(arguments: Fixtures.badCases)
    func everyErrorNamesAFile(_ name: String) throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let overlay = Fixtures.bad.appendingPathComponent(name)
        try site.apply(overlay: overlay)
        let removed = ((try? String(contentsOf: overlay.appendingPathComponent("delete.txt"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)

        let result = try CommandLineTests().run(["build"], in: site.source)
        #expect(result.status == 1, "\(name): \(result)")
        var lines = result.err.split(separator: "\n").map(String.init)
        let summary = lines.popLast() ?? ""
        let errors = lines.filter { $0.contains(": error: ") }
        #expect(!errors.isEmpty, "\(name): no error printed")
        #expect(summary == "build failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); the previous output was left as it was",
                "\(name): \(summary)")
        // What is printed is what the build reports (and `expected.txt` is compared with that).
        #expect(errors == site.buildErrors(), "\(name)")

        for line in lines {
            guard let marker = line.firstMatch(of: /: (error|warning|note):[ ]/), marker.range.upperBound < line.endIndex else {
                Issue.record("\(name): not in the compiler format: \(line)")
                continue
            }
            let location = line[..<marker.range.lowerBound].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let path = location[0]
            #expect(path.hasPrefix("content") || path.hasPrefix("templates"), "\(name): \(line)")
            #expect(!path.hasPrefix("/") && !path.contains(site.root.path), "\(name): an absolute path: \(line)")
            guard marker.output.1 == "error" else { continue }
            let message = line[marker.range.upperBound...]
            let file = site.source.appendingPathComponent(path)
            if location.count == 1 {
                #expect(Self.wholeFileErrors.contains { message.hasPrefix($0) },
                        "\(name): an error without a position: \(line)")
                #expect(FileManager.default.fileExists(atPath: file.path) || removed.contains(path),
                        "\(name): names a file that neither exists nor was removed: \(line)")
                continue
            }
            guard location.count == 3, let lineNumber = Int(location[1]), let column = Int(location[2]) else {
                Issue.record("\(name): a position needs a line and a column: \(line)")
                continue
            }
            let bytes = try #require(FileManager.default.contents(atPath: file.path), "\(name): no file \(path): \(line)")
            // Lines of bytes, so a file that is not UTF-8 can still be measured.
            let fileLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(lineNumber >= 1 && lineNumber <= fileLines.count, "\(name): line \(lineNumber) is outside the file (\(fileLines.count) lines): \(line)")
            if lineNumber >= 1 && lineNumber <= fileLines.count {
                #expect(column >= 1 && column <= fileLines[lineNumber - 1].count + 1,
                        "\(name): column \(column) is outside line \(lineNumber): \(line)")
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
