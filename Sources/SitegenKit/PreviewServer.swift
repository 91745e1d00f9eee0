import SitegenBuild
import SitegenModel
import SitegenSupport
import Foundation

/// `sitegen serve`: builds the site into memory, serves it over HTTP, watches `content/`
/// and `templates/`, rebuilds what changed and tells open pages to reload (Server-Sent
/// Events). A failed rebuild keeps the last good pages and shows the errors on top of them.
public final class PreviewServer: @unchecked Sendable {
    public struct State: Sendable {
        public var version = 0
        public var files: [String: OutputFile] = [:]
        /// Errors of the latest build; empty when it succeeded.
        public var errors: [Diagnostic] = []
    }

    static let eventsPath = "/__sitegen/events"
    static let statusPath = "/__sitegen/status"

    private let builder: Pipeline
    private let layout: SiteLayout
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var state = State()
    private var running = true
    private var server: HTTPServer?
    private var watchedStamp = 0

    /// The site is rendered for the root of the preview server, whatever its `base_url`.
    public init(options: BuildOptions, log: @escaping @Sendable (String) -> Void) {
        var options = options
        options.baseURL = "/"
        builder = Pipeline(options: options)
        layout = SiteLayout(source: options.source, output: options.output)
        self.log = log
    }

    public var currentState: State { condition.withLock { state } }
    public var port: UInt16? { server?.port }

    /// Builds once, then serves on `host:port` (0 picks a free port) and starts watching:
    /// with inotify, or by polling every stamp each `pollInterval` when `polling` is set or
    /// inotify is missing.
    public func start(host: String, port: UInt16, pollInterval: TimeInterval = 0.25, polling: Bool = false) throws {
        // inotify names the files that change, so a rebuild looks at those alone. Either
        // way, watching starts before the first build, so no save during it is missed.
        let fileWatcher = polling ? nil : FileWatcher(roots: builder.watchedFolders)
        if fileWatcher == nil { watchedStamp = treeStamp() }
        rebuild()
        let server = try HTTPServer(host: host, port: port) { [weak self] request in
            self?.respond(to: request) ?? .text(503, "Shutting down\n")
        }
        self.server = server
        server.start()
        let watcher = Thread { [weak self] in
            while let self, self.isRunning {
                if let fileWatcher {
                    // The timeout only bounds how long a stop waits for this thread.
                    if let changes = fileWatcher.waitForChanges(timeout: 0.5) { self.rebuild(changes: changes) }
                    continue
                }
                Thread.sleep(forTimeInterval: pollInterval)
                var stamp = self.treeStamp()
                guard stamp != self.watchedStamp else { continue }
                // Wait until saving is over: an editor that writes in steps (truncate,
                // then write) would otherwise show errors from a half-written file.
                while true {
                    Thread.sleep(forTimeInterval: 0.05)
                    let settled = self.treeStamp()
                    if settled == stamp { break }
                    stamp = settled
                }
                self.watchedStamp = stamp
                self.rebuild()
            }
        }
        watcher.start()
    }

    public func stop() {
        condition.withLock {
            running = false
            condition.broadcast()
        }
        server?.stop()
    }

    private var isRunning: Bool { condition.withLock { running } }

