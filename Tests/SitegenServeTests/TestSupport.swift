import Foundation
import Testing
@testable import SitegenServe
@testable import SitegenBuild
import SitegenModel
import SitegenTestSupport

/// The first line a process writes to `pipe` (what it printed before closing, if shorter),
/// read off the concurrency pool.
func firstLine(of pipe: Pipe) async throws -> String {
    let reader = pipe.fileHandleForReading
    return try await offPool {
        var text = ""
        while !text.contains("\n") {
            let data = reader.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        return text
    }
}

/// Runs blocking work (socket reads, waiting for a process) on a thread of its own, so a
/// test never holds one of the few threads the server's tasks run on.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Waits up to `seconds` for a condition that another thread makes true.
func eventually(_ seconds: Double = 15, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// A running `sitegen serve` process: the real command, so the server has the process's
/// threads to itself (in the test process, synchronous tests of other suites may hold all
/// of Swift's few concurrency threads for seconds, and an in-process server would stall).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: UInt16
    /// What the command printed first: "Serving on http://ADDRESS:PORT/ (Ctrl-C to stop)".
    let firstLine: String
    private let output = Pipe()

    struct Status {
        var version: Int
        var pageVersion: Int
        var eventStreams: Int
        var errors: [String]
    }

    init(_ arguments: [String], environment: [String: String] = [:]) async throws {
        let executable = try #require(SitegenCommand.executable, "the sitegen executable was not built")
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        firstLine = try await SitegenServeTests.firstLine(of: output)
        let address = firstLine.split(separator: " ").first { $0.hasPrefix("http://") }
        guard let port = address?.split(separator: ":").last.flatMap({ UInt16($0.dropLast()) }) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "sitegen serve printed: \(firstLine)"])
        }
        self.port = port
    }

    var pid: Int32 { process.processIdentifier }

    func status() async throws -> Status {
        let reply = try await TestHTTP.get(port, "/__sitegen/status")
        let json = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any] ?? [:]
        return Status(version: json["version"] as? Int ?? -1, pageVersion: json["pageVersion"] as? Int ?? -1,
                      eventStreams: json["eventStreams"] as? Int ?? -1, errors: json["errors"] as? [String] ?? [])
    }

    /// Sends `signal` and waits for the process to end; what it printed after the first line.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) async throws -> String {
        guard process.isRunning else { return "" }
        kill(process.processIdentifier, signal)
        let reader = output.fileHandleForReading
        let process = self.process
        return try await offPool {
            let data = reader.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// Runs `sitegen serve` on `site` (a free loopback port; with `hosts: .any`, as with
/// `--host 127.0.0.1`), runs `body`, stops it.
func withPreview(_ site: ScratchSite, hosts: HostPolicy = .loopbackNames, limits: ServeLimits = ServeLimits(),
                 polling: Bool = false, _ body: (ServeProcess, UInt16) async throws -> Void) async throws {
    var arguments = ["--source", site.source.path, "--max-connections", String(limits.maxConnections),
                     "--head-timeout", String(limits.headDeadline)]
    if hosts == .any { arguments += ["--host", "127.0.0.1"] }
    if polling { arguments.append("--poll") }
    let server = try await ServeProcess(arguments, environment: ["SITEGEN_POLL_MS": "50"])
    do {
        try await body(server, server.port)
    } catch {
        _ = try? await server.stop()
        throw error
    }
    try await server.stop()
}

/// A plain HTTP client on a socket: enough to test the preview server byte for byte.
enum TestHTTP {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        /// Everything received, as it came.
        var raw: String
    }

    static func connect(_ port: UInt16, receiveTimeout: Int = 10) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw CocoaError(.fileReadUnknown) }
        setReceiveTimeout(fd, seconds: Double(receiveTimeout))
        return fd
    }

    static func setReceiveTimeout(_ fd: Int32, seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    static func send(_ fd: Int32, _ text: String) {
        _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes (or the receive timeout passes).
    static func readAll(_ fd: Int32) -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(buffer, count: count)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String) -> Reply {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return Reply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"), raw: text)
    }

    /// Sends `raw` on a new connection and reads the answer until the server closes.
    static func request(_ port: UInt16, _ raw: String) async throws -> Reply {
        try await offPool {
            let fd = try connect(port)
            defer { close(fd) }
            send(fd, raw)
            return parse(readAll(fd))
        }
    }

    static func get(_ port: UInt16, _ path: String, host: String = "localhost", method: String = "GET") async throws -> Reply {
        try await request(port, "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
    }
}

/// Reads Server-Sent Events from an open connection on a background thread.
final class EventReader: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var received = ""

    init(port: UInt16, version: Int? = nil) throws {
        fd = try TestHTTP.connect(port)
        let query = version.map { "?v=\($0)" } ?? ""
        TestHTTP.send(fd, "GET \(PreviewServer.eventsPath)\(query) HTTP/1.1\r\nHost: localhost\r\n\r\n")
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
    func count(of event: String) -> Int { text.components(separatedBy: "event: \(event)\n").count - 1 }
    func close() { Glibc.shutdown(fd, Int32(SHUT_RDWR)); Glibc.close(fd) }
}
