import SitegenBuild
import SitegenModel
import SitegenSupport
import FlyingFox
import FlyingSocks
import Foundation

/// `sitegen serve`: builds the site into memory, serves it over HTTP with FlyingFox behind
/// `RequestGate`, watches `content/` and `templates/`, rebuilds what changed and tells
/// open pages to reload (Server-Sent Events). A failed rebuild keeps the last good pages
/// and shows the errors on top of them.
public final class PreviewServer: @unchecked Sendable {
    public struct State: Sendable {
        /// Rebuilds so far.
        public var version = 0
        /// Changes open pages were told of: it grows when the pages or the errors change.
        public var pageVersion = 0
        public var files: [String: OutputFile] = [:]
        /// Errors of the latest build; empty when it succeeded.
        public var errors: [Diagnostic] = []
    }

    public static let eventsPath = "/__sitegen/events"
    public static let statusPath = "/__sitegen/status"

    private let builder: Pipeline
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var state = State()
    private var running = false
    private var gate: RequestGate?
    private var backend: HTTPServer?
    private var backendTask: Task<Void, any Error>?
    private var pingTask: Task<Void, Never>?
    private var socketFolder: String?
    private let events = EventHub()
    private var watchedStamp = 0

    /// The site is rendered for the root of the preview server, whatever its `base_url`.
    public init(options: BuildOptions, log: @escaping @Sendable (String) -> Void) {
        var options = options
        options.baseURL = "/"
        builder = Pipeline(options: options)
        self.log = log
    }

    public var currentState: State { condition.withLock { state } }
    /// The port clients connect to, once started.
    public var port: UInt16? { gate?.port }
    /// The address the listening socket is bound to, e.g. `127.0.0.1`.
    public var listeningAddress: String? { gate?.address }
    /// Open live-reload streams.
    public var eventStreamCount: Int { events.count }

    /// Builds once, then serves on `host:port` (0 picks a free port) and starts watching:
    /// with inotify, or by polling every stamp each `pollInterval` when `polling` is set or
    /// inotify is missing. `hosts` says which `Host` headers are answered.
    public func start(host: String = "127.0.0.1", port: UInt16 = 0, hosts: HostPolicy = .loopbackNames,
                      limits: ServeLimits = ServeLimits(), pollInterval: TimeInterval = 0.25, polling: Bool = false) throws {
        // inotify names the files that change, so a rebuild looks at those alone. Either
        // way, watching starts before the first build, so no save during it is missed.
        let fileWatcher = polling ? nil : FileWatcher(roots: builder.watchedFolders)
        if fileWatcher == nil { watchedStamp = treeStamp() }
        condition.withLock { running = true }
        rebuild()

        // FlyingFox listens on a Unix socket in a new folder only this user can open; the
        // gate owns the public socket and hands it the requests it accepted.
        let folder = try Self.makePrivateFolder()
        let address = sockaddr_un.unix(path: folder + "/http.sock")
        let backend = HTTPServer(address: address, timeout: 15, logger: .disabled,
                                 handler: ClosureHTTPHandler { [weak self] request in
            self?.respond(to: request) ?? HTTPResponse(statusCode: .serviceUnavailable)
        })
        let gate: RequestGate
        do {
            gate = try RequestGate(host: host, port: port, limits: limits, hosts: hosts, upstream: address) {
                (try? await backend.waitUntilListening(timeout: 5)) != nil
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            condition.withLock { running = false }
            throw error
        }
        socketFolder = folder
        self.backend = backend
        self.gate = gate
        backendTask = Task { try await backend.run() }
        gate.start()
        let events = self.events
        pingTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                events.send(EventHub.ping)
            }
        }

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

    /// Stops serving and watching: the listening socket is closed, open connections and
    /// event streams end.
    public func stop() {
        let wasRunning = condition.withLock {
            defer { running = false; condition.broadcast() }
            return running
        }
        guard wasRunning else { return }
        pingTask?.cancel()
        events.finishAll()
        gate?.stop()
        if let backend, let backendTask {
            let stopped = DispatchSemaphore(value: 0)
            Task {
                await backend.stop(timeout: 0.5)
                stopped.signal()
            }
            _ = stopped.wait(timeout: .now() + 2)
            backendTask.cancel()
        }
        if let socketFolder { try? FileManager.default.removeItem(atPath: socketFolder) }
    }

