/// Where an internal link written by an author points.
enum LinkTarget: Equatable {
    /// `https://…`, `mailto:` and other links that leave the site: not checked.
    case external
    /// A page or file of the site: its site path (`/articles/x/`, `/images/a.png`) and fragment.
    case site(path: String, fragment: String?)
    /// `#section` on the same page.
    case samePage(fragment: String)
}

/// Maps link destinations as authors write them to the site's URLs.
///
/// - `other.md`, `../articles/other.md#part`: resolved against the linking file's place in
///   `content/`, then mapped to that page's URL.
/// - `/articles/x/`, `/skills/y/`: site-absolute, written without the base path.
/// - `../static/images/a.png`: a static file, published at `/images/a.png`.
enum LinkResolver {
    static func classify(_ destination: String, from relativePath: String) -> LinkTarget {
        if destination.hasPrefix("#") { return .samePage(fragment: String(destination.dropFirst())) }
        if destination.hasPrefix("//") || hasScheme(destination) { return .external }

        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.contains("%") { path = path.removingPercentEncoding ?? path }

        if path.hasPrefix("/") { return .site(path: path, fragment: fragment) }

        // Relative to the folder of the linking file, inside content/.
        var components = relativePath.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() } else { return .site(path: "/../" + path, fragment: fragment) }
            default: components.append(String(part))
            }
        }
        let contentPath = components.joined(separator: "/")
        if contentPath.hasSuffix(".md") {
            let folder = components.dropLast().joined(separator: "/")
            let slug = components.last!.dropLast(3)
            return .site(path: "/\(folder.isEmpty ? "" : folder + "/")\(slug)/", fragment: fragment)
        }
        if contentPath.hasPrefix("static/") {
            return .site(path: "/" + contentPath.dropFirst("static/".count), fragment: fragment)
        }
        return .site(path: "/" + contentPath + (path.hasSuffix("/") ? "/" : ""), fragment: fragment)
    }

    /// The URL a link gets in the HTML output, or nil to leave it as written.
    static func outputURL(for destination: String, from relativePath: String, basePath: String) -> String? {
        switch classify(destination, from: relativePath) {
        case .external, .samePage:
            return nil
        case let .site(path, fragment):
            let url = basePath + path.drop { $0 == "/" }
            return fragment.map { url + "#" + $0 } ?? url
        }
    }

    /// `https:`, `mailto:`, `javascript:`: a scheme is letters, digits, `+ - .` before a colon.
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
