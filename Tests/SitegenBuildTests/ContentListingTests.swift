import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport
#if canImport(Glibc)
import Glibc
#endif

/// Content that is missing or cannot be read is never dropped without a word: a folder
/// that exists but cannot be listed, or a symlink to nowhere or in a loop, is an error
/// with its path and the previous site stays; a missing `content/articles` is a warning
/// and the summary line counts the articles published.
@Suite struct ContentListingTests {
    /// Builds once, breaks the site with `damage`, builds again: the errors of the second
    /// build, after checking it left the first build's site as it was.
    func errorsAfter(_ damage: (ScratchSite) throws -> Void) throws -> [String] {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let before = snapshot(of: site.output)
        try damage(site)
        let errors = site.buildErrors() ?? []
        #expect(snapshot(of: site.output) == before, "a failed build changed the output")
        return errors
    }

    @Test func aDanglingArticlesSymlinkIsAnError() throws {
        let errors = try errorsAfter { site in
            let articles = site.source.appendingPathComponent("content/articles")
            try FileManager.default.moveItem(at: articles, to: site.root.appendingPathComponent("moved"))
            try FileManager.default.createSymbolicLink(atPath: articles.path, withDestinationPath: "gone")
        }
        #expect(errors.contains("content/articles: error: cannot read folder: it is a symlink to gone, which does not exist"), "\(errors)")
    }

    @Test func anArticlesSymlinkLoopIsAnError() throws {
        let errors = try errorsAfter { site in
            let articles = site.source.appendingPathComponent("content/articles")
            try FileManager.default.removeItem(at: articles)
            try FileManager.default.createSymbolicLink(atPath: articles.path, withDestinationPath: "articles")
        }
        #expect(errors.contains("content/articles: error: cannot read folder: it is a symlink loop"), "\(errors)")
    }

    @Test func aFileNamedPagesIsAnError() throws {
        let errors = try errorsAfter { site in
            try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/pages"))
            try site.write("content/pages", "not a folder")
        }
        #expect(errors.contains("content/pages: error: is a file, expected a folder"), "\(errors)")
    }

    @Test func aDanglingSymlinkedStaticFolderIsAnError() throws {
        let errors = try errorsAfter { site in
            try FileManager.default.createSymbolicLink(atPath: site.source.appendingPathComponent("content/static/docs").path,
                                                       withDestinationPath: "../nowhere")
        }
        #expect(errors.contains { $0.hasPrefix("content/static/docs: error: cannot follow symlink") }, "\(errors)")
    }

    /// A site with no articles folder still builds, with a warning that names it, and its
    /// summary line says it published no articles.
    @Test func aMissingArticlesFolderIsAWarning() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/articles"))
        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/pages"))
        let report = try site.builder().build()
        #expect(report.warnings.map(\.description).contains { $0.hasSuffix("content/articles: warning: folder not found: the site has no articles") },
                "\(report.warnings)")
        #expect(report.summary.hasPrefix("Built "))
        #expect(report.summary.contains(" files, 0 articles) in "), "\(report.summary)")
        #expect(try site.builder().build().articleCount == 0)
    }

    /// `.well-known/security.txt` and `.htaccess` are published; editor and VCS litter is not.
    @Test func hiddenStaticFilesArePublishedAndJunkIsNot() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/static/.well-known/security.txt", "Contact: mailto:security@example.org\n")
        try site.write("content/static/.htaccess", "Options -Indexes\n")
        for junk in [".DS_Store", "images/.DS_Store", ".git/config", "notes.md~", ".notes.md.swp", "Thumbs.db"] {
            try site.write("content/static/" + junk, "junk")
        }
        _ = try site.builder().build()
        #expect(try site.read(".well-known/security.txt") == "Contact: mailto:security@example.org\n")
        #expect(try site.read(".htaccess") == "Options -Indexes\n")
        for junk in [".DS_Store", "images/.DS_Store", ".git", "notes.md~", ".notes.md.swp", "Thumbs.db"] {
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(junk).path), "\(junk) was published")
        }
    }

    // MARK: - Folders this user cannot read

    /// Builds with the real command as a user who cannot read `folder` (mode 000): as
    /// root, the site is handed to `nobody` and the build runs as that user.
    func buildWithUnreadable(_ folder: String) throws -> (status: Int32, errors: String, unchanged: Bool)? {
        let asRoot = getuid() == 0
        if asRoot && !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") { return nil }
        let site = try ScratchSite()
        defer {
            chmod(site.source.appendingPathComponent(folder).path, 0o755)
            site.remove()
        }
        let sitegen = try #require(SitegenCommand.executable).path
        let launcher = asRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sitegen] : [sitegen]
        if asRoot {
            chmod(site.root.path, 0o755)
            _ = try run(["/bin/chown", "-R", "65534:65534", site.source.path])
        }
        let first = try run(launcher + ["build", "--quiet", "--source", site.source.path])
        #expect(first.status == 0, "\(first.output)")
        let before = snapshot(of: site.output)
        #expect(chmod(site.source.appendingPathComponent(folder).path, 0) == 0)
        let second = try run(launcher + ["build", "--quiet", "--source", site.source.path])
        return (second.status, second.output, snapshot(of: site.output) == before)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(["SITEGEN_NOW": "2026-11-28"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["content/articles", "content/pages", "content/static/images"])
    func anUnreadableFolderIsAnError(folder: String) throws {
        guard let result = try buildWithUnreadable(folder) else {
            print("skipped: running as root without setpriv, so no user here lacks the permission")
            return
        }
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("\(folder): error: cannot list folder: Permission denied"), "\(result.errors)")
        #expect(result.unchanged, "the failed build changed the output")
    }
}

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
