import SitegenModel
import SitegenSupport
import Foundation

/// Checks every internal link an author wrote against the rendered site: the target
/// page or file must be in the output, and a `#fragment` must be an `id` on the target
/// page. Working on the output (not the sources) means ids from templates count too.
struct LinkChecker {
    let site: Site
    /// Output files by path.
    let files: OutputLookup
    /// Slugs of drafts left out of this build, to explain why a link to one is broken.
    var draftSlugs: Set<String> = []

    /// The ids of a rendered page by its path, nil when there is no text to look into.
    /// Callers may supply a cache that outlives one check, or the ids a streamed build kept
    /// of pages it no longer holds. It is called from several threads at once.
    var ids: @Sendable (String) -> Set<String>?

    init(site: Site, files: OutputLookup, draftSlugs: Set<String> = []) {
        self.site = site
        self.files = files
        self.draftSlugs = draftSlugs
        ids = { path in files[path]?.text.map { HTMLScanner.ids(in: $0) } }
    }

    /// One article or page whose links are checked.
    struct Source: Sendable {
        var path: String
        /// `articles` or `pages`.
        var section: StaticString
        var slug: String
        var links: [MarkdownLink]
        var contentHash: Int
    }

    /// What checking one source found, and which pages' ids it depended on.
    struct SourceResult: Sendable {
        var diagnostics: [Diagnostic]
        var fragmentTargets: [String]
    }

    var sources: [Source] {
        site.articles.map { Source(path: $0.source.path, section: "articles", slug: $0.slug, links: $0.body.links, contentHash: $0.contentHash) } +
            site.pages.map { Source(path: $0.source.path, section: "pages", slug: $0.slug, links: $0.body.links, contentHash: $0.contentHash) }
    }

    /// Checks the links of every article and page, on all cores; results keep file order.
    func check() -> [Diagnostic] {
        ParallelMap.map(sources) { check($0).diagnostics }.flatMap { $0 }
    }

    func check(_ source: Source) -> SourceResult {
        let relativePath = "\(source.section)/x.md"
        let ownPage = "\(source.section)/\(source.slug)/index.html"
        var targets: [String] = []
        let diagnostics: [Diagnostic] = source.links.compactMap { link in
            problem(with: link.destination, from: relativePath, ownPage: ownPage, consulted: &targets).map {
                .error(SourceLocation(path: source.path, line: link.line, column: link.column), $0)
            }
        }
        return SourceResult(diagnostics: diagnostics, fragmentTargets: targets)
    }

    /// Why a link is broken, or nil when it resolves. `consulted` collects each page whose
    /// ids the answer depended on.
    func problem(with destination: String, from relativePath: String, ownPage: String,
                 consulted: inout [String]) -> String? {
        switch LinkResolver.classify(destination, from: relativePath) {
        case .external:
            return nil
        case .samePage(let fragment):
            consulted.append(ownPage)
            return missingFragment(fragment, in: ownPage, destination: destination)
        case let .site(path, fragment):
            guard let target = outputPath(for: path) else {
                if site.unloadedSections.contains(where: { path.hasPrefix($0) }) { return nil }
                if let scheduled = scheduled(at: path) {
                    return "broken link \"\(destination)\": links to \(scheduled.noun == "article" ? "an" : "a") \(scheduled.noun) scheduled for \(scheduled.date.iso) (build with --future to include it)"
                }
                return "broken link \"\(destination)\": no page or file at \(path)\(hint(for: path))"
            }
            guard let fragment, !fragment.isEmpty else { return nil }
            consulted.append(target)
            return missingFragment(fragment, in: target, destination: destination)
        }
    }

    /// The output file a site path resolves to, as a static host would serve it.
    func outputPath(for sitePath: String) -> String? {
        guard !sitePath.split(separator: "/").contains("..") else { return nil }
        let relative = String(sitePath.drop { $0 == "/" })
        if relative.isEmpty { return "index.html" }
        if relative.hasSuffix("/") { return files[relative + "index.html"] != nil ? relative + "index.html" : nil }
        if files[relative] != nil { return relative }
        if files[relative + "/index.html"] != nil { return relative + "/index.html" }
        return nil
    }

    private func missingFragment(_ fragment: String, in target: String, destination: String) -> String? {
        guard !fragment.isEmpty, fragment != "top" else { return nil }
        guard target.hasSuffix(".html"), let ids = ids(target) else { return nil }
        let decoded = fragment.removingPercentEncoding ?? fragment
        if ids.contains(decoded) { return nil }
        return "broken link \"\(destination)\": no heading or element with id \"\(decoded)\" in /\(target.replacingOccurrences(of: "index.html", with: ""))\(Suggestion.didYouMean(decoded, in: ids))"
    }

    /// The held-back article or page at a site path (`/articles/x/`, `/articles/x`).
    private func scheduled(at path: String) -> ScheduledDocument? {
        guard !site.scheduled.isEmpty else { return nil }
        let normalized = path.hasSuffix("/") ? path : path + "/"
        return site.scheduled.first { $0.sitePath == normalized }
    }

    private func hint(for path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count == 2 else { return "" }
        let (section, slug) = (String(parts[0]), String(parts[1]))
        if section == "articles", draftSlugs.contains(slug) {
            return " (\"\(slug)\" is a draft; build with --drafts to include it)"
        }
        let candidates: [String]
        switch section {
        case "articles": candidates = site.articles.map(\.slug)
        case "skills": candidates = site.skills.map(\.id)
        case "pages": candidates = site.pages.map(\.slug)
        default: return ""
        }
        guard let match = Suggestion.closest(to: slug, in: candidates) else { return "" }
        return " (did you mean \"/\(section)/\(match)/\"?)"
    }
}
