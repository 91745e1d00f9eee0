import SitegenBuild
import SitegenModel
import SitegenSupport
import Foundation

/// Which `Host` header values the preview server answers.
public enum HostPolicy: Sendable, Equatable {
    /// `localhost`, `127.0.0.1` or `[::1]`, with any port or none. A web page elsewhere
    /// cannot then reach the preview through a DNS name it controls that it points at
    /// 127.0.0.1 (DNS rebinding): its requests carry that name and are refused.
    case loopbackNames
    /// Any name: the user chose the address with `--host` (to preview from a phone, say).
    case any
}

/// The limits `RequestGate` enforces on every connection.
public struct ServeLimits: Sendable {
    /// Request line and headers together; more gets 431.
    public var maxHeadBytes = 16 * 1024
    /// A body (which GET and HEAD do not need) is read and dropped up to this; more gets 413.
    public var maxBodyBytes = 1024 * 1024
    /// Seconds a connection has to deliver one whole request head (and its body), counted
    /// from when the server starts waiting for it: a total, not an idle time that each
    /// byte restarts. A partial head then gets 408; a connection that sent nothing is closed.
    public var headDeadline: TimeInterval = 10
    /// Connections served at once; more wait in the kernel's queue until one closes.
    public var maxConnections = 512

    public init() {}
}

/// A request head the gate accepted: what it tells FlyingFox, and what it needs itself.
struct AcceptedRequest: Equatable {
    var method: String
    /// The percent-decoded path: a key into the built site, never a file name.
    var path: String
    /// The path again, percent-encoded in one canonical way, with the query if it is plain.
    var target: String
    var bodyLength: Int
    /// Whether the client wants the connection kept open after the answer.
    var keepAlive: Bool
    /// The request as FlyingFox gets it: the canonical target, the Host, nothing else.
    var forwardedHead: [UInt8]
}

/// A request the gate answers itself, with this status, and then closes.
struct Refusal: Error, Equatable {
    var status: Int
    var message: String
    /// A HEAD request's refusal has no body.
    var isHead = false

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 421: return "Misdirected Request"
        case 431: return "Request Header Fields Too Large"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        default: return "Error"
        }
    }

    /// The whole answer, `Connection: close` included.
    var response: [UInt8] {
        let body = isHead ? "" : message
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: text/plain; charset=utf-8\r\n"
        if status == 405 { head += "Allow: GET, HEAD\r\n" }
        head += "Content-Length: \(message.utf8.count)\r\nConnection: close\r\n\r\n"
        return Array((head + body).utf8)
    }
}

/// Reads and judges a request head. FlyingFox's own parser takes any line length, any
/// header and any target; the gate lets through only heads that pass here, rewritten.
enum RequestHead {
    static let crlf: [UInt8] = [13, 10]

