import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
import SitegenModel
import SitegenServe

/// The builder fed by what `FileWatcher` reported, as `sitegen serve` runs it.
@Suite struct WatcherRebuildTests {
    /// `sitegen serve` hands the builder what inotify reported, and the builder looks at
    /// those files alone: after every kind of change the result must still equal a fresh build.
    @Test func rebuildsFromWatcherReportsMatchAFreshBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let builder = Pipeline(options: site.builder().options)
        let watcher = try #require(FileWatcher(roots: builder.watchedFolders))
        #expect(!builder.run().diagnostics.hasErrors)
        let articles = site.source.appendingPathComponent("content/articles")

        func rebuildFromReport(_ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let outcome = builder.run(changes: watcher.pollChanges() ?? .paths([]))
            #expect(!outcome.diagnostics.hasErrors, "\(step): \(outcome.diagnostics)", sourceLocation: sourceLocation)
            let expected = freshBuild(site), actual = contents(outcome.files)
            let differing = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
            #expect(differing.isEmpty, "\(step): these files differ from a fresh build", sourceLocation: sourceLocation)
        }

        try edit(site, "content/articles/second.md") { $0 + "\nOne more paragraph.\n" }
        var report = watcher.pollChanges()
        #expect(report == .paths([articles.appendingPathComponent("second.md").path]))
        #expect(builder.run(changes: report).renderedCount > 0)
        #expect(contents(builder.run(changes: .paths([])).files) == freshBuild(site))

        try site.write("content/articles/third.md", "---\ntitle: Third\nsummary: New.\ndate: 2024-05-01\nskills: [alpha]\n---\n\nText.\n")
        rebuildFromReport("a new article")

        // Editors often save by writing a hidden file and renaming it over the old one.
        try site.write("content/articles/.third.md.swp", "---\ntitle: Third, renamed in\nsummary: New.\ndate: 2024-05-01\nskills: [beta]\n---\n\nText.\n")
        _ = rename(articles.appendingPathComponent(".third.md.swp").path, articles.appendingPathComponent("third.md").path)
        rebuildFromReport("an article saved by rename")

        try FileManager.default.removeItem(at: articles.appendingPathComponent("third.md"))
        rebuildFromReport("a removed article")

        // The whole folder replaced (a branch switch, say): it is listed again.
        let replacement = site.root.appendingPathComponent("articles-elsewhere")
        try FileManager.default.copyItem(at: articles, to: replacement)
        let fourth = "---\ntitle: Fourth\nsummary: In the new folder.\ndate: 2024-07-01\nskills: [beta]\n---\n\nText.\n"
        try Data(fourth.utf8).write(to: replacement.appendingPathComponent("fourth.md"))
        try FileManager.default.removeItem(at: articles)
        try FileManager.default.moveItem(at: replacement, to: articles)
        rebuildFromReport("the articles folder replaced")
        try edit(site, "content/articles/fourth.md") { $0.replacingOccurrences(of: "title: Fourth", with: "title: Fourth, edited") }
        rebuildFromReport("an article in the replaced folder")
        // A report that names only the folder (no file in it) still finds what it holds.
        try site.write("content/articles/fifth.md", fourth.replacingOccurrences(of: "title: Fourth", with: "title: Fifth"))
        _ = watcher.pollChanges()
        let folderOnly = builder.run(changes: .paths([articles.path]))
        #expect(contents(folderOnly.files) == freshBuild(site))

        try edit(site, "content/skills.yaml") { $0.replacingOccurrences(of: "name: Alpha", with: "name: Alpha skill") }
        rebuildFromReport("skills.yaml")

        try edit(site, "templates/layout.mustache") { $0.replacingOccurrences(of: "<main id=\"main\">", with: "<main id=\"main\" class=\"x\">") }
        rebuildFromReport("a template")

        // A symlinked article whose target sits outside the watched folders: its change
        // sends no event for the link, so links are looked at every time.
        try site.write("notes/linked.md", "---\ntitle: Linked\nsummary: Through a link.\ndate: 2024-06-01\nskills: [alpha]\n---\n\nFirst.\n")
        try FileManager.default.createSymbolicLink(atPath: articles.appendingPathComponent("linked.md").path,
                                                   withDestinationPath: site.source.appendingPathComponent("notes/linked.md").path)
        rebuildFromReport("a new symlinked article")
        try edit(site, "notes/linked.md") { $0.replacingOccurrences(of: "First.", with: "Second, longer text.") }
        #expect(watcher.pollChanges() == nil)
        rebuildFromReport("the target of a symlinked article")

        // A new folder of templates: the files already in it count as changed.
        let staged = site.root.appendingPathComponent("staged-partials")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data("<p>{{title}}</p>\n".utf8).write(to: staged.appendingPathComponent("extra.mustache"))
        try FileManager.default.moveItem(at: staged, to: site.source.appendingPathComponent("templates/extra"))
        report = watcher.pollChanges()
        #expect(report == .paths([site.source.appendingPathComponent("templates/extra").path,
                                  site.source.appendingPathComponent("templates/extra/extra.mustache").path]))
        try Data("<p>{{summary}}</p>\n".utf8).write(to: site.source.appendingPathComponent("templates/extra/extra.mustache"))
        #expect(watcher.pollChanges() == .paths([site.source.appendingPathComponent("templates/extra/extra.mustache").path]))
    }

    /// A new article that opens a new page of the articles list and of a skill page, as
    /// `sitegen serve` sees it: the rebuild has the new pages and equals a fresh build; removing
    /// the article takes them away again.
    @Test func anArticleThatOpensANewPageRebuildsLikeAFreshBuild() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try edit(site, "content/site.yaml") { $0 + "page_size: 2\n" }
        let builder = Pipeline(options: site.builder().options)
        let watcher = try #require(FileWatcher(roots: builder.watchedFolders))
        let first = builder.run()
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics)")
        #expect(!first.files.contains { $0.path == "articles/page/2/index.html" })

        try site.write("content/articles/third.md", "---\ntitle: Third\nsummary: New.\ndate: 2024-05-01\nskills: [beta]\n---\n\nText.\n")
        let added = builder.run(changes: watcher.pollChanges() ?? .paths([]))
        let paths = Set(added.files.map(\.path))
        #expect(paths.contains("articles/page/2/index.html") && paths.contains("skills/beta/page/2/index.html"))
        #expect(added.changedPaths.contains("articles/page/2/index.html"))
        #expect(contents(added.files) == freshBuild(site))

        try FileManager.default.removeItem(at: site.source.appendingPathComponent("content/articles/third.md"))
        let removed = builder.run(changes: watcher.pollChanges() ?? .paths([]))
        #expect(!removed.files.contains { $0.path == "articles/page/2/index.html" || $0.path == "skills/beta/page/2/index.html" })
        #expect(contents(removed.files) == freshBuild(site))
    }
}
