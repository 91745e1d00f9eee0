import Foundation
import Testing
@testable import SitegenKit
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// A plain HTTP client on a socket: enough to test the preview server without
/// depending on URLSession.
enum TestHTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func connect(_ port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw CocoaError(.fileReadUnknown) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func request(_ port: UInt16, _ raw: String) throws -> Reply {
        let fd = try connect(port)
        defer { close(fd) }
        _ = raw.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(buffer, count: count)
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return Reply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func get(_ port: UInt16, _ path: String) throws -> Reply {
        try request(port, "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    }
}

/// Reads Server-Sent Events from an open connection on a background thread.
final class EventReader: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var received = ""

    init(port: UInt16) throws {
        fd = try TestHTTP.connect(port)
        let request = "GET \(PreviewServer.eventsPath) HTTP/1.1\r\nHost: localhost\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return }
                if count > 0 { lock.withLock { received += String(decoding: buffer[..<count], as: UTF8.self) } }
            }
        }.start()
    }

    var text: String { lock.withLock { received } }
    func close() { Glibc.shutdown(fd, Int32(SHUT_RDWR)); Glibc.close(fd) }
}

/// Waits up to `seconds` for a condition that another thread makes true.
func eventually(_ seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}

@Suite(.serialized) struct PreviewServerTests {
    /// With inotify (the default), and with `--poll`, which compares every file's stamp.
    @Test(arguments: [false, true]) func servesRebuildsReloadsAndRecoversFromErrors(polling: Bool) throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let preview = PreviewServer(options: BuildOptions(source: site.source.path)) { _ in }
        try preview.start(host: "127.0.0.1", port: 0, pollInterval: 0.05, polling: polling)
        defer { preview.stop() }
        let port = try #require(preview.port)
        #expect(port > 0)

        // Pages are served at the root whatever base_url says, with the reload script.
        var page = try TestHTTP.get(port, "/articles/second/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("<h1>Second article</h1>"))
        #expect(page.body.contains("new EventSource(\"/__sitegen/events\")"))
        #expect(page.body.contains("href=\"/articles/intro/\""))

        let events = try EventReader(port: port)
        defer { events.close() }
        #expect(try eventually { events.text.contains("200 OK") })

        // An edit: the page changes and open pages are told to reload.
        let article = site.source.appendingPathComponent("content/articles/second.md")
        var text = try String(contentsOf: article, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: Second article", with: "title: Edited while serving")
        try Data(text.utf8).write(to: article)
        #expect(try eventually { try TestHTTP.get(port, "/articles/second/").body.contains("<h1>Edited while serving</h1>") })
        #expect(eventually { events.text.contains("event: reload") })

        // A bad edit: the last good page stays, with the errors over it and in an event.
        try Data(text.replacingOccurrences(of: "  - beta", with: "  - betta").utf8).write(to: article)
        #expect(try eventually { try TestHTTP.get(port, "/articles/second/").body.contains("unknown skill &quot;betta&quot;") })
        page = try TestHTTP.get(port, "/articles/second/")
        #expect(page.body.contains("<div id=\"sitegen-overlay\""))
        #expect(page.body.contains("<h1>Edited while serving</h1>"))
        #expect(page.body.contains("content/articles/second.md:6:5: error: skills: unknown skill &quot;betta&quot;"))
        #expect(eventually { events.text.contains("event: failed\ndata: ") && events.text.contains("unknown skill \"betta\"") })

        // Fixed: the overlay goes and pages reload by themselves.
        let reloadsBefore = events.text.components(separatedBy: "event: reload").count
        try Data(text.replacingOccurrences(of: "title: Edited while serving", with: "title: Fixed again").utf8).write(to: article)
        #expect(try eventually { try TestHTTP.get(port, "/articles/second/").body.contains("<h1>Fixed again</h1>") })
        #expect(try !TestHTTP.get(port, "/articles/second/").body.contains("<div id=\"sitegen-overlay\""))
        #expect(eventually { events.text.components(separatedBy: "event: reload").count > reloadsBefore })
    }

    @Test func answersEveryPathSafely() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let preview = PreviewServer(options: BuildOptions(source: site.source.path)) { _ in }
        try preview.start(host: "127.0.0.1", port: 0)
        defer { preview.stop() }
        let port = try #require(preview.port)

        #expect(try TestHTTP.get(port, "/articles/intro").status == 301)
        #expect(try TestHTTP.get(port, "/articles/intro").headers["location"] == "/articles/intro/")
        let missing = try TestHTTP.get(port, "/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<h1>Page not found</h1>"))
        #expect(try TestHTTP.get(port, "/sitemap.xml").headers["content-type"] == "application/xml")
        #expect(try TestHTTP.get(port, "/images/pixel.png").headers["content-type"] == "image/png")
        for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/articles/%2E%2E/%2E%2E/x", "/a/./b",
                     "/%2e%2e%2fetc%2fpasswd", "/a%00b", "/a\\..\\b", "/%zz", "//etc/passwd"] {
            let reply = try TestHTTP.get(port, path)
            #expect(reply.status == 400 || reply.status == 404, "\(path): \(reply.status)")
            #expect(!reply.body.contains("root:"), "\(path)")
        }
        #expect(try TestHTTP.request(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status == 405)
        #expect(try TestHTTP.request(port, "nonsense\r\n\r\n").status == 400)
        let huge = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n"
        #expect(try TestHTTP.request(port, huge).status == 431)
        // Still serving after all that.
        #expect(try TestHTTP.get(port, "/").status == 200)
    }

    @Test func listensOnLoopbackByDefault() throws {
        let server = try HTTPServer(host: "127.0.0.1", port: 0) { _ in .text(200, "ok") }
        defer { server.stop() }
        #expect(server.port > 0)
        #expect(server.host == "127.0.0.1")
    }
}