    /// Where the head in `bytes` ends (the index after its blank line), if it is complete.
    static func end(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = 3
        while index < bytes.count {
            if bytes[index] == 10, bytes[index - 1] == 13, bytes[index - 2] == 10, bytes[index - 3] == 13 {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// Judges one head: `head` is everything before the blank line (no final CRLF CRLF).
    /// Checks in this order: syntax (400), Host (400 missing or repeated, 421 not
    /// allowed), method (405), target (400; 414 past 4 KB), body framing (501, 400, 413).
    static func inspect(_ head: ArraySlice<UInt8>, hosts: HostPolicy, limits: ServeLimits) -> Result<AcceptedRequest, Refusal> {
        let lines = split(head)
        // No bare CR or LF inside a line, no NUL, no other control characters but tab.
        for line in lines where line.contains(where: { ($0 < 32 && $0 != 9) || $0 == 127 }) {
            return .failure(bad("Bad request: control characters in the request head\n"))
        }
        guard let requestLine = lines.first else { return .failure(bad("Bad request\n")) }
        let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte),
              let version = String(bytes: parts[2], encoding: .ascii), version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(bad("Bad request: the request line must read METHOD /path HTTP/1.1\n"))
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let isHead = method == "HEAD"

        var fields: [(name: String, value: ArraySlice<UInt8>)] = []
        for line in lines.dropFirst() {
            // A line starting with a space or tab continues the previous one (obsolete folding).
            guard let first = line.first, first != 32, first != 9,
                  let colon = line.firstIndex(of: 58), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(isTokenByte) else {
                return .failure(bad("Bad request: malformed header line\n", isHead))
            }
            var value = line[(colon + 1)...]
            while let byte = value.first, byte == 32 || byte == 9 { value = value.dropFirst() }
            while let byte = value.last, byte == 32 || byte == 9 { value = value.dropLast() }
            fields.append((String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased(), value))
        }
        func values(_ name: String) -> [ArraySlice<UInt8>] { fields.filter { $0.name == name }.map(\.value) }

        let hostValues = values("host")
        guard hostValues.count == 1, let host = String(bytes: hostValues[0], encoding: .ascii), isHostSyntax(host) else {
            return .failure(bad("Bad request: exactly one valid Host header is required\n", isHead))
        }
        if hosts == .loopbackNames && !isLoopbackName(host) {
            return .failure(Refusal(status: 421, message: "This preview server answers only requests for localhost, 127.0.0.1 or [::1] (start it with --host to allow other names)\n", isHead: isHead))
        }
        guard method == "GET" || isHead else {
            return .failure(Refusal(status: 405, message: "Method not allowed: the preview server answers GET and HEAD\n"))
        }
        let rawTarget = String(decoding: parts[1], as: UTF8.self)
        guard rawTarget.utf8.count <= RequestTarget.maxLength else {
            return .failure(Refusal(status: 414, message: "URI too long\n", isHead: isHead))
        }
        guard let target = RequestTarget(rawTarget) else {
            return .failure(bad("Bad request: malformed path\n", isHead))
        }
        if !values("transfer-encoding").isEmpty {
            return .failure(Refusal(status: 501, message: "Transfer-Encoding is not supported\n", isHead: isHead))
        }
        var bodyLength = 0
        let lengths = values("content-length")
        if !lengths.isEmpty {
            guard lengths.count == 1, !lengths[0].isEmpty, lengths[0].count <= 18, lengths[0].allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let length = Int(String(decoding: lengths[0], as: UTF8.self)) else {
                return .failure(bad("Bad request: malformed Content-Length\n", isHead))
            }
            guard length <= limits.maxBodyBytes else {
                return .failure(Refusal(status: 413, message: "Payload too large\n", isHead: isHead))
            }
            bodyLength = length
        }
        let connection = values("connection").map { String(decoding: $0, as: UTF8.self).lowercased() }
            .flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        let forwarded = "\(method) \(target.canonical) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        return .success(AcceptedRequest(method: method, path: target.path, target: target.canonical, bodyLength: bodyLength,
                                        keepAlive: keepAlive, forwardedHead: Array(forwarded.utf8)))
    }

    private static func bad(_ message: String, _ isHead: Bool = false) -> Refusal {
        Refusal(status: 400, message: message, isHead: isHead)
    }

    /// Lines separated by CRLF (a bare CR or LF stays inside a line, and is refused there).
    static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex, index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.endIndex])
        return lines
    }

    /// RFC 9110 token characters (method and header names).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// A host name or address with an optional port: letters, digits, `-._~`, a bracketed
    /// IPv6 address.
    static func isHostSyntax(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 255 else { return false }
        var name = Substring(host), port: Substring?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let inside = name[name.index(after: name.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            let rest = name[name.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                port = rest.dropFirst()
            }
            name = inside
        } else {
            if let colon = name.lastIndex(of: ":") {
                port = name[name.index(after: colon)...]
                name = name[..<colon]
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) }) else { return false }
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        return true
    }

    /// localhost, 127.0.0.1 or [::1], with any port or none.
    static func isLoopbackName(_ host: String) -> Bool {
        let lowered = host.lowercased()
        var name = Substring(lowered)
        if name.hasPrefix("[::1]") {
            name = name.dropFirst(5)
            return name.isEmpty || (name.hasPrefix(":") && name.count > 1 && name.dropFirst().allSatisfy(\.isNumber))
        }
        if let colon = name.lastIndex(of: ":") {
            let port = name[name.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isNumber) else { return false }
            name = name[..<colon]
        }
        return name == "localhost" || name == "127.0.0.1"
    }
}

