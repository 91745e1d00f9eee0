import SitegenModel
import SitegenSupport
import Foundation

/// The author's lints that `sitegen check` adds to the build's own validation: things
/// that are not wrong enough to stop a build, but that an editor wants to see.
public struct Lints {
    public struct Options: Sendable {
        /// Flag salary figures whose `as_of` is older than this many years.
        public var salaryMaxAgeYears: Int
        /// List every external link (never fetched).
        public var listExternalLinks: Bool
        public var today: Day

        public init(salaryMaxAgeYears: Int = 3, listExternalLinks: Bool = true, today: Day = Day(.now)) {
            self.salaryMaxAgeYears = salaryMaxAgeYears
            self.listExternalLinks = listExternalLinks
            self.today = today
        }
    }

    let site: Site
    let options: Options

    public func run() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for skill in site.skills where (site.articlesBySkill[skill.id] ?? []).isEmpty {
            diagnostics.append(Diagnostic(.warning, skill.source, "skill \"\(skill.id)\" is taught by no article"))
        }
        let maxAge = site.config.salaryMaxAgeYears ?? options.salaryMaxAgeYears
        for figure in site.salaries {
            guard let asOf = figure.asOf, let year = Int(asOf.prefix(4)) else {
                diagnostics.append(Diagnostic(.note, figure.location, "salary figure for \"\(figure.role), \(figure.region)\" has no date (as_of); the page shows \"date not given\""))
                continue
            }
            if options.today.year - year > maxAge {
                diagnostics.append(Diagnostic(.warning, figure.location, "salary figure for \"\(figure.role), \(figure.region)\" is from \(asOf), more than \(maxAge) years ago"))
            }
        }
        for article in site.articles {
            if article.skills.isEmpty {
                diagnostics.append(Diagnostic(.warning, article.source, "article names no skills"))
            }
            diagnostics += lint(article.body, path: article.source.path)
        }
        for page in site.pages {
            diagnostics += lint(page.body, path: page.source.path)
        }
        return diagnostics
    }

    private func lint(_ body: RenderedMarkdown, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The page title is the H1, so the body's headings start at H2.
        var previousLevel = 1
        for heading in body.headings {
            if heading.level == 1 {
                diagnostics.append(Diagnostic(.warning, SourceLocation(path: path, line: heading.line, column: 1),
                                              "heading \"\(heading.text)\" is level 1, but the title is the page's only H1; use ##"))
            } else if heading.level > previousLevel + 1 {
                diagnostics.append(Diagnostic(.warning, SourceLocation(path: path, line: heading.line, column: 1),
                                              "heading \"\(heading.text)\" skips from level \(previousLevel) to \(heading.level)"))
            }
            previousLevel = heading.level
        }
        for block in body.plainCodeBlocks {
            diagnostics.append(Diagnostic(.note, SourceLocation(path: path, line: block.line, column: 1),
                                          "code block in \"\(block.language)\" is shown without colours: no grammar for that language (add one as templates/languages/\(block.language).lang, or use a name the README lists)"))
        }
        for link in body.links {
            let location = SourceLocation(path: path, line: link.line, column: link.column)
            if link.isImage && link.text.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(Diagnostic(.warning, location, "image \"\(link.destination)\" has no alt text; describe it, e.g. ![A diagram of ...](...)"))
            }
            if options.listExternalLinks, case .external = LinkResolver.classify(link.destination, from: "articles/x.md"),
               link.destination.hasPrefix("http") {
                diagnostics.append(Diagnostic(.note, location, "external link \(link.destination) (not checked)"))
            }
        }
        return diagnostics
    }
}
