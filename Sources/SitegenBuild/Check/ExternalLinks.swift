import SitegenModel
import SitegenSupport
import Foundation

/// `sitegen check --external`: every distinct outside http(s) URL of the site (links in
/// articles and pages, salary sources) is asked once, a few at a time and at most a couple
/// per host, and each dead one is reported at every place that links to it. Never part of
/// `build`: builds stay offline and reproducible.
public struct ExternalLinks {
    public struct Options: Sendable {
        /// Requests at once, in all.
        public var maxConcurrent = 8
        /// Requests at once to one host, to be polite.
        public var maxPerHost = 2
        public var timeout: TimeInterval = 10
        /// Results younger than this are reused from the cache file.
        public var cacheLifetime: TimeInterval = 24 * 60 * 60
        public init(maxConcurrent: Int = 8, maxPerHost: Int = 2, timeout: TimeInterval = 10) {
            self.maxConcurrent = maxConcurrent
            self.maxPerHost = maxPerHost
            self.timeout = timeout
        }
    }

    /// Where results are kept between runs: `.sitegen-cache/external-links.json` in the site
    /// folder (the new-site `.gitignore` lists it).
    public static func cacheURL(source: String) -> URL {
        URL(fileURLWithPath: source).appendingPathComponent(".sitegen-cache/external-links.json")
    }

    let site: Site
    let options: Options
    let cacheFile: URL
    var now: () -> Date = Date.init

    public init(site: Site, options: Options, cacheFile: URL) {
        self.site = site
        self.options = options
        self.cacheFile = cacheFile
    }

    /// Every outside URL with the places that name it, in the order they first appear.
    func references() -> [(url: String, places: [SourceLocation])] {
        var order: [String] = []
        var places: [String: [SourceLocation]] = [:]
        func add(_ url: String, _ location: SourceLocation) {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return }
            // The fragment is the page's business, not the server's.
            let key = String(url.prefix { $0 != "#" })
            if places[key] == nil { order.append(key) }
            places[key, default: []].append(location)
        }
        for article in site.articles {
            for link in article.body.links { add(link.destination, SourceLocation(path: article.source.path, line: link.line, column: link.column)) }
        }
        for page in site.pages {
            for link in page.body.links { add(link.destination, SourceLocation(path: page.source.path, line: link.line, column: link.column)) }
        }
        for figure in site.salaries {
            if let url = figure.sourceURL { add(url, figure.location) }
        }
        return order.map { ($0, places[$0]!) }
    }

    /// Checks every URL (cached results younger than a day are reused) and reports the
    /// dead ones. `progress` hears "done of total" after each URL.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Diagnostic] {
        let references = references()
        var cache = ResultCache.load(from: cacheFile)
        let fresh = now().timeIntervalSince1970 - options.cacheLifetime
        let toAsk = references.map(\.url).filter { (cache.entries[$0]?.checkedAt ?? 0) < fresh }
        var results = Dictionary(uniqueKeysWithValues: references.compactMap { reference in
            cache.entries[reference.url].flatMap { $0.checkedAt >= fresh ? (reference.url, $0.result) : nil }
        })
        let cachedCount = results.count
        progress?(cachedCount, references.count)
        let asked = fetchAll(toAsk) { done in progress?(cachedCount + done, references.count) }
        let stamp = now().timeIntervalSince1970
        for (url, result) in asked {
            results[url] = result
            // Only lasting answers are kept: a timeout or a 503 deserves another try next time.
            if Self.isLasting(result) { cache.entries[url] = .init(checkedAt: stamp, result: result) }
        }
        cache.entries = cache.entries.filter { $0.value.checkedAt >= fresh }
        var diagnostics: [Diagnostic] = []
        do { try cache.save(to: cacheFile) } catch {
            diagnostics.append(Diagnostic(.warning, SourceLocation(path: cacheFile.path), "cannot keep the link results for next time: \(describe(error))"))
        }
        for (url, places) in references {
            guard let result = results[url], let (severity, message) = Self.verdict(url, result) else { continue }
            diagnostics += places.map { Diagnostic(severity, $0, message) }
        }
        return diagnostics.sorted { $0.location < $1.location }
    }

    /// What a result means for the author, nil when the link is fine.
    static func verdict(_ url: String, _ result: ExternalFetcher.Result) -> (Diagnostic.Severity, String)? {
        switch result.answer {
        case .status(let code) where (200..<300).contains(code):
            guard result.movedPermanently else { return nil }
            return (.note, "outside link \"\(url)\" has moved permanently to \(result.finalURL); link there instead")
        case .status(let code) where code == 404 || code == 410:
            return (.error, "dead outside link \"\(url)\": the server answers \(code) \(code == 404 ? "Not Found" : "Gone")")
        case .status(429):
            return (.warning, "outside link \"\(url)\" could not be checked: the server answers 429 Too Many Requests; try again later")
        case .status(let code) where code >= 500:
            return (.warning, "outside link \"\(url)\": the server answers \(code); it may be down for now")
        case .status(let code):
            return (.warning, "outside link \"\(url)\": the server answers \(code)")
        case .noSuchHost:
            return (.error, "dead outside link \"\(url)\": the host \(URL(string: url)?.host ?? url) does not exist (DNS)")
        case .timedOut:
            return (.warning, "outside link \"\(url)\" did not answer in time")
        case .failed(let reason):
            return (.warning, "outside link \"\(url)\" could not be checked: \(reason)")
        }
    }

    static func isLasting(_ result: ExternalFetcher.Result) -> Bool {
        if case .status(let code) = result.answer { return code < 500 && code != 429 && code != 408 }
        return false
    }

    /// Asks every URL, at most `maxConcurrent` at once and `maxPerHost` per host.
    private func fetchAll(_ urls: [String], progress: @escaping @Sendable (Int) -> Void) -> [String: ExternalFetcher.Result] {
        guard !urls.isEmpty else { return [:] }
        let fetcher = ExternalFetcher(timeout: options.timeout)
        let state = FetchQueue(urls: urls, maxPerHost: options.maxPerHost)
        DispatchQueue.concurrentPerform(iterations: min(options.maxConcurrent, urls.count)) { _ in
            while let (url, host) = state.next() {
                let result = fetcher.check(url)
                progress(state.finish(url, host: host, result))
            }
        }
        return state.results
    }
}

