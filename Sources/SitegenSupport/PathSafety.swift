import Foundation

/// Comparing folders by where they really are, so a symlink cannot smuggle a protected
/// folder past a check.
public enum PathSafety {
    public static func resolved(_ url: URL) -> String {
        // Resolve symlinks of the part that exists, so `out -> content` is caught.
        var existing = url.standardizedFileURL
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            tail.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for part in tail { path += (path.hasSuffix("/") ? "" : "/") + part }
        return path
    }

    /// Is `inner` strictly inside `outer`?
    public static func isInside(_ inner: String, _ outer: String) -> Bool {
        let prefix = outer.hasSuffix("/") ? outer : outer + "/"
        return inner.hasPrefix(prefix)
    }
}
