import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenServe
@testable import SitegenBuild
import SitegenModel

/// What the gate in front of FlyingFox enforces, judged on its own and on a running server.
@Suite struct RequestHeadTests {
    func inspect(_ head: String, hosts: HostPolicy = .loopbackNames) -> Result<AcceptedRequest, Refusal> {
        RequestHead.inspect(Array(head.utf8)[...], hosts: hosts, limits: ServeLimits())
    }

    func status(_ head: String, hosts: HostPolicy = .loopbackNames) -> Int {
        switch inspect(head, hosts: hosts) {
        case .success: return 200
        case .failure(let refusal): return refusal.status
        }
    }

    @Test func loopbackNamesWithAnyPortAndNothingElse() {
        for host in ["localhost", "localhost:8080", "LocalHost:1", "127.0.0.1", "127.0.0.1:65535", "[::1]", "[::1]:8080"] {
            #expect(status("GET / HTTP/1.1\r\nHost: \(host)") == 200, "\(host)")
        }
        for host in ["evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io", "127.0.0.2",
                     "0.0.0.0", "[::2]:80", "[::ffff:127.0.0.1]", "localhost.", "xlocalhost"] {
            #expect(status("GET / HTTP/1.1\r\nHost: \(host)") == 421, "\(host)")
            #expect(status("GET / HTTP/1.1\r\nHost: \(host)", hosts: .any) == 200, "\(host) with --host")
        }
        // Missing, repeated or malformed Host: 400 whatever the policy.
        for head in ["GET / HTTP/1.1", "GET / HTTP/1.0", "GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost",
                     "GET / HTTP/1.1\r\nHost: ", "GET / HTTP/1.1\r\nHost: local host", "GET / HTTP/1.1\r\nHost: localhost:",
                     "GET / HTTP/1.1\r\nHost: localhost:123456", "GET / HTTP/1.1\r\nHost: [::1", "GET / HTTP/1.1\r\nHost: a/b"] {
            #expect(status(head) == 400, "\(head)")
            #expect(status(head, hosts: .any) == 400, "\(head)")
        }
    }

    @Test func refusesMalformedHeadsAndOtherMethods() {
        #expect(status("nonsense") == 400)
        #expect(status("GET /  HTTP/1.1\r\nHost: localhost") == 400)
        #expect(status("GET / HTTP/2.0\r\nHost: localhost") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\n folded") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nBad Name: x") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nX: a\nGET /../x HTTP/1.1") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nX: a\u{0}b") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: localhost") == 405)
        #expect(status("OPTIONS * HTTP/1.1\r\nHost: localhost") == 405)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked") == 501)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1048577") == 413)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 1") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1048576") == 200)
    }

    @Test func forwardsOnlyACleanRequest() throws {
        let accepted = try inspect("GET /caf%C3%A9/a%20b?x=1&y=%2e HTTP/1.0\r\nHost: localhost:8080\r\nConnection: keep-alive\r\nCookie: a=b").get()
        #expect(accepted.path == "/café/a b")
        #expect(accepted.keepAlive)
        // The query is not plain (it holds an escape), so it is left out.
        #expect(String(decoding: accepted.forwardedHead, as: UTF8.self)
                == "GET /caf%C3%A9/a%20b HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n")
        #expect(try inspect("HEAD /?v=3 HTTP/1.1\r\nHost: localhost\r\nConnection: close").get().target == "/?v=3")
        #expect(try !inspect("HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close").get().keepAlive)
    }

    @Test func findsTheEndOfAHead() {
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest".utf8)) == 27)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)) == nil)
        #expect(RequestHead.end(in: Array("\r\n\r\n".utf8)) == 4)
    }

    /// The kept fuzzing corpus, and a few heads, through the gate's parser with its invariants.
    @Test func theSavedCorpusRunsCleanlyThroughTheGate() throws {
        let folder = Fixtures.root.appendingPathComponent("fuzz-corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            ServeFuzzTargets.requestHead([UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        for head in ["GET /a%2e%2e/b HTTP/1.1\r\nHost: localhost", "HEAD /%41?v=1 HTTP/1.0\r\nHost: [::1]:1"] {
            ServeFuzzTargets.requestHead(Array(head.utf8))
        }
    }
}

