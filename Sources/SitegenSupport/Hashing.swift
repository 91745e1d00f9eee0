import Foundation

public enum Hashing {
    /// A 64-bit hash that is the same in every run (unlike `Hasher`): FNV-1a's multiply,
    /// taken eight bytes at a time with a shift that mixes high bits down. It hashes every
    /// byte of a large site on each build, so it must be cheap; a collision would need
    /// two different versions of one file with equal hashes.
    public static func stable(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x100_0000_01b3
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* prime
            offset += 1
        }
        return (hash ^ UInt64(bytes.count)) &* prime
    }

    public static func stable(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { stable($0) }
    }

    public static func stable(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { stable(UnsafeRawBufferPointer($0)) }
    }

    /// Of text in pieces: the pieces' hashes, chained. Not the hash of the joined text,
    /// but the same pieces always give the same hash, which is all the manifest needs.
    public static func stable(_ parts: [String]) -> UInt64 {
        parts.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { hash, part in (hash ^ stable(part)) &* 0x100_0000_01b3 }
    }

    /// Hashes of several values, for keys that live only as long as one process
    /// (`Hasher` is seeded per process).
    public static func combine(_ first: Int, _ second: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(first)
        hasher.combine(second)
        return hasher.finalize()
    }

    public static func combine(_ values: [Int]) -> Int {
        var hasher = Hasher()
        hasher.combine(values.count)
        for value in values { hasher.combine(value) }
        return hasher.finalize()
    }
}