/// The URLs still to ask, handed out so no host has more than `maxPerHost` in flight.
private final class FetchQueue: @unchecked Sendable {
    private var pending: [(url: String, host: String)]
    private var inFlight: [String: Int] = [:]
    private(set) var results: [String: ExternalFetcher.Result] = [:]
    private let maxPerHost: Int
    private let condition = NSCondition()

    init(urls: [String], maxPerHost: Int) {
        pending = urls.map { ($0, URL(string: $0)?.host?.lowercased() ?? $0) }
        self.maxPerHost = maxPerHost
    }

    /// The next URL whose host has room, waiting while every pending host is busy; nil when all are handed out.
    func next() -> (String, String)? {
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty {
            if let index = pending.firstIndex(where: { inFlight[$0.host, default: 0] < maxPerHost }) {
                let item = pending.remove(at: index)
                inFlight[item.host, default: 0] += 1
                return item
            }
            condition.wait()
        }
        return nil
    }

    /// Records a result; returns how many are done.
    func finish(_ url: String, host: String, _ result: ExternalFetcher.Result) -> Int {
        condition.lock()
        defer { condition.unlock() }
        results[url] = result
        inFlight[host, default: 1] -= 1
        condition.broadcast()
        return results.count
    }
}

/// The cache file: each URL's lasting result and when it was checked.
struct ResultCache: Codable {
    struct Entry: Codable {
        var checkedAt: TimeInterval
        var result: ExternalFetcher.Result
    }
    var entries: [String: Entry] = [:]

    static func load(from url: URL) -> ResultCache {
        // A missing or unreadable cache only means asking again.
        guard let data = FileManager.default.contents(atPath: url.path),
              let cache = try? JSONDecoder().decode(ResultCache.self, from: data) else { return ResultCache() }
        return cache
    }

    func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
