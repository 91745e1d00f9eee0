import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// A base URL is written into every page's attributes: characters that could end one are
/// refused at load, from site.yaml (at its line and column) or from --base-url.
@Suite struct BaseURLSafetyTests {
    @Test(arguments: [("/docs\"/", "a double quote (\")"), ("/a b/", "a space"), ("/a<b/", "\"<\""), ("/a>b/", "\">\""),
                      ("/a\tb/", "white space"), ("/a'b/", "a single quote (')"), ("https://example.org/a\u{1B}[2J/", "a control character"),
                      ("/caf\u{E9}/", "\"\u{E9}\" (outside ASCII: percent-encode it)")])
    func unsafeBaseURLsAreRefused(url: String, named: String) throws {
        let site = try ScratchSite()
        defer { site.remove() }
        do {
            _ = try site.builder(baseURL: url).build()
            Issue.record("\(url) was accepted")
        } catch {
            let line = error.diagnostics.map(\.description).first { $0.hasPrefix("--base-url: error: base_url: ") }
            #expect(line?.contains("contains \(named), which is not allowed in a base URL") == true, "\(error.diagnostics)")
            #expect(line?.contains("\u{1B}") == false, "a control character reached the message raw")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func safeBaseURLsStillWork() throws {
        for url in ["/", "/preview/", "https://example.org/guide/", "http://localhost:8080/a-b_c~d/", "/%7Euser/"] {
            let site = try ScratchSite()
            defer { site.remove() }
            _ = try site.builder(baseURL: url).build()
        }
    }

    /// Escaped where `site.asset` writes it, whatever got through.
    @Test func assetURLsAreEscaped() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-asset-\(UUID().uuidString).png")
        try Data("png".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let catalog = AssetCatalog(assets: [StaticFile(outputPath: "assets/x.png", sourceURLPath: file.path, displayPath: "x.png")])
        #expect(catalog.url(of: " assets/x.png ", basePath: "/a\"onload=\"<b>/") == "/a&quot;onload=&quot;&lt;b&gt;/assets/x.png")
        #expect(catalog.url(of: "assets/x.png", basePath: "/guide/") == "/guide/assets/x.png")
    }
}

/// Diagnostics print control characters from files escaped, so a skill id holding an
/// escape sequence cannot clear the terminal.
@Suite struct TerminalSafetyTests {
    @Test func controlCharactersAreEscapedInDiagnostics() throws {
        let line = Diagnostic.error(SourceLocation(path: "content/a\nb.md", line: 2, column: 3), "unknown skill \"\u{1B}[2Jx\u{7F}\"").description
        #expect(line == "content/a\\u{A}b.md:2:3: error: unknown skill \"\\u{1B}[2Jx\\u{7F}\"")
        #expect(Diagnostic.terminalSafe("plain é text") == "plain é text")
    }

    @Test func aSkillIDWithAnEscapeSequenceIsPrintedEscaped() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try edit(site, "content/articles/intro.md") { $0.replacingOccurrences(of: "skills: [", with: "skills: [\"\\e[2Jevil\", ") }
        let errors = site.buildErrors() ?? []
        #expect(errors.contains { $0.contains("\\u{1B}[2Jevil") }, "\(errors)")
        #expect(!errors.contains { $0.contains("\u{1B}") })
    }
}

/// `sitegen new article` with a title that would break its file: a clear error, or a
/// file that builds.
@Suite struct NewArticleTitleTests {
    @Test func aTitleWithLineBreaksIsRefused() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        for title in ["ab\n---\nc", "tab\tbed", "bell\u{7}"] {
            do {
                try Scaffold.newArticle(title: title, source: site.source.path)
                Issue.record("\(title.debugDescription) was accepted")
            } catch {
                #expect(error.description.contains("the title must be one line of text"), "\(error)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.source.appendingPathComponent("content/articles").path).count == 3)
    }

    /// A 5,000-character title failed with "File name too long": the slug is cut at a
    /// hyphen, the title kept whole, and the article builds.
    @Test func aVeryLongTitleGetsAShortFileName() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let title = String(repeating: "Long words here ", count: 313).trimmingCharacters(in: .whitespaces)
        #expect(title.count > 4_990)
        let path = try Scaffold.newArticle(title: title, source: site.source.path, today: Fixtures.today)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        #expect(name.count <= Scaffold.maximumSlugLength && name.hasPrefix("long-words-here-") && !name.hasSuffix("-"), "\(name)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(title))
        let (_, diagnostics) = Builder(options: BuildOptions(source: site.source.path, output: site.output.path, includeDrafts: true)).renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
    }

    /// `---` inside a one-line title is just text.
    @Test func dashesInATitleAreText() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try Scaffold.newArticle(title: "Before --- after", source: site.source.path, today: Fixtures.today)
        let (_, diagnostics) = Builder(options: BuildOptions(source: site.source.path, output: site.output.path, includeDrafts: true)).renderSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
    }
}
