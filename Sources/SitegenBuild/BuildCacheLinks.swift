import SitegenModel
import SitegenSupport
import Foundation

/// What the link check may reuse (see `BuildCache`): the ids of rendered pages, and each
/// source's results while nothing they depend on changed.
extension BuildCache {
    /// The ids of a rendered page, scanned again only when its render key changed.
    private func currentIDs(_ path: String, key: Int, html: String) -> (ids: Set<String>, version: Int) {
        if let known = idLock.withLock({ fragmentIDs[path] }), known.key == key { return (known.ids, known.version) }
        let ids = HTMLScanner.ids(in: html)
        return idLock.withLock {
            let previous = fragmentIDs[path]
            let version = previous.map { $0.ids == ids ? $0.version : $0.version + 1 } ?? 0
            fragmentIDs[path] = (key, ids, version)
            return (ids, version)
        }
    }

    /// Checks links again only for sources whose result may have changed: their own text
    /// changed, a page was added or removed, or a page they link into by fragment changed
    /// its ids. Gives exactly what checking everything would.
    func checkLinks(site: Site, draftSlugs: Set<String>) -> [Diagnostic] {
        let rendered = output
        var checker = LinkChecker(site: site, files: rendered.lookup, draftSlugs: draftSlugs)
        if let streamedIDs {
            // A streamed render kept no pages, only the ids links need: nothing to reuse.
            checker.ids = { streamedIDs[$0] }
            return checker.check()
        }
        checker.ids = { [self] path in rendered.lookup[path]?.text.map { currentIDs(path, key: rendered.key(of: path), html: $0).ids } }
        let pathsKey = Hashing.combine([rendered.pathsVersion, draftSlugs.hashValue, site.scheduled.hashValue])
        func version(_ path: String) -> Int? {
            guard let html = rendered.lookup[path]?.text else { return nil }
            return currentIDs(path, key: rendered.key(of: path), html: html).version
        }
        let sources = checker.sources
        let stale = sources.filter { source in
            guard let cached = linkResults[source.path], cached.contentHash == source.contentHash,
                  cached.pathsKey == pathsKey else { return true }
            // A target rendered from the same key has the same ids: only a changed key
            // costs a look at the ids.
            return cached.targets.contains { rendered.key(of: $0.path) != $0.key && version($0.path) != $0.version }
        }
        let finalChecker = checker
        let fresh = ParallelMap.map(stale) { finalChecker.check($0) }
        for (source, result) in zip(stale, fresh) {
            linkResults[source.path] = (source.contentHash, pathsKey,
                                        result.fragmentTargets.map { ($0, rendered.key(of: $0), version($0) ?? -1) }, result)
        }
        if linkResults.count > sources.count {
            let live = Set(sources.map(\.path))
            for path in linkResults.keys where !live.contains(path) { linkResults[path] = nil }
        }
        return sources.flatMap { linkResults[$0.path]!.result.diagnostics }
    }
}