/// A request target the preview server accepts: an absolute path, percent-decoded, with no
/// `.` or `..` segment however it was encoded, no backslash, no NUL and no empty segment.
struct RequestTarget: Equatable {
    static let maxLength = 4096

    /// Decoded, e.g. `/articles/apis/`.
    var path: String
    /// The path percent-encoded one way (what FlyingFox is given), plus a plain query.
    var canonical: String

    init?(_ raw: String) {
        guard raw.hasPrefix("/"), raw.utf8.count <= Self.maxLength,
              raw.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        var rawPath = Substring(raw), query = Substring("")
        if let hash = rawPath.firstIndex(of: "#") { rawPath = rawPath[..<hash] }
        if let mark = rawPath.firstIndex(of: "?") {
            query = rawPath[rawPath.index(after: mark)...]
            rawPath = rawPath[..<mark]
        }
        guard let path = Self.decode(String(rawPath)) else { return nil }
        self.path = path
        canonical = Self.encode(path)
        // The query means nothing to a static site; it is passed on only when it is plain.
        if !query.isEmpty, query.utf8.allSatisfy({ Self.isUnreserved($0) || $0 == 61 || $0 == 38 }) {
            canonical += "?" + query
        }
    }

    /// Percent-decodes a path and refuses anything that is not a clean absolute path.
    static func decode(_ rawPath: String) -> String? {
        guard rawPath.hasPrefix("/"), let path = rawPath.removingPercentEncoding else { return nil }
        if path.contains("\0") || path.contains("\\") || path.contains("//") { return nil }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if segment == "." || segment == ".." { return nil }
        }
        return path
    }

    /// Percent-encodes every byte of `path` but unreserved characters and `/`.
    static func encode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            if isUnreserved(byte) || byte == 47 {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122, 45, 46, 95, 126: return true
        default: return false
        }
    }
}

/// Arbitrary bytes through the gate's parser (`sitegen-fuzz`, and the corpus replay in
/// the tests), with its promises checked on every input.
public enum ServeFuzzTargets {
    public static func requestHead(_ bytes: [UInt8]) {
        for hosts in [HostPolicy.loopbackNames, .any] {
            for input in [bytes, Array("GET /".utf8) + bytes + Array(" HTTP/1.1\r\nHost: localhost".utf8)] {
                _ = RequestHead.end(in: input)
                guard case .success(let accepted) = RequestHead.inspect(input[...], hosts: hosts, limits: ServeLimits()) else { continue }
                precondition(accepted.method == "GET" || accepted.method == "HEAD", "a method other than GET or HEAD passed")
                precondition(accepted.path.hasPrefix("/") && !accepted.path.contains("//"), "an unclean path passed: \(accepted.path)")
                precondition(!accepted.path.split(separator: "/").contains { $0 == "." || $0 == ".." }, "a dot segment passed")
                precondition(!accepted.path.contains("\\") && !accepted.path.contains("\0"), "a backslash or NUL passed")
                // What FlyingFox is given decodes to the same path and passes again.
                let forwarded = accepted.forwardedHead.dropLast(4)
                guard case .success(let again) = RequestHead.inspect(forwarded, hosts: hosts, limits: ServeLimits()) else {
                    preconditionFailure("the forwarded head does not pass: \(String(decoding: forwarded, as: UTF8.self))")
                }
                precondition(again.path == accepted.path && again.target == accepted.target, "forwarding changed the path")
            }
        }
    }
}
