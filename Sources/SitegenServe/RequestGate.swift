import SitegenBuild
import SitegenModel
import SitegenSupport
import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The smallest layer in front of FlyingFox that gives the preview server the limits
/// FlyingFox 0.27 has no setting for. FlyingFox reads request lines and headers of any
/// length, waits for them forever, accepts as many connections as arrive, closes a
/// malformed request without an answer, resolves `..` in paths instead of refusing them,
/// and answers any method and any `Host`. So the public socket is this gate's: it accepts
/// at most `maxConnections` at once, gives each request head a total deadline, reads at
/// most `maxHeadBytes` of it, judges it (`RequestHead.inspect`) and answers refusals
/// itself. An accepted request is passed to FlyingFox, rewritten to a clean request line
/// and `Host`, over a Unix socket in a folder only this user can open, and FlyingFox's
/// answer is copied back as it comes (Server-Sent Events included). One FlyingFox
/// connection serves one request (`Connection: close`), which tells the gate where each
/// answer ends, so the client's connection can be kept alive and its next head timed.
final class RequestGate: @unchecked Sendable {
    let limits: ServeLimits
    let hosts: HostPolicy
    /// The address and port the listening socket is bound to.
    let boundAddress: Socket.Address
    private let listener: Socket
    private let upstream: sockaddr_un
    private let upstreamReady: @Sendable () async -> Bool
    private let slots: ConnectionSlots
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private let finished = DispatchSemaphore(value: 0)

    /// Binds `host:port` (port 0 picks a free one); throws a readable message on failure.
    init(host: String, port: UInt16, limits: ServeLimits, hosts: HostPolicy,
         upstream: sockaddr_un, upstreamReady: @escaping @Sendable () async -> Bool) throws {
        self.limits = limits
        self.hosts = hosts
        self.upstream = upstream
        self.upstreamReady = upstreamReady
        slots = ConnectionSlots(limits.maxConnections)
        Self.raiseOpenFileLimit(to: 3 * limits.maxConnections + 64)
        listener = try Self.listen(host: host, port: port)
        boundAddress = try listener.sockname()
    }

    var port: UInt16 {
        switch boundAddress {
        case .ip4(_, let port), .ip6(_, let port): return port
        case .unix: return 0
        }
    }

    var address: String {
        switch boundAddress {
        case .ip4(let address, _), .ip6(let address, _): return address
        case .unix(let path): return path
        }
    }