    /// Rebuilds and publishes the result: new pages, or the errors over the old ones.
    public func rebuild(changes: FileChanges? = nil) {
        let start = Date()
        let outcome = builder.run(checkOutputFolder: false, changes: changes)
        let milliseconds = Int(Date().timeIntervalSince(start) * 1000)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        condition.withLock {
            state.version += 1
            if errors.isEmpty {
                state.files = Dictionary(outcome.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            }
            state.errors = errors
            condition.broadcast()
        }
        for diagnostic in outcome.diagnostics { log(diagnostic.description) }
        if errors.isEmpty {
            log("Built \(outcome.files.count) files (\(outcome.renderedCount) rendered) in \(milliseconds) ms")
        } else {
            log("Build failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); still serving the last good pages")
        }
    }

    /// A hash of every path and stamp under content/ and templates/: cheap enough to poll.
    func treeStamp() -> Int {
        var hasher = Hasher()
        for folder in [layout.contentURL, layout.templatesURL] {
            let root = folder.path
            hasher.combine(root)
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in enumerator {
                hasher.combine(path)
                hasher.combine(FileStamp(path: root + "/" + path))
            }
        }
        return hasher.finalize()
    }

    // MARK: - HTTP

    func respond(to request: HTTPServer.Request) -> HTTPServer.Response {
        if request.path == Self.eventsPath { return eventStream() }
        let current = currentState
        if request.path == Self.statusPath {
            let status: [String: Any] = ["version": current.version, "errors": current.errors.map(\.description)]
            let data = (try? JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])) ?? Data()
            return HTTPServer.Response(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                       body: .bytes(data))
        }
        let key = String(request.path.dropFirst())
        var status = 200
        var file = current.files[key.isEmpty || key.hasSuffix("/") ? key + "index.html" : key]
        if file == nil, current.files[key + "/index.html"] != nil {
            return HTTPServer.Response(status: 301, headers: [("Location", request.path + "/")])
        }
        if file == nil {
            status = 404
            file = current.files["404.html"]
        }
        guard let file else { return .text(404, "Not found\n") }
        var body: Data
        switch file.contents {
        case .text(let text): body = Data(text.utf8)
        case .parts(let parts): body = parts.reduce(into: Data()) { $0.append(contentsOf: $1.utf8) }
        case .copy(let source): body = FileManager.default.contents(atPath: source) ?? Data()
        }
        let type = Self.contentType(for: file.path)
        if type.hasPrefix("text/html") {
            body = Data(injectLiveReload(into: String(decoding: body, as: UTF8.self), errors: current.errors).utf8)
        }
        return HTTPServer.Response(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")],
                                   body: .bytes(body))
    }

    private func eventStream() -> HTTPServer.Response {
        HTTPServer.Response(status: 200, body: .eventStream { [weak self] stream in
            guard let self else { return }
            var seen = self.currentState.version
            while self.isRunning {
                var next: State?
                self.condition.lock()
                if self.state.version == seen && self.running {
                    _ = self.condition.wait(until: Date().addingTimeInterval(15))
                }
                if self.state.version != seen { next = self.state }
                self.condition.unlock()
                guard let next else {
                    if !stream.ping() { return }
                    continue
                }
                seen = next.version
                let sent = next.errors.isEmpty
                    ? stream.send(event: "reload", data: String(next.version))
                    : stream.send(event: "failed", data: next.errors.map(\.description).joined(separator: "\n"))
                if !sent { return }
            }
        })
    }

    /// Adds the reload script, and the error overlay while the latest build failed.
    func injectLiveReload(into html: String, errors: [Diagnostic]) -> String {
        var addition = "<script>\(Self.reloadScript)</script>"
        if !errors.isEmpty {
            let list = errors.map { XML.escape($0.description) }.joined(separator: "\n")
            addition = "<div id=\"sitegen-overlay\" role=\"alert\" style=\"\(Self.overlayStyle)\"><strong>sitegen: the last build failed; showing the last good page.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">\(list)</pre></div>" + addition
        }
        if let range = html.range(of: "</body>", options: .backwards) {
            return html.replacingCharacters(in: range, with: addition + "</body>")
        }
        return html + addition
    }

    static let overlayStyle = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;background:#2b0d0d;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;padding:1rem;border-top:4px solid #ff5c5c"

    static let reloadScript = """
    (function(){var s=new EventSource("\(eventsPath)");\
    s.addEventListener("reload",function(){location.reload()});\
    s.addEventListener("failed",function(e){var o=document.getElementById("sitegen-overlay");\
    if(!o){o=document.createElement("div");o.id="sitegen-overlay";o.setAttribute("role","alert");\
    o.setAttribute("style","\(overlayStyle)");document.body.appendChild(o)}\
    o.textContent="";var t=document.createElement("strong");t.textContent="sitegen: the last build failed; showing the last good page.";\
    var p=document.createElement("pre");p.style.whiteSpace="pre-wrap";p.textContent=e.data;o.appendChild(t);o.appendChild(p)});})();
    """

    static func contentType(for path: String) -> String {
        switch path.split(separator: ".").last.map(String.init) ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
