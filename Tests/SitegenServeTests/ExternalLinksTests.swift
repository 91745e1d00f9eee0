import Foundation
import Testing
import FlyingFox
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// `sitegen check --external`, against a local server on 127.0.0.1 only (no test ever asks
/// another address): 200, redirects, 404, 500, 429, a server that refuses HEAD, and one
/// that never answers.
@Suite(.serialized) struct ExternalLinksTests {
    /// Counts requests by "METHOD /path" and the most ever in flight at once.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        private var inFlight = 0
        private(set) var maxInFlight = 0
        /// The hang is left out of the in-flight count: the checker gives up on it, but the
        /// server's handler goes on sleeping.
        func begin(_ request: HTTPRequest) {
            lock.withLock {
                counts["\(request.method.rawValue) \(request.path)", default: 0] += 1
                guard request.path != "/hang" else { return }
                inFlight += 1
                maxInFlight = max(maxInFlight, inFlight)
            }
        }
        func end(_ request: HTTPRequest) { lock.withLock { if request.path != "/hang" { inFlight -= 1 } } }
        func count(_ key: String) -> Int { lock.withLock { counts[key, default: 0] } }
        var total: Int { lock.withLock { counts.values.reduce(0, +) } }
    }

    func startServer(_ recorder: Recorder) async throws -> (HTTPServer, UInt16, Task<Void, Error>) {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        func route(_ path: String, _ respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) async {
            await server.appendRoute(HTTPRoute(path)) { request in
                recorder.begin(request)
                defer { recorder.end(request) }
                // Long enough that requests overlap, so the per-host limit is seen.
                try await Task.sleep(for: .milliseconds(50))
                return try await respond(request)
            }
        }
        await route("/ok") { _ in HTTPResponse(statusCode: .ok) }
        await route("/moved") { _ in HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/ok"]) }
        await route("/temporary") { _ in HTTPResponse(statusCode: .found, headers: [.location: "/ok"]) }
        await route("/gone") { _ in HTTPResponse(statusCode: .notFound) }
        await route("/broken") { _ in HTTPResponse(statusCode: .internalServerError) }
        await route("/busy") { _ in HTTPResponse(statusCode: .tooManyRequests) }
        await route("/no-head") { request in HTTPResponse(statusCode: request.method == .HEAD ? .methodNotAllowed : .ok) }
        await route("/hang") { _ in
            try await Task.sleep(for: .seconds(20))
            return HTTPResponse(statusCode: .ok)
        }
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw CocoaError(.fileNoSuchFile) }
        return (server, port, task)
    }

    func makeSite(port: UInt16) throws -> ScratchSite {
        let base = "http://127.0.0.1:\(port)"
        let site = try ScratchSite()
        try site.write("content/articles/outside.md", """
            ---
            title: Outside links
            summary: Links to elsewhere.
            date: 2024-05-01
            skills: [alpha]
            ---

            [fine](\(base)/ok) [moved](\(base)/moved) [temporary](\(base)/temporary)
            [gone](\(base)/gone) [broken](\(base)/broken) [busy](\(base)/busy)
            [no head](\(base)/no-head) [hang](\(base)/hang)

            [gone again](\(base)/gone#part)

            """)
        // The fixture's own outside link would leave the machine: it points here instead
        // (and is the same URL as one above, so it is asked once).
        try edit(site, "content/articles/intro.md") { $0.replacingOccurrences(of: "https://example.org/", with: "\(base)/ok") }
        try edit(site, "content/salaries.yaml") {
            $0.replacingOccurrences(of: "source_url: https://example.net/survey", with: "source_url: \(base)/gone")
        }
        return site
    }

    @Test func reportsEachDeadLinkWhereItIsWritten() async throws {
        let recorder = Recorder()
        let (server, port, task) = try await startServer(recorder)
        defer { task.cancel() }
        let site = try makeSite(port: port)
        defer { site.remove() }
        let base = "http://127.0.0.1:\(port)"
        // Three seconds: enough for a loaded machine to answer, short enough for the hang.
        let options = ExternalLinks.Options(maxConcurrent: 8, maxPerHost: 2, timeout: 3)
        let progress = ProgressLog()
        let start = Date()
        let builder = site.builder()
        // Never anything but loopback: refuse to run if the site names another host.
        let pipeline = Pipeline(options: builder.options)
        _ = pipeline.run(checkOutputFolder: false)
        let loaded = try #require(pipeline.lastSite)
        let hosts = Set(ExternalLinks(site: loaded, options: .init(), cacheFile: URL(fileURLWithPath: "/dev/null")).references().map { URL(string: $0.url)?.host })
        try #require(hosts == ["127.0.0.1"], "the test site links outside loopback: \(hosts)")
        let diagnostics = try await offPool {
            builder.check(lints: Lints.Options(listExternalLinks: false), external: options) { progress.add($0, $1) }
        }.filter { $0.message.contains("outside link") }
        let lines = diagnostics.map { $0.description.replacingOccurrences(of: site.source.path + "/", with: "") }
        let article = "content/articles/outside.md"
        #expect(lines.contains("\(article):9:8: error: dead outside link \"\(base)/gone\": the server answers 404 Not Found"), "\(lines)")
        #expect(lines.contains("\(article):12:14: error: dead outside link \"\(base)/gone\": the server answers 404 Not Found"), "every place that links to it")
        #expect(lines.contains { $0.hasPrefix("content/salaries.yaml:") && $0.hasSuffix("error: dead outside link \"\(base)/gone\": the server answers 404 Not Found") }, "\(lines)")
        #expect(lines.contains("\(article):9:46: warning: outside link \"\(base)/broken\": the server answers 500; it may be down for now"), "\(lines)")
        #expect(lines.contains { $0.contains("warning: outside link \"\(base)/busy\" could not be checked: the server answers 429") }, "\(lines)")
        #expect(lines.contains { $0.contains("warning: outside link \"\(base)/hang\" did not answer in time") }, "\(lines)")
        #expect(lines.contains("\(article):8:43: note: outside link \"\(base)/moved\" has moved permanently to \(base)/ok; link there instead"), "\(lines)")
        #expect(!lines.contains { $0.contains("/temporary") || $0.contains("/no-head") || $0.contains("\(base)/ok\"") }, "\(lines)")
        #expect(lines.count == 7, "\(lines)")
        #expect(Date().timeIntervalSince(start) < 15, "the hang (20 s) is cut off by the timeout")

        // Each distinct URL once (the fragment is not the server's business); GET only where HEAD failed.
        #expect(recorder.count("HEAD /gone") == 1)
        #expect(recorder.count("GET /gone") == 1)
        #expect(recorder.count("GET /ok") == 0)
        #expect(recorder.count("GET /no-head") == 1)
        #expect(recorder.maxInFlight <= 2, "at most two requests at once to one host")
        #expect(progress.last == [8, 8], "\(progress.values)")

        // Lasting answers are kept for a day; the 500, the 429 and the hang are asked again.
        #expect(FileManager.default.fileExists(atPath: ExternalLinks.cacheURL(source: site.source.path).path))
        let before = recorder.total
        let lasting = ["HEAD /gone", "HEAD /ok", "HEAD /moved", "HEAD /temporary", "HEAD /no-head"].map(recorder.count)
        let again = try await offPool {
            builder.check(lints: Lints.Options(listExternalLinks: false), external: options)
        }.filter { $0.message.contains("outside link") }
        #expect(again.count == 7)
        #expect(["HEAD /gone", "HEAD /ok", "HEAD /moved", "HEAD /temporary", "HEAD /no-head"].map(recorder.count) == lasting, "cached, not asked again")
        #expect(recorder.count("HEAD /broken") == 2 && recorder.count("HEAD /busy") == 2)
        #expect(recorder.total > before)

        // A build never fetches anything.
        let quiet = recorder.total
        _ = try site.builder().build()
        try await Task.sleep(for: .milliseconds(200))
        #expect(recorder.total == quiet)
        await server.stop(timeout: 0)
    }

    /// The real command: `check --external` reports dead links and fails; `check` alone
    /// and `build` ask nothing.
    @Test func theCommandChecksOnlyWhenAsked() async throws {
        let recorder = Recorder()
        let (server, port, task) = try await startServer(recorder)
        defer { task.cancel() }
        let site = try makeSite(port: port)
        defer { site.remove() }
        let source = site.source
        let plain = try await offPool { try SitegenCommand.run(["check"], in: source) }
        #expect(plain.status == 0, "\(plain.err)")
        let built = try await offPool { try SitegenCommand.run(["build"], in: source) }
        #expect(built.status == 0, "\(built.err)")
        #expect(recorder.total == 0, "neither check without --external nor build fetches anything")
        let external = try await offPool { try SitegenCommand.run(["check", "--external", "--timeout", "3"], in: source) }
        #expect(external.status == 1)
        #expect(external.err.contains("content/articles/outside.md:9:8: error: dead outside link \"http://127.0.0.1:\(port)/gone\": the server answers 404 Not Found"), "\(external.err)")
        #expect(external.err.contains("check failed: 3 errors, "), "\(external.err)")
        #expect(recorder.count("HEAD /gone") == 1)
        await server.stop(timeout: 0)
    }

    @Test func whatEachAnswerMeans() {
        let url = "https://example.org/x"
        func verdict(_ answer: ExternalFetcher.Answer, moved: Bool = false) -> Diagnostic.Severity? {
            ExternalLinks.verdict(url, .init(answer: answer, finalURL: url, movedPermanently: moved))?.0
        }
        #expect(verdict(.status(200)) == nil)
        #expect(verdict(.status(200), moved: true) == .note)
        #expect(verdict(.status(404)) == .error)
        #expect(verdict(.status(410)) == .error)
        #expect(verdict(.noSuchHost) == .error)
        #expect(verdict(.timedOut) == .warning)
        #expect(verdict(.status(503)) == .warning)
        #expect(verdict(.status(429)) == .warning)
        #expect(verdict(.failed("connection refused")) == .warning)
    }

    /// A port nothing listens on: refused, a warning, not a crash or a hang.
    @Test func aRefusedConnectionIsAWarning() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        close(socket)  // bound, never listened on, now closed: connections are refused
        let result = ExternalFetcher(timeout: 2).check("http://127.0.0.1:\(port)/")
        guard case .failed = result.answer else { Issue.record("\(result)"); return }
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[Int]] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { values.append([done, total]) } }
    var last: [Int]? { lock.withLock { values.last } }
}
