import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenServe
@testable import SitegenBuild
import SitegenModel

@Suite(.serialized) struct PreviewServerTests {
    /// With inotify (the default), and with `--poll`, which compares every file's stamp.
    @Test(arguments: [false, true]) func servesRebuildsReloadsAndRecoversFromErrors(polling: Bool) async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site, polling: polling) { preview, port in
            #expect(port > 0)

            // Pages are served at the root whatever base_url says, with the reload script.
            var page = try await TestHTTP.get(port, "/articles/second/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.body.contains("<h1>Second article</h1>"))
            #expect(page.body.contains("new EventSource(\"/__sitegen/events?v=1\")"))
            #expect(page.body.contains("href=\"/articles/intro/\""))
            #expect(page.body.contains("var errors=null;"))

            let events = try EventReader(port: port)
            defer { events.close() }
            #expect(await eventually { events.text.contains("200 OK") && events.text.contains("retry: 1000") })
            #expect(try await eventually { try await preview.status().eventStreams == 1 })

            // An edit: the page changes and open pages are told to reload.
            let article = site.source.appendingPathComponent("content/articles/second.md")
            var text = try String(contentsOf: article, encoding: .utf8)
            text = text.replacingOccurrences(of: "title: Second article", with: "title: Edited while serving")
            try Data(text.utf8).write(to: article)
            #expect(try await eventually { try await TestHTTP.get(port, "/articles/second/").body.contains("<h1>Edited while serving</h1>") })
            #expect(await eventually { events.text.contains("event: reload\ndata: 2\n") })

            // A bad edit: the last good page stays, with the errors over it and in an event.
            try Data(text.replacingOccurrences(of: "  - beta", with: "  - betta").utf8).write(to: article)
            #expect(try await eventually { try await TestHTTP.get(port, "/articles/second/").body.contains("unknown skill \\\"betta\\\"") })
            page = try await TestHTTP.get(port, "/articles/second/")
            #expect(page.body.contains("<h1>Edited while serving</h1>"))
            #expect(page.body.contains("var errors=\"\(site.source.path)/content/articles/second.md:6:5: error: skills: unknown skill \\\"betta\\\""))
            #expect(page.body.contains("attachShadow({mode:\"open\"})"))
            #expect(await eventually { events.text.contains("event: failed\ndata: ") && events.text.contains("unknown skill \"betta\"") })

            // Fixed: the overlay goes and pages reload by themselves.
            let reloadsBefore = events.count(of: "reload")
            try Data(text.replacingOccurrences(of: "title: Edited while serving", with: "title: Fixed again").utf8).write(to: article)
            #expect(try await eventually { try await TestHTTP.get(port, "/articles/second/").body.contains("<h1>Fixed again</h1>") })
            page = try await TestHTTP.get(port, "/articles/second/")
            #expect(page.body.contains("var errors=null;"))
            #expect(await eventually { events.count(of: "reload") > reloadsBefore })
        }
    }

    /// A save that changes no page (the same bytes written again) rebuilds, but open pages
    /// are not reloaded; a page that opens its stream after a change is told at once.
    @Test func reloadsOnlyWhenPagesChanged() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site) { preview, port in
            let events = try EventReader(port: port, version: try await preview.status().pageVersion)
            defer { events.close() }
            #expect(try await eventually { try await preview.status().eventStreams == 1 })
            let article = site.source.appendingPathComponent("content/articles/second.md")
            let text = try String(contentsOf: article, encoding: .utf8)
            try Data(text.utf8).write(to: article)
            #expect(try await eventually { try await preview.status().version == 2 })
            try await Task.sleep(for: .milliseconds(300))
            #expect(events.count(of: "reload") == 0)
            #expect(try await preview.status().pageVersion == 1)

            try Data(text.replacingOccurrences(of: "title: Second article", with: "title: Changed").utf8).write(to: article)
            #expect(await eventually { events.count(of: "reload") == 1 })
            // A page still showing version 1 opens its stream late: it reloads at once.
            let late = try EventReader(port: port, version: 1)
            defer { late.close() }
            #expect(await eventually { late.text.contains("event: reload\ndata: 2\n") })
        }
    }

    /// Every hostile path gets exactly its documented status from the running server.
    @Test func answersEveryPathSafely() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site) { _, port in
            #expect(try await TestHTTP.get(port, "/articles/intro").status == 301)
            #expect(try await TestHTTP.get(port, "/articles/intro").headers["location"] == "/articles/intro/")
            let missing = try await TestHTTP.get(port, "/no/such/page/")
            #expect(missing.status == 404)
            #expect(missing.body.contains("<h1>Page not found</h1>"))
            #expect(try await TestHTTP.get(port, "/sitemap.xml").headers["content-type"] == "application/xml")
            #expect(try await TestHTTP.get(port, "/images/pixel.png").headers["content-type"] == "image/png")
            // Encoded characters that are not dots or slashes are fine.
            #expect(try await TestHTTP.get(port, "/articles/%69ntro/").status == 200)
            #expect(try await TestHTTP.get(port, "/a%2eb").status == 404)
            #expect(try await TestHTTP.get(port, "/articles/intro/?q=1&x=%2e%2e").status == 200)

            let hostile: [(String, Int)] = [
                ("/../etc/passwd", 400), ("/..", 400), ("/a/..", 400), ("/a/./b", 400), ("/.", 400),
                ("/%2e%2e/%2e%2e/etc/passwd", 400), ("/articles/%2E%2E/%2E%2E/x", 400), ("/%2e%2e%2fetc%2fpasswd", 400),
                ("/%2e/x", 400), ("/.%2e/x", 400),
                ("/a\\..\\b", 400), ("/a%5c..%5cb", 400), ("/a\\b", 400),
                ("/a%00b", 400), ("/%00", 400),
                ("/%zz", 400), ("/%2", 400), ("/%c3%28", 400),
                ("//etc/passwd", 400), ("/a%2f%2fb", 400),
                ("http://localhost/", 400), ("*", 400), ("etc/passwd", 400),
                ("/" + String(repeating: "a", count: 5000), 414),
            ]
            for (path, status) in hostile {
                let reply = try await TestHTTP.get(port, path)
                #expect(reply.status == status, "\(path): \(reply.status)")
                #expect(!reply.body.contains("root:"), "\(path)")
            }
            // A raw byte outside ASCII in the request line.
            #expect(try await TestHTTP.request(port, "GET /caf\u{e9} HTTP/1.1\r\nHost: localhost\r\n\r\n").status == 400)
            // Still serving after all that.
            #expect(try await TestHTTP.get(port, "/").status == 200)
        }
    }

    @Test func headAnswersWithTheHeadersOfGetAndNoBody() async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try await withPreview(site) { _, port in
            let get = try await TestHTTP.get(port, "/articles/intro/")
            let head = try await TestHTTP.get(port, "/articles/intro/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.headers["content-type"] == "text/html; charset=utf-8")
            #expect(head.headers["content-length"] == String(get.body.utf8.count))
            #expect(head.body.isEmpty)
            let missingHead = try await TestHTTP.get(port, "/nope", method: "HEAD")
            #expect(missingHead.status == 404)
            #expect(missingHead.body.isEmpty)
        }
    }

    /// The overlay is built by the page's script inside a shadow root, so the theme's CSS
    /// (its light `pre` background, say) cannot reach it. The script is run in Node with a
    /// small stand-in for the DOM, where Node is installed.
    @Test func overlayLivesInAShadowRoot() async throws {
        let state = PreviewServer.State(version: 3, pageVersion: 2, files: [:],
                                        errors: [.error(SitegenModel.SourceLocation(path: "content/articles/a.md", line: 2, column: 3), "bad </script><b>\"x\"")])
        let html = PreviewServer.injectLiveReload(into: "<html><body><pre>theme</pre></body></html>", state: state)
        let script = try #require(html.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
        // Nothing but the script is added to the page: no markup the theme could style.
        #expect(html.hasPrefix("<html><body><pre>theme</pre><script>"))
        #expect(html.components(separatedBy: "</script>").count == 2)
        #expect(!script.contains("</script"))
        #expect(script.contains("attachShadow({mode:\"open\"})"))
        #expect(script.contains("all:initial !important"))

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/node") else { return }
        let harness = """
        const vm = require("vm");
        function element(tag) {
          return { tag, attributes: {}, children: [], shadowRoot: null,
            setAttribute(k, v) { this.attributes[k] = v }, appendChild(c) { this.children.push(c) },
            attachShadow(options) {
              const pre = { textContent: "" };
              this.shadowRoot = { mode: options.mode, innerHTML: "", querySelector: s => s === "pre" ? pre : null, pre };
              return this.shadowRoot } } }
        const documentElement = element("html");
        const listeners = {};
        const context = {
          document: { documentElement, createElement: element,
                      getElementById: id => documentElement.children.find(c => c.id === id) || null },
          EventSource: class { constructor(url) { context.url = url } addEventListener(n, f) { listeners[n] = f } },
          location: { reload() { context.reloaded = true } } };
        vm.runInNewContext(require("fs").readFileSync(process.argv[2], "utf8"), context);
        const host = documentElement.children[0];
        const first = host.shadowRoot.pre.textContent;
        listeners.failed({ data: "another error" });
        listeners.reload();
        console.log(JSON.stringify({ tag: host.tag, id: host.id, count: documentElement.children.length,
          style: host.attributes.style, mode: host.shadowRoot.mode, shadow: host.shadowRoot.innerHTML,
          first, second: host.shadowRoot.pre.textContent, url: context.url, reloaded: !!context.reloaded }));
        """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(harness.utf8).write(to: folder.appendingPathComponent("harness.js"))
        try Data(script.utf8).write(to: folder.appendingPathComponent("script.js"))
        let output: String = try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/node")
            process.arguments = [folder.appendingPathComponent("harness.js").path, folder.appendingPathComponent("script.js").path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "node printed: \(output)")
        #expect(result["tag"] as? String == "sitegen-overlay")
        #expect(result["id"] as? String == "sitegen-overlay")
        #expect(result["count"] as? Int == 1)
        #expect(result["mode"] as? String == "open")
        #expect((result["style"] as? String)?.hasPrefix("all:initial !important;") == true)
        let shadow = try #require(result["shadow"] as? String)
        #expect(shadow.hasPrefix("<style>:host{all:initial}"))
        #expect(shadow.contains("pre{margin:.5rem 0 0;padding:0;border:0;background:none;color:inherit"))
        #expect(result["first"] as? String == "content/articles/a.md:2:3: error: bad </script><b>\"x\"")
        #expect(result["second"] as? String == "another error")
        #expect(result["url"] as? String == "/__sitegen/events?v=2")
        #expect(result["reloaded"] as? Bool == true)
    }
}
