import SitegenBuild
import SitegenModel
import SitegenSupport
import FlyingSocks
import Foundation

/// The open Server-Sent Events streams of `/__sitegen/events`: every rebuild's event
/// goes to all of them. FlyingFox sends each stream as a chunked response body.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var closed = false

    /// A new stream, starting with `first` (already formatted events).
    func subscribe(first: [UInt8]) -> EventBytes {
        // A client that stops reading cannot make the server hold more than a few events.
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.yield(first)
        let isClosed = lock.withLock {
            if !closed { streams[id] = continuation }
            return closed
        }
        if isClosed {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                _ = self.lock.withLock { self.streams.removeValue(forKey: id) }
            }
        }
        return EventBytes(stream: stream)
    }

    var count: Int { lock.withLock { streams.count } }

    func send(_ bytes: [UInt8]) {
        for continuation in lock.withLock({ Array(streams.values) }) { continuation.yield(bytes) }
    }

    /// Ends every stream, and any opened later.
    func finishAll() {
        let all = lock.withLock {
            closed = true
            defer { streams.removeAll() }
            return Array(streams.values)
        }
        for continuation in all { continuation.finish() }
    }

    /// One event in the wire format: `event:` line, one `data:` line per line of `data`.
    static func event(_ name: String, data: String) -> [UInt8] {
        var message = "event: \(name)\n"
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            message += "data: \(line)\n"
        }
        return Array((message + "\n").utf8)
    }

    /// A comment line: keeps proxies and browsers from timing the stream out, and finds
    /// clients that have gone.
    static let ping = Array(": ping\n\n".utf8)
}

/// An event stream as the byte sequence FlyingFox's `HTTPBodySequence` reads.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        /// Never an empty buffer: FlyingFox would send it as the chunk that ends the body.
        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let next = await base.next() else { return nil }
                pending = next[...]
            }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