    /// Accepts connections until `stop()`.
    func start() {
        let pool = HTTPServer.defaultPool()
        let listener = self.listener, slots = self.slots, finished = self.finished
        let task = Task { [self] in
            defer { finished.signal() }
            do {
                try await pool.prepare()
                let listening = try AsyncSocket(socket: listener, pool: pool)
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await pool.run() }
                    while !Task.isCancelled {
                        // At the limit, stop accepting: new connections wait in the kernel's queue.
                        await slots.acquire()
                        if Task.isCancelled { break }
                        do {
                            let client = try await listening.accept()
                            group.addTask {
                                await self.serve(client, pool: pool)
                                try? client.close()
                                slots.release()
                            }
                        } catch {
                            slots.release()
                            if Task.isCancelled { break }
                            // Out of file descriptors, or a connection reset before it was accepted.
                            try? await Task.sleep(for: .milliseconds(10))
                        }
                    }
                    group.cancelAll()
                }
            } catch {}
        }
        lock.withLock { self.task = task }
    }

    /// Stops accepting, ends open connections and closes the listening socket.
    func stop(waitingUpTo seconds: Double = 2) {
        guard let task = lock.withLock({ self.task }) else {
            try? listener.close()
            return
        }
        slots.stop()
        task.cancel()
        _ = finished.wait(timeout: .now() + seconds)
        try? listener.close()
    }

    // MARK: - One connection

    private enum Outcome: Sendable {
        case accepted(AcceptedRequest, rest: [UInt8])
        case refused(Refusal)
        case closed
    }

    private func serve(_ client: AsyncSocket, pool: some AsyncSocketPool) async {
        var buffer: [UInt8] = []
        while !Task.isCancelled {
            // The deadline covers the whole head (and any body), however slowly it trickles in.
            let deadline = ContinuousClock.now + .milliseconds(Int(limits.headDeadline * 1000))
            let sawBytes = Flag()
            let pending = buffer
            let outcome = await withDeadline(deadline) { [self] in
                await readRequest(client, buffer: pending, sawBytes: sawBytes)
            }
            switch outcome {
            case nil:
                // Silent on a connection that sent nothing (an idle keep-alive one), 408 otherwise.
                if sawBytes.value { await refuse(client, Refusal(status: 408, message: "Request timeout: the request head took too long\n")) }
                return
            case .closed?:
                return
            case .refused(let refusal)?:
                await refuse(client, refusal)
                return
            case .accepted(let request, let rest)?:
                buffer = rest
                guard await forward(request, to: client, pool: pool), request.keepAlive else { return }
            }
        }
    }

    /// Reads one request head, judges it, and reads and drops its body.
    private func readRequest(_ client: AsyncSocket, buffer: [UInt8], sawBytes: Flag) async -> Outcome {
        var buffer = buffer
        if !buffer.isEmpty { sawBytes.set() }
        while true {
            if let end = RequestHead.end(in: buffer) {
                guard end - 4 <= limits.maxHeadBytes else { return .refused(Self.headTooLarge) }
                switch RequestHead.inspect(buffer[..<(end - 4)], hosts: hosts, limits: limits) {
                case .failure(let refusal):
                    return .refused(refusal)
                case .success(let request):
                    var rest = Array(buffer[end...])
                    while rest.count < request.bodyLength {
                        guard let chunk = try? await client.read(atMost: 4096) else { return .closed }
                        rest += chunk
                    }
                    return .accepted(request, rest: Array(rest.dropFirst(request.bodyLength)))
                }
            }
            if buffer.count > limits.maxHeadBytes + 4 { return .refused(Self.headTooLarge) }
            guard let chunk = try? await client.read(atMost: 4096) else { return .closed }
            buffer += chunk
            sawBytes.set()
        }
    }

    static let headTooLarge = Refusal(status: 431, message: "Request header fields too large\n")

    /// Hands one request to FlyingFox and copies its answer back. False if the client's
    /// connection must close.
    private func forward(_ request: AcceptedRequest, to client: AsyncSocket, pool: some AsyncSocketPool) async -> Bool {
        let unavailable = Refusal(status: 503, message: "The preview server is not ready\n", isHead: request.method == "HEAD")
        guard await upstreamReady(),
              let upstream = try? await AsyncSocket.connected(to: upstream, pool: pool, timeout: 5) else {
            await refuse(client, unavailable)
            return false
        }
        defer { try? upstream.close() }
        do {
            try await upstream.write(Data(request.forwardedHead))
        } catch {
            await refuse(client, unavailable)
            return false
        }
        let copy: @Sendable () async -> Bool = {
            while true {
                let chunk: [UInt8]
                do {
                    chunk = try await upstream.read(atMost: 4096)
                } catch SocketError.disconnected {
                    return true  // FlyingFox closed its end: the answer is complete
                } catch {
                    return false
                }
                do { try await client.write(Data(chunk)) } catch { return false }
            }
        }
        guard request.path == PreviewServer.eventsPath else { return await copy() }
        // An event stream lasts until the server stops, and a closed page would otherwise
        // be noticed only when the next event or ping fails to send: watch the client too,
        // and end the stream as soon as it goes. (Nothing it sends after this can be answered.)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await copy() }
            group.addTask {
                while (try? await client.read(atMost: 4096)) != nil {}
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Answers a refused request, then closes only after the client has read the answer:
    /// it may still be sending (a 431 for huge headers), and closing with unread data
    /// makes the kernel send a reset that destroys the answer. So: answer, stop sending,
    /// drain for up to a second, close.
    private func refuse(_ client: AsyncSocket, _ refusal: Refusal) async {
        guard (try? await client.write(Data(refusal.response))) != nil else { return }
        _ = shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        let limit = limits.maxBodyBytes
        _ = await withDeadline(.now + .seconds(1)) {
            var drained = 0
            while drained < limit, let chunk = try? await client.read(atMost: 4096) { drained += chunk.count }
            return true
        }
    }

    // MARK: - Helpers

    /// Runs `operation` until `deadline`; nil if the deadline came first (it is then cancelled).
    private func withDeadline<T: Sendable>(_ deadline: ContinuousClock.Instant,
                                          _ operation: @escaping @Sendable () async -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await operation() }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    static func listen(host: String, port: UInt16) throws -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let first = info?.pointee, let raw = first.ai_addr else {
            throw ServeError("cannot resolve host \"\(host)\": \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(info) }
        let address: any SocketAddress
        switch first.ai_family {
        case AF_INET: address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
        case AF_INET6: address = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
        default: throw ServeError("cannot listen on \(host): not an IPv4 or IPv6 address")
        }
        func failure(_ error: any Error) -> ServeError {
            if case SocketError.failed(_, let code, _) = error {
                return ServeError("cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
            }
            return ServeError("cannot listen on \(host):\(port): \(error)")
        }
        let socket: Socket
        do { socket = try Socket(domain: first.ai_family, type: .stream) } catch { throw failure(error) }
        do {
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: address)
        } catch {
            try? socket.close()
            throw failure(error)
        }
        // listen() closes the socket itself when it fails.
        do { try socket.listen(maxPendingConnection: 512) } catch { throw failure(error) }
        return socket
    }

    /// Each connection may hold three descriptors (client, the gate's end to FlyingFox,
    /// FlyingFox's end); raise the soft limit toward the hard one if that would not fit.
    static func raiseOpenFileLimit(to wanted: Int) {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(wanted))
        _ = setrlimit(resource, &limit)
    }
}

/// `sitegen serve` could not start: a readable message.
public struct ServeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A boolean one task sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}

/// A counting semaphore for connections: the accept loop waits for a free slot.
final class ConnectionSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var free: Int
    private var stopped = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ count: Int) { free = max(1, count) }

    /// Returns once a slot is free (taking it), or at once after `stop()`.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if free > 0 || stopped {
                free -= 1
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    func release() {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume()
        } else {
            free += 1
            lock.unlock()
        }
    }

    func stop() {
        lock.lock()
        stopped = true
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume()
    }
}
