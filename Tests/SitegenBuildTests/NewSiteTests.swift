import Foundation
import Testing
import Yams
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `sitegen new site DIR` and what a host needs in the output.
@Suite struct NewSiteTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aNewSiteBuildsAndChecksWithoutAWarning() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("my-site")
        try Scaffold.newSite(at: folder.path, today: Fixtures.today)
        let options = BuildOptions(source: folder.path, today: Fixtures.today)
        let report = try Builder(options: options).build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(Builder(options: options).check(lints: Lints.Options(today: Fixtures.today)).isEmpty)
        let output = folder.appendingPathComponent("public")
        for path in ["index.html", "articles/first-article/index.html", "pages/about/index.html", "skills/writing/index.html",
                     ".nojekyll", "404.html", "assets/"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "\(path)")
        }
        // The whole default theme, as the repository has it.
        for file in try DefaultThemeTests.themeOnDisk() {
            #expect(try String(contentsOf: folder.appendingPathComponent("templates/" + file.path), encoding: .utf8) == file.text)
        }
        #expect(try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8).contains("/public/"))
    }

    @Test func itRefusesAFolderThatIsNotEmpty() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("keep me".utf8).write(to: root.appendingPathComponent("notes.txt"))
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newSite(at: root.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes.txt"])
        #expect(try String(contentsOf: root.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        // A file in the way is refused too; an empty folder is fine.
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newSite(at: root.appendingPathComponent("notes.txt").path) }
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        try Scaffold.newSite(at: empty.path)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("content/site.yaml").path))
    }

    @Test func aFolderThatCannotBeWrittenIsAnError() throws {
        guard getuid() != 0 else { return }  // root writes anywhere
        let root = try temporaryFolder()
        defer {
            chmod(root.path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        chmod(root.path, 0o555)
        #expect {
            try Scaffold.newSite(at: root.appendingPathComponent("site").path)
        } throws: { error in
            (error as? Scaffold.Failure)?.description.contains("error: cannot write the file") == true
        }
    }

    @Test func theCommandPrintsTheNextThreeCommands() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try SitegenCommand.run(["new", "site", "my-site"], in: root)
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out == """
            Created a new site in my-site. Next:
              cd my-site
              sitegen serve     # preview at http://127.0.0.1:8080/, reloading as you save
              sitegen build     # write the site into public/

            """)
        let built = try SitegenCommand.run(["build"], in: root.appendingPathComponent("my-site"))
        #expect(built.status == 0 && built.err.isEmpty, "\(built.err)")
        let again = try SitegenCommand.run(["new", "site", "my-site"], in: root)
        #expect(again.status == 1)
        #expect(again.err.contains("my-site: error: the folder is not empty"), "\(again.err)")
    }

    /// The GitHub Pages recipe of the README: valid YAML that builds sitegen, builds the site
    /// with the Pages base URL and uploads `public/`, which carries what Pages needs.
    @Test func theGitHubPagesWorkflowBuildsAndUploadsTheSite() throws {
        let url = Fixtures.repository.appendingPathComponent("docs/publish/github-pages.yml")
        let workflow = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let build = try #require(jobs["build"] as? [String: Any])
        let steps = try #require(build["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        #expect(commands.contains { $0.contains("swift build -c release") })
        #expect(commands.contains { $0.contains("sitegen build --base-url") })
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact") == true })
        #expect((upload["with"] as? [String: Any])?["path"] as? String == "public")
        #expect((jobs["deploy"] as? [String: Any])?["needs"] as? String == "build")

        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        #expect(try Data(contentsOf: site.output.appendingPathComponent(".nojekyll")).isEmpty)
        #expect(try site.read("404.html").contains("<h1>Page not found</h1>"))
    }
}
