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
        // The pages that link into articles/ are not also reported: no cascade.
        #expect(errors == ["content/articles: error: cannot read folder: it is a symlink to gone, which does not exist"], "\(errors)")
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

    /// One YAML error in skills.yaml gave an error for every skill of every article and
    /// every link into /skills/: only the error itself is reported now.
    @Test func aBrokenSkillsFileDoesNotCascade() throws {
        let errors = try errorsAfter { site in
            try edit(site, "content/skills.yaml") { "- id: [unclosed\n" + $0 }
            try edit(site, "content/articles/intro.md") { $0 + "\nSee [the alpha skill](../skills/alpha/).\n" }
        }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.hasPrefix("content/skills.yaml:") }, "\(errors)")
    }

    /// A skills.yaml that loads still has its unknown skills and links reported.
    @Test func aGoodSkillsFileStillChecksSkills() throws {
        let errors = try errorsAfter { site in
            try edit(site, "content/articles/intro.md") {
                $0.replacingOccurrences(of: "skills: [", with: "skills: [nosuch, ") + "\nSee [a skill](../skills/nosuch/).\n"
            }
        }
        #expect(errors.contains { $0.contains("unknown skill \"nosuch\"") }, "\(errors)")
        #expect(errors.contains { $0.contains("broken link \"../skills/nosuch/\"") }, "\(errors)")
    }

    /// A folder named like a data file is not "missing": it is in the way.
    @Test func aFolderNamedSkillsYAMLIsReportedAsAFolder() throws {
        let errors = try errorsAfter { site in
            let skills = site.source.appendingPathComponent("content/skills.yaml")
            try FileManager.default.removeItem(at: skills)
            try FileManager.default.createDirectory(at: skills, withIntermediateDirectories: false)
        }
        #expect(errors.contains("content/skills.yaml: error: is a folder, expected a file"), "\(errors)")
        #expect(!errors.contains { $0.contains("missing file") }, "\(errors)")
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
            chmod(site.source.appendingPathComponent(folder).path, folder.contains(".") ? 0o644 : 0o755)
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

    /// An asset or static file this user cannot read was reported as a failure to write
    /// the site; it is a read error at the file, found with the other errors.
    @Test(arguments: ["content/static/images/pixel.png", "templates/assets/search.js"])
    func anUnreadableFileIsAReadError(file: String) throws {
        guard let result = try buildWithUnreadable(file) else {
            print("skipped: running as root without setpriv, so no user here lacks the permission")
            return
        }
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("\(file): error: cannot read file: Permission denied"), "\(result.errors)")
        #expect(!result.errors.contains("cannot write"), "\(result.errors)")
        #expect(result.unchanged, "the failed build changed the output")
    }

    /// Should a copied file become unreadable after it was checked, the writer still says
    /// which file and why, and leaves the old site.
    @Test func aFileUnreadableAtCopyTimeIsAReadErrorAtTheFile() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let before = snapshot(of: site.output)
        let writer = OutputWriter(layout: SiteLayout(source: site.source.path, output: site.output.path))
        let files = [OutputFile(path: "index.html", contents: .text("new"), origin: "home"),
                     OutputFile(path: "gone.png", contents: .copy(from: site.root.appendingPathComponent("gone.png").path),
                                origin: "content/static/gone.png")]
        do {
            try writer.write(files)
            Issue.record("the write succeeded")
        } catch {
            #expect(error.description == "content/static/gone.png: error: cannot read file: No such file or directory")
        }
        #expect(snapshot(of: site.output) == before)
    }
}
