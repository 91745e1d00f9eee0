import Foundation

/// Runs a function over an array on all cores and returns the results in input order.
public enum ParallelMap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var forcedSerial = ProcessInfo.processInfo.environment["SITEGEN_JOBS"] == "1"

    /// Run everything on the calling thread (also `SITEGEN_JOBS=1`): for debugging, and
    /// for the test that serial and parallel builds are byte-identical.
    public static var serial: Bool {
        get { lock.withLock { forcedSerial } }
        set { lock.withLock { forcedSerial = newValue } }
    }

    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 || serial { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        // Deinitialize before deallocating: without it every result (a rendered page, a loaded
        // file) kept a reference forever, a leak a long `sitegen serve` session made visible.
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        // Each index is written by exactly one iteration, so no lock is needed.
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots[index] = transform(items[index])
        }
        return results.map { $0! }
    }
}