    private var isRunning: Bool { condition.withLock { running } }

    /// Rebuilds and publishes the result: new pages, or the errors over the old ones.
    public func rebuild(changes: FileChanges? = nil) {
        let start = Date()
        let outcome = builder.run(checkOutputFolder: false, changes: changes)
        let milliseconds = Int(Date().timeIntervalSince(start) * 1000)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        let event: [UInt8]? = condition.withLock {
            let hadErrors = !state.errors.isEmpty
            state.version += 1
            if errors.isEmpty {
                state.files = Dictionary(outcome.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            }
            state.errors = errors
            // Open pages reload only when what they show may have changed: a save that
            // changes no output (a touch, an edit of a draft) leaves them alone.
            guard !errors.isEmpty || hadErrors || !outcome.changedPaths.isEmpty else { return nil }
            state.pageVersion += 1
            condition.broadcast()
            return Self.event(for: state)
        }
        if let event { events.send(event) }
        for diagnostic in outcome.diagnostics { log(diagnostic.description) }
        if errors.isEmpty {
            log("Built \(outcome.files.count) files (\(outcome.renderedCount) rendered) in \(milliseconds) ms")
        } else {
            log("Build failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); still serving the last good pages")
        }
    }

    /// `reload`, or `failed` with the errors, one per line.
    static func event(for state: State) -> [UInt8] {
        state.errors.isEmpty
            ? EventHub.event("reload", data: String(state.pageVersion))
            : EventHub.event("failed", data: state.errors.map(\.description).joined(separator: "\n"))
    }

    static func makePrivateFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/sitegen-serve-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ServeError("cannot make a folder for the server's socket: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)  // mkdtemp makes it readable by this user alone (0700)
    }

    /// A hash of every path and stamp (modification time, size, inode) under the watched
    /// folders: cheap enough to poll.
    func treeStamp() -> Int {
        var hasher = Hasher()
        for root in builder.watchedFolders {
            hasher.combine(root)
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in enumerator {
                hasher.combine(path)
                var info = stat()
                // A broken symlink still has a stamp of its own.
                if stat(root + "/" + path, &info) == 0 || lstat(root + "/" + path, &info) == 0 {
                    hasher.combine(info.st_mtim.tv_sec)
                    hasher.combine(info.st_mtim.tv_nsec)
                    hasher.combine(info.st_size)
                    hasher.combine(info.st_ino)
                }
            }
        }
        return hasher.finalize()
    }

    // MARK: - HTTP (FlyingFox calls this for every request the gate let through)

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let isHead = request.method == .HEAD
        // The gate passed only clean paths; decoding again keeps this safe on its own.
        guard let path = RequestTarget.decode(request.target.path()) else {
            return Self.response(.badRequest, [.contentType: "text/plain; charset=utf-8"], Data("Bad request: malformed path\n".utf8), isHead: isHead)
        }
        if path == Self.eventsPath { return eventStream(query: request.target.query(), isHead: isHead) }
        let current = currentState
        if path == Self.statusPath {
            let status: [String: Any] = ["version": current.version, "pageVersion": current.pageVersion,
                                         "errors": current.errors.map(\.description), "eventStreams": events.count]
            let data = (try? JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])) ?? Data()
            return Self.response(.ok, [.contentType: "application/json", .cacheControl: "no-store"], data, isHead: isHead)
        }
        let key = String(path.dropFirst())
        var status = HTTPStatusCode.ok
        var file = current.files[key.isEmpty || key.hasSuffix("/") ? key + "index.html" : key]
        if file == nil, current.files[key + "/index.html"] != nil {
            return Self.response(.movedPermanently, [.location: RequestTarget.encode(path + "/")], Data(), isHead: isHead)
        }
        if file == nil {
            status = .notFound
            file = current.files["404.html"]
        }
        guard let file else {
            return Self.response(.notFound, [.contentType: "text/plain; charset=utf-8"], Data("Not found\n".utf8), isHead: isHead)
        }
        var body: Data
        switch file.contents {
        case .text(let text): body = Data(text.utf8)
        case .parts(let parts): body = parts.reduce(into: Data()) { $0.append(contentsOf: $1.utf8) }
        case .copy(let source): body = FileManager.default.contents(atPath: source) ?? Data()
        }
        let type = Self.contentType(for: file.path)
        if type.hasPrefix("text/html") {
            body = Data(Self.injectLiveReload(into: String(decoding: body, as: UTF8.self), state: current).utf8)
        }
        return Self.response(status, [.contentType: type, .cacheControl: "no-store"], body, isHead: isHead)
    }

    /// A HEAD answer has the headers of the GET answer, Content-Length included, and no body.
    static func response(_ status: HTTPStatusCode, _ headers: HTTPHeaders, _ body: Data, isHead: Bool) -> HTTPResponse {
        guard isHead else { return HTTPResponse(statusCode: status, headers: headers, body: body) }
        var headers = headers
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: status, headers: headers, body: Data())
    }

    /// The live-reload stream. A page says which `pageVersion` it shows (`?v=`); one that
    /// is already out of date is told at once, so no change between loading the page and
    /// opening the stream is missed.
    private func eventStream(query: String, isHead: Bool) -> HTTPResponse {
        let headers: HTTPHeaders = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        if isHead { return HTTPResponse(statusCode: .ok, headers: headers, body: Data()) }
        let current = currentState
        let shown = query.split(separator: "&").first { $0.hasPrefix("v=") }.flatMap { Int($0.dropFirst(2)) }
        // Browsers reconnect by themselves after a second if the server restarts.
        var first = Array("retry: 1000\n\n".utf8)
        if let shown, shown != current.pageVersion { first += Self.event(for: current) }
        return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: events.subscribe(first: first)))
    }

    /// Adds the reload script, which also shows the error overlay while the latest build failed.
    static func injectLiveReload(into html: String, state: State) -> String {
        let errors = state.errors.isEmpty ? "null" : ScriptSafeString.literal(state.errors.map(\.description).joined(separator: "\n"))
        let addition = "<script>\(reloadScript(version: state.pageVersion, errors: errors))</script>"
        if let range = html.range(of: "</body>", options: .backwards) {
            return html.replacingCharacters(in: range, with: addition + "</body>")
        }
        return html + addition
    }

    /// The overlay lives in a shadow root, so no rule of the theme reaches inside it, and
    /// its host element resets every inherited property with inline `!important` styles.
    static let overlayHostStyle = "all:initial !important;display:block !important;position:fixed !important;left:0 !important;right:0 !important;bottom:0 !important;z-index:2147483647 !important"
    static let overlayShadowStyle = ":host{all:initial}.panel{box-sizing:border-box;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#2b0d0d;color:#ffe9e9;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;border-top:4px solid #ff5c5c}strong{font-weight:700;color:#fff}pre{margin:.5rem 0 0;padding:0;border:0;background:none;color:inherit;font:inherit;white-space:pre-wrap;overflow-wrap:anywhere}"

    static func reloadScript(version: Int, errors: String) -> String {
        """
        (function(){var errors=\(errors);\
        function show(text){var host=document.getElementById("sitegen-overlay");\
        if(!host){host=document.createElement("sitegen-overlay");host.id="sitegen-overlay";host.setAttribute("role","alert");\
        host.setAttribute("style","\(overlayHostStyle)");\
        host.attachShadow({mode:"open"}).innerHTML='<style>\(overlayShadowStyle)</style><div class="panel"><strong>sitegen: the last build failed; showing the last good page.</strong><pre></pre></div>';\
        document.documentElement.appendChild(host)}\
        host.shadowRoot.querySelector("pre").textContent=text}\
        if(errors!==null)show(errors);\
        var s=new EventSource("\(eventsPath)?v=\(version)");\
        s.addEventListener("reload",function(){location.reload()});\
        s.addEventListener("failed",function(e){show(e.data)});})();
        """
    }

    /// FlyingFox's own table is internal to it (and gives no charset), so the server keeps
    /// this short one.
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