@Suite struct RequestGateTests {
    /// DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends
    /// `Host: evil.example`; only loopback names are answered, unless --host was given.
    @Test func answersOnlyLoopbackHostNamesByDefault() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site) { _, port in
            for host in ["localhost", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST"] {
                #expect(try await TestHTTP.get(port, "/", host: host).status == 200, "\(host)")
            }
            for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.nip.io:\(port)", "localhost.evil.example"] {
                let reply = try await TestHTTP.get(port, "/", host: host)
                #expect(reply.status == 421, "\(host)")
                #expect(!reply.body.contains("<html"), "\(host)")
            }
            // The live-reload stream and the status are guarded the same way.
            #expect(try await TestHTTP.get(port, PreviewServer.statusPath, host: "evil.example").status == 421)
            #expect(try await TestHTTP.get(port, PreviewServer.eventsPath, host: "evil.example").status == 421)
            #expect(try await TestHTTP.request(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n").status == 400)
        }
        try await withPreview(site, hosts: .any) { (_: ServeProcess, port: UInt16) async throws in
            #expect(try await TestHTTP.get(port, "/", host: "evil.example:\(port)").status == 200)
            #expect(try await TestHTTP.request(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n").status == 400)
        }
    }

    @Test func limitsRequestsAndAnswersBeforeClosing() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site) { _, port in
            #expect(try await TestHTTP.request(port, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").status == 405)
            #expect(try await TestHTTP.request(port, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").headers["allow"] == "GET, HEAD")
            #expect(try await TestHTTP.request(port, "nonsense\r\n\r\n").status == 400)
            let huge = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n"
            #expect(try await TestHTTP.request(port, huge).status == 431)
            let justOver = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n"
            #expect(try await TestHTTP.request(port, justOver).status == 431)
            #expect(try await TestHTTP.request(port, "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n\r\n").status == 413)
            #expect(try await TestHTTP.request(port, "GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status == 501)
            // A small body is read and dropped; the next request on the connection is answered too.
            let two = try await TestHTTP.request(port, "GET /robots.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"
                                                 + "GET /articles/intro HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(two.status == 200)
            #expect(two.raw.components(separatedBy: "HTTP/1.1 ").count == 3)
            #expect(two.raw.contains("HTTP/1.1 301 Moved Permanently\r\n"))
            #expect(try await TestHTTP.get(port, "/").status == 200)
        }
    }

    /// At most `maxConnections` are served at once; the next waits until one closes.
    @Test func capsConcurrentConnections() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        var limits = ServeLimits()
        limits.maxConnections = 3
        limits.headDeadline = 60
        try await withPreview(site, limits: limits) { _, port in
            let held = try (0..<3).map { _ in try TestHTTP.connect(port) }
            defer { held.forEach { close($0) } }
            try await Task.sleep(for: .milliseconds(300))
            let waiting = try TestHTTP.connect(port)
            defer { close(waiting) }
            TestHTTP.send(waiting, "GET /robots.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            // Nothing for a while: the fourth connection is not accepted yet.
            let early: String = try await offPool {
                TestHTTP.setReceiveTimeout(waiting, seconds: 1)
                var buffer = [UInt8](repeating: 0, count: 1024)
                let count = recv(waiting, &buffer, buffer.count, 0)
                return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
            }
            #expect(early.isEmpty, "answered over the limit: \(early)")
            // One of the three goes away: the waiting request is answered.
            shutdown(held[0], Int32(SHUT_RDWR))
            let reply: TestHTTP.Reply = try await offPool {
                TestHTTP.setReceiveTimeout(waiting, seconds: 10)
                return TestHTTP.parse(TestHTTP.readAll(waiting))
            }
            #expect(reply.status == 200)
            #expect(reply.body.hasPrefix("User-agent"))
        }
    }

    /// A closed page's event stream gives its connection back at once, not at the next ping.
    @Test func aClosedEventStreamFreesItsConnection() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        var limits = ServeLimits()
        limits.maxConnections = 2
        limits.headDeadline = 60
        try await withPreview(site, limits: limits) { preview, port in
            let events = try EventReader(port: port)
            #expect(try await eventually { try await preview.status().eventStreams == 1 && events.text.contains("retry: 1000") })
            try await Task.sleep(for: .milliseconds(200))  // the status request's connection is given back
            // The second connection is taken by a client that sends nothing: the limit is reached.
            let held = try TestHTTP.connect(port)
            defer { close(held) }
            events.close()
            let reply: TestHTTP.Reply = try await offPool {
                let fd = try TestHTTP.connect(port, receiveTimeout: 5)
                defer { close(fd) }
                TestHTTP.send(fd, "GET /robots.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                return TestHTTP.parse(TestHTTP.readAll(fd))
            }
            #expect(reply.status == 200)
        }
    }

    /// A head must be complete within the deadline however slowly its bytes come: a client
    /// sending a header line every 150 ms gets 408 at the deadline, not never.
    @Test func givesARequestHeadATotalDeadline() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        var limits = ServeLimits()
        limits.headDeadline = 1
        try await withPreview(site, limits: limits) { _, port in
            let (reply, seconds): (String, Double) = try await offPool {
                let fd = try TestHTTP.connect(port)
                defer { close(fd) }
                let start = Date()
                TestHTTP.send(fd, "GET / HTTP/1.1\r\nHost: localhost\r\n")
                var received = Data()
                var buffer = [UInt8](repeating: 0, count: 4096)
                // Trickle for up to 8 s, watching for an answer between lines.
                while Date().timeIntervalSince(start) < 8 {
                    TestHTTP.send(fd, "X-Slow: a\r\n")
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&poller, 1, 150) > 0 {
                        let count = recv(fd, &buffer, buffer.count, 0)
                        if count <= 0 { break }
                        received.append(buffer, count: count)
                        if String(decoding: received, as: UTF8.self).contains("\r\n\r\n") { break }
                    }
                }
                return (String(decoding: received, as: UTF8.self), Date().timeIntervalSince(start))
            }
            #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "got \(reply.prefix(40)) after \(seconds) s")
            #expect(seconds >= 0.9 && seconds < 8)

            // A connection that sends nothing is closed at the deadline, without an answer;
            // so is a kept-alive one that sends nothing more.
            let (idle, idleSeconds): (String, Double) = try await offPool {
                let fd = try TestHTTP.connect(port)
                defer { close(fd) }
                let start = Date()
                let text = TestHTTP.readAll(fd)
                return (text, Date().timeIntervalSince(start))
            }
            #expect(idle.isEmpty)
            #expect(idleSeconds >= 0.9 && idleSeconds < 8)
            let kept: String = try await offPool {
                let fd = try TestHTTP.connect(port)
                defer { close(fd) }
                TestHTTP.send(fd, "GET /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
                Thread.sleep(forTimeInterval: 0.3)
                TestHTTP.send(fd, "HEAD /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
                return TestHTTP.readAll(fd)
            }
            #expect(kept.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
        }
    }
}
