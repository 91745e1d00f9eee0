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
        // Results hold only while the output's paths are those of the last check, and
        // then every source stands where it stood (the pages follow the sources): results
        // are found by place, not by path. Ten thousand lookups by path, and as many by
        // target path, were a fifth of a one-edit rebuild.
        let last = linkResults
        let results: [LinkResult?] = sources.enumerated().map { index, source in
            guard index < last.paths.count, last.paths[index] == source.path, case let cached = last.results[index],
                  cached.contentHash == source.contentHash, cached.pathsKey == pathsKey,
                  // A target rendered from the same key has the same ids: only a changed
                  // key costs a look at the ids.
                  !cached.targets.contains(where: { $0.position >= 0 && rendered.keys[$0.position] != $0.key && version(rendered.paths[$0.position]) != $0.version })
            else { return nil }
            return cached
        }
        let stale = results.indices.filter { results[$0] == nil }
        let finalChecker = checker
        let fresh = ParallelMap.map(stale) { finalChecker.check(sources[$0]) }
        var checked = results
        for (index, result) in zip(stale, fresh) {
            let targets = result.fragmentTargets.map { path in
                let position = rendered.lookup.index[path] ?? -1
                return (position, rendered.key(at: position), version(path) ?? -1)
            }
            checked[index] = LinkResult(contentHash: sources[index].contentHash, pathsKey: pathsKey, targets: targets, result: result)
        }
        linkResults = (sources.map(\.path), checked.map { $0! })
        return linkResults.results.flatMap(\.result.diagnostics)
    }
}
