import Foundation
import Testing
@testable import SitegenSupport

@Suite struct HashingTests {
    @Test func isTheSameInEveryRun() {
        // Pinned values: `Hasher` (seeded per process) or any change of the function
        // would change them, and with them every output manifest and hashed asset name.
        #expect(Hashing.stable("") == 12_638_153_115_695_167_455)
        #expect(Hashing.stable("sitegen") == 6_353_459_460_076_958_065)
        #expect(Hashing.stable("a longer text than eight bytes, ünïcode ✓") == 12_958_111_831_458_987_682)
        #expect(Hashing.stable(["a", "b"]) == 3_048_799_672_843_392_878)
    }

    @Test func isTheSameAcrossCallsAndInputKinds() {
        let text = "The same text, hashed three ways: ✓"
        #expect(Hashing.stable(text) == Hashing.stable(text))
        #expect(Hashing.stable(Data(text.utf8)) == Hashing.stable(text))
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Hashing.stable($0) } == Hashing.stable(text))
        // A String not stored as contiguous UTF-8 hashes as its bytes.
        let bridged = String(NSString(string: text))
        #expect(Hashing.stable(bridged) == Hashing.stable(text))
    }

    @Test func everyOneByteChangeChangesTheHash() {
        // Lengths around the eight-byte steps, every position, both in the eight-byte
        // chunks and in the tail.
        for length in 1...25 {
            let original = [UInt8]((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let hash = Hashing.stable(Data(original))
            for position in 0..<length {
                var changed = original
                changed[position] ^= 0x01
                #expect(Hashing.stable(Data(changed)) != hash, "length \(length), byte \(position)")
            }
        }
    }

    @Test func lengthCounts() {
        #expect(Hashing.stable(Data()) != Hashing.stable(Data([0])))
        #expect(Hashing.stable(Data([0])) != Hashing.stable(Data([0, 0])))
        #expect(Hashing.stable(Data(repeating: 0, count: 8)) != Hashing.stable(Data(repeating: 0, count: 16)))
    }

    @Test func piecesHashByTheirBoundariesAndOrder() {
        #expect(Hashing.stable(["ab", "c"]) == Hashing.stable(["ab", "c"]))
        #expect(Hashing.stable(["ab", "c"]) != Hashing.stable(["a", "bc"]))
        #expect(Hashing.stable(["a", "b"]) != Hashing.stable(["b", "a"]))
        #expect(Hashing.stable(["a"]) != Hashing.stable(["a", ""]))
        #expect(Hashing.stable([String]()) != Hashing.stable([""]))
    }

    @Test func combineDependsOnEveryValueAndTheirOrder() {
        #expect(Hashing.combine(1, 2) == Hashing.combine(1, 2))
        #expect(Hashing.combine(1, 2) != Hashing.combine(2, 1))
        #expect(Hashing.combine([1, 2, 3]) == Hashing.combine([1, 2, 3]))
        #expect(Hashing.combine([1, 2, 3]) != Hashing.combine([3, 2, 1]))
        #expect(Hashing.combine([1, 2]) != Hashing.combine([1, 2, 0]))
    }
}
