import SitegenModel
import Foundation

/// `sitegen new site DIR`: a complete small site (settings, two skills, one article, one
/// page, the default theme) that builds with no warning, written only into an empty or new
/// folder.
extension Scaffold {
    /// The files of a new site, by path below the site folder.
    static func newSiteFiles(today: Day) -> [(path: String, text: String)] {
        let content: [(String, String)] = [
            ("content/site.yaml", """
                title: My Site
                description: >-
                  Say in a sentence or two what this site is for; it is the home page's description.
                # Where the site will be published. A path such as /docs/ works for a preview;
                # put the full address here before publishing, e.g. https://example.org/docs/
                base_url: /
                language: en
                # The articles list and skill pages show this many articles a page (default 50).
                # page_size: 50

                """),
            ("content/skills.yaml", """
                # The skills articles teach; each gets a page at /skills/<id>/.
                - id: writing
                  name: Writing
                  category: Basics
                  description: >-
                    Putting ideas into plain words a reader can follow.
                - id: publishing
                  name: Publishing
                  category: Basics
                  description: >-
                    Getting what you wrote in front of readers.

                """),
            ("content/articles/first-article.md", """
                ---
                title: "My first article"
                summary: "What this article is about, in a sentence or two: lists and search show it."
                date: \(today.iso)
                skills: [writing, publishing]
                ---

                ## Start here

                This is an article: Markdown with YAML front matter. Its file name,
                `first-article.md`, is its address, `/articles/first-article/`.

                Link other articles by their file name, pages as `../pages/about.md`:
                read [about this site](../pages/about.md).

                ## Next steps

                Start another with `sitegen new article "Title"`, and preview as you write
                with `sitegen serve`.

                """),
            ("content/pages/about.md", """
                ---
                title: About
                summary: Who writes this site, and why.
                ---

                ## Who we are

                A page of `content/pages/` gets a link in the main navigation.

                """),
            (".gitignore", """
                # The built site and sitegen's cache of outside-link checks.
                /public/
                /.sitegen-cache/

                """),
        ]
        return content + DefaultTheme.files.map { ("templates/" + $0.path, $0.text) }
    }

    /// Writes a new site into `folder`, which must be missing or empty. Returns the folder
    /// as given.
    @discardableResult
    public static func newSite(at folder: String, today: Day = BuildOptions.defaultToday) throws(Failure) -> String {
        let root = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .exists("\(folder): error: a file of that name exists; choose a new folder") }
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: root.path) } catch {
                throw .io("\(folder): error: cannot read the folder: \(describe(error))")
            }
            if !entries.isEmpty {
                throw .exists("\(folder): error: the folder is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies")); a new site goes into a new or empty folder")
            }
        }
        for (path, text) in newSiteFiles(today: today) {
            let url = root.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Never replaces a file, even one that appeared since the folder was found empty.
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw .io("\(folder)/\(path): error: cannot write the file: \(describe(error))")
            }
        }
        return folder
    }
}
