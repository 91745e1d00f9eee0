import SitegenModel
import SitegenSupport

/// Old URLs (`aliases:` in front matter) keep working after a rename: each gets a small
/// page that sends readers and search engines on, and `_redirects` at the output root tells
/// hosts that read it (Netlify, Cloudflare Pages) to answer with a real 301 instead.
struct Redirects {
    /// One old URL and where it now lives.
    struct Redirect: Sendable {
        var alias: Alias
        /// The site path of the article or page (`/articles/new/`).
        var target: String
        var targetTitle: String
    }

    let config: SiteConfig
    let redirects: [Redirect]

    init(site: Site) {
        config = site.config
        redirects = site.articles.flatMap { article in
            article.aliases.map { Redirect(alias: $0, target: article.sitePath, targetTitle: article.title) }
        } + site.pages.flatMap { page in
            page.aliases.map { Redirect(alias: $0, target: page.sitePath, targetTitle: page.title) }
        }
    }

    /// The redirect pages and `_redirects`, planned after every other file: an alias that
    /// would overwrite a page, a static file or another alias is an error naming both, and
    /// is left out (so the same clash is not reported again as two files for one URL).
    func plan(after planned: [Renderer.PlannedFile], siteKey: Int) -> (files: [Renderer.PlannedFile], diagnostics: [Diagnostic]) {
        guard !redirects.isEmpty else { return ([], []) }
        var owners = Dictionary(planned.map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
        var aliasOwners: [String: Redirect] = [:]
        var files: [Renderer.PlannedFile] = []
        var diagnostics: [Diagnostic] = []
        var kept: [Redirect] = []
        for redirect in redirects {
            let path = redirect.alias.outputPath
            if let other = aliasOwners[path] {
                diagnostics.append(.error(redirect.alias.location, "aliases: \"\(redirect.alias.path)\" is also an alias at \(Self.place(other.alias.location)) (of \(other.target)); one old URL can send readers to one place only"))
                continue
            }
            if let origin = owners[path] {
                diagnostics.append(.error(redirect.alias.location, "aliases: \"\(redirect.alias.path)\" collides with \(origin), which is published at /\(path)"))
                continue
            }
            owners[path] = Self.place(redirect.alias.location)
            aliasOwners[path] = redirect
            kept.append(redirect)
            let key = Hashing.combine(siteKey, Hashing.combine([redirect.target.hashValue, redirect.targetTitle.hashValue]))
            files.append(Renderer.PlannedFile(path: path, origin: redirect.alias.location.path, key: key) { [self] in
                .text(page(for: redirect))
            })
        }
        if !kept.isEmpty {
            let text = hostFile(kept)
            if let origin = owners["_redirects"] {
                diagnostics.append(.error(kept[0].alias.location, "aliases need the file _redirects at the site root, but \(origin) is published there; move its rules into aliases: or remove it"))
            } else {
                files.append(Renderer.PlannedFile(path: "_redirects", origin: "redirects", key: Hashing.combine(siteKey, text.hashValue)) { .text(text) })
            }
        }
        return (files, diagnostics)
    }

    /// `path:line:col`, as a message names another place.
    static func place(_ location: SourceLocation) -> String {
        "\(location.path):\(location.line):\(location.column)"
    }

    /// A page that sends the reader on at once (a zero-second refresh, which accessibility
    /// guidelines allow, unlike a delayed one), tells search engines where the page lives
    /// (`rel=canonical`) and not to index this one, and shows a plain link for browsers
    /// that ignore the refresh.
    func page(for redirect: Redirect) -> String {
        let url = XML.escape(config.url(redirect.target))
        let canonical = XML.escape(config.absoluteURL(redirect.target))
        let title = XML.escape(redirect.targetTitle)
        return """
            <!DOCTYPE html>
            <html lang="\(XML.escape(config.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Moved: \(title)</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="\(canonical)">
            <meta http-equiv="refresh" content="0; url=\(url)">
            </head>
            <body>
            <main>
            <h1>This page has moved</h1>
            <p>It is now <a href="\(url)">\(title)</a>.</p>
            </main>
            </body>
            </html>

            """
    }

    /// `_redirects` as Netlify and Cloudflare Pages read it: one `old new 301` line per
    /// alias, with the base path, so the rules hold when the site lives under a sub-path.
    func hostFile(_ redirects: [Redirect]) -> String {
        "# Made by sitegen from the aliases: of articles and pages. Old URL, new URL, status.\n"
            + redirects.map { "\(config.url($0.alias.requestPath)) \(config.url($0.target)) 301\n" }.joined()
    }
}
