import SitegenBuild
import SitegenModel
import SitegenSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server for local previews: GET and HEAD only, keep-alive, strict
/// limits, one thread per connection. It knows nothing about sites; `handler` answers.
public final class HTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        /// The path, percent-decoded, without query or fragment. Always starts with "/".
        public var path: String
        public var query: String
        public var headers: [String: String]
    }

    public enum Body: Sendable {
        case bytes(Data)
        /// Server-Sent Events: the handler gets a stream to write events to until it ends.
        case eventStream(@Sendable (EventStream) -> Void)
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Body

        public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes(Data())) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Data(text.utf8)))
        }
    }

    /// The open connection of an event-stream response.
    public final class EventStream: @unchecked Sendable {
        let socket: Int32
        init(socket: Int32) { self.socket = socket }

        /// Sends one event; false when the client has gone.
        @discardableResult
        public func send(event: String, data: String) -> Bool {
            var message = "event: \(event)\n"
            for line in data.splitLines() { message += "data: \(line)\n" }
            return HTTPServer.writeAll(socket, Data((message + "\n").utf8))
        }

        /// A comment line keeps proxies and browsers from timing the stream out.
        @discardableResult
        public func ping() -> Bool { HTTPServer.writeAll(socket, Data(": ping\n\n".utf8)) }
    }

    static let maxRequestHead = 16 * 1024
    static let maxBody = 1024 * 1024
    static let idleTimeoutSeconds = 10

    public let port: UInt16
    public let host: String
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var running = true

    /// Binds `host:port` (port 0 picks a free one). Throws a readable message on failure.
    public init(host: String, port: UInt16, handler: @escaping @Sendable (Request) -> Response) throws {
        self.host = host
        self.handler = handler
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let first = info else {
            throw ServerError("cannot resolve host \"\(host)\": \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(info) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ServerError("cannot listen on \(host):\(port): \(reason)")
        }
        guard listen(fd, 512) == 0 else {
            close(fd)
            throw ServerError("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        if Int32(address.ss_family) == AF_INET6 {
            self.port = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
        } else {
            self.port = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
        }
        listener = fd
    }

    /// Accepts connections on a background thread until `stop()`.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    public func stop() {
        lock.withLock { running = false }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isRunning: Bool { lock.withLock { running } }

    private func acceptLoop() {
        while isRunning {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE {
                    if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                    continue
                }
                return
            }
            var timeout = timeval(tv_sec: Self.idleTimeoutSeconds, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let thread = Thread { [self] in
                serve(client)
                Self.lingeringClose(client)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    /// Answers requests on one connection until it closes, errs or idles out.
    private func serve(_ client: Int32) {
        var buffer = Data()
        while true {
            guard let (request, rest, keepAlive) = readRequest(client, buffer: &buffer) else { return }
            buffer = rest
            var response: Response
            switch request {
            case .failure(let status, let message):
                response = .text(status, message)
                send(response, to: client, head: false, keepAlive: false)
                return
            case .success(let parsed):
                guard parsed.method == "GET" || parsed.method == "HEAD" else {
                    response = .text(405, "Method not allowed\n")
                    response.headers.append(("Allow", "GET, HEAD"))
                    send(response, to: client, head: false, keepAlive: false)
                    return
                }
                response = handler(parsed)
                if case .eventStream(let body) = response.body {
                    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n"
                    guard Self.writeAll(client, Data(head.utf8)) else { return }
                    body(EventStream(socket: client))
                    return
                }
                guard send(response, to: client, head: parsed.method == "HEAD", keepAlive: keepAlive) else { return }
                if !keepAlive { return }
            }
        }
    }

    enum Parsed {
        case success(Request)
        case failure(Int, String)
    }

    /// Reads one request head (and discards a body). Nil when the connection ended.
    private func readRequest(_ client: Int32, buffer: inout Data) -> (Parsed, Data, Bool)? {
        let separator = Data("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while buffer.range(of: separator) == nil {
            if buffer.count > Self.maxRequestHead {
                return (.failure(431, "Request header fields too large\n"), Data(), false)
            }
            let count = recv(client, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer.append(chunk, count: count)
        }
        let end = buffer.range(of: separator)!
        guard end.lowerBound <= Self.maxRequestHead else {
            return (.failure(431, "Request header fields too large\n"), Data(), false)
        }
        let head = buffer[buffer.startIndex..<end.lowerBound]
        var rest = Data(buffer[end.upperBound...])
        guard let text = String(data: head, encoding: .utf8) else {
            return (.failure(400, "Bad request\n"), Data(), false)
        }
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty else {
            return (.failure(400, "Bad request\n"), Data(), false)
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return (.failure(400, "Bad request\n"), Data(), false) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        // A body (unusual on GET) is read and dropped, within limits.
        if headers["transfer-encoding"] != nil {
            return (.failure(501, "Transfer-Encoding is not supported\n"), Data(), false)
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { return (.failure(400, "Bad request\n"), Data(), false) }
            guard length <= Self.maxBody else { return (.failure(413, "Payload too large\n"), Data(), false) }
            while rest.count < length {
                let count = recv(client, &chunk, chunk.count, 0)
                if count <= 0 { return nil }
                rest.append(chunk, count: count)
            }
            rest = Data(rest.dropFirst(length))
        }
        let version = parts[2]
        let connection = headers["connection"]?.lowercased() ?? ""
        let keepAlive = version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
        guard let (path, query) = Self.decodeTarget(String(parts[1])) else {
            return (.failure(400, "Bad request: malformed path\n"), rest, false)
        }
        return (.success(Request(method: String(parts[0]), path: path, query: query, headers: headers)), rest, keepAlive)
    }

    /// Splits and percent-decodes a request target. Nil for anything that is not a clean
    /// absolute path: bad escapes, NUL, backslashes, and `.` or `..` segments however encoded.
    static func decodeTarget(_ target: String) -> (String, String)? {
        guard target.hasPrefix("/"), target.count <= 4096 else { return nil }
        var rawPath = Substring(target), query = ""
        if let hash = rawPath.firstIndex(of: "#") { rawPath = rawPath[..<hash] }
        if let mark = rawPath.firstIndex(of: "?") {
            query = String(rawPath[rawPath.index(after: mark)...])
            rawPath = rawPath[..<mark]
        }
        guard let path = String(rawPath).removingPercentEncoding else { return nil }
        if path.contains("\0") || path.contains("\\") { return nil }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if segment == "." || segment == ".." { return nil }
        }
        if path.contains("//") { return nil }
        return (path, query)
    }

    @discardableResult
    private func send(_ response: Response, to client: Int32, head: Bool, keepAlive: Bool) -> Bool {
        guard case .bytes(let body) = response.body else { return false }
        var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var data = Data(text.utf8)
        if !head { data.append(body) }
        return Self.writeAll(client, data)
    }

    /// Closes after the client has read the answer: a refused request (a 431 for huge
    /// headers) may still be arriving, and closing with unread data makes the kernel send a
    /// reset that destroys the answer. So: stop sending, drain briefly, then close.
    static func lingeringClose(_ socket: Int32) {
        shutdown(socket, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var drained = 0
        while drained < maxBody {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            drained += count
        }
        close(socket)
    }

    static func writeAll(_ socket: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.send(socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Payload Too Large"
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 501: return "Not Implemented"
        default: return "Status \(status)"
        }
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
