import Foundation
import Testing
@testable import SitegenSupport

@Suite struct ParallelMapTests {
    @Test func keepsTheInputOrder() {
        let items = Array(0..<1_000)
        // Uneven work, so items finish out of order.
        let results = ParallelMap.map(items) { item -> String in
            if item % 7 == 0 { usleep(50) }
            return "item \(item)"
        }
        #expect(results == items.map { "item \($0)" })
    }

    @Test func serialModeGivesTheSameResults() {
        let items = (0..<257).map { "value-\($0)" }
        let parallel = ParallelMap.map(items) { Hashing.stable($0) }
        ParallelMap.serial = true
        defer { ParallelMap.serial = false }
        #expect(ParallelMap.serial)
        #expect(ParallelMap.map(items) { Hashing.stable($0) } == parallel)
    }

    @Test func runsEveryItemExactlyOnce() {
        let calls = Counter()
        let results = ParallelMap.map(Array(0..<10_000)) { item -> Int in
            calls.add(item)
            return item * 2
        }
        #expect(results.count == 10_000)
        #expect(results.last == 19_998)
        #expect(calls.count == 10_000)
        #expect(calls.sum == (0..<10_000).reduce(0, +))
    }

    @Test func emptyAndSingleInputs() {
        #expect(ParallelMap.map([Int]()) { $0 + 1 } == [])
        #expect(ParallelMap.map([41]) { $0 + 1 } == [42])
    }

    @Test func releasesItsResults() {
        // The leak a long `serve` session found: results kept alive by the map's buffer.
        let released = Counter()
        do {
            let results = ParallelMap.map(Array(0..<100)) { _ in Tracked(released) }
            #expect(results.count == 100)
            #expect(released.count == 0)
        }
        #expect(released.count == 100)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0, total = 0
    var count: Int { lock.withLock { calls } }
    var sum: Int { lock.withLock { total } }
    func add(_ value: Int = 0) { lock.withLock { calls += 1; total += value } }
}

final class Tracked: Sendable {
    let counter: Counter
    init(_ counter: Counter) { self.counter = counter }
    deinit { counter.add() }
}
