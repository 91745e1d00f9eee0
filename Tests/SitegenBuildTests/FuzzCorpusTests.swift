import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// Every input the fuzzer kept (Benchmarks/fuzz.sh) is replayed on every test run: a
/// crash or a broken invariant once found stays fixed. Broken invariants are reported per
/// input, by name, and the replay goes on: one bad input does not hide the others.
@Suite struct FuzzCorpusTests {
    @Test func theSavedCorpusRunsCleanly() throws {
        let folder = Fixtures.root.appendingPathComponent("fuzz-corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 1_000)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let violations = FuzzTargets.contentFile([UInt8](data))
            #expect(violations.isEmpty, "\(name): \(violations.joined(separator: "; "))")
        }
    }

    @Test func aBrokenInvariantIsReportedNotTrapped() {
        // An input that breaks no invariant gives none; the check collects, never stops.
        #expect(FuzzTargets.contentFile(Array("---\ntitle: A\n---\n\n## Heading\n".utf8)).isEmpty)
        var check = InvariantCheck()
        check(false, "first")
        check(true, "holds")
        check(false, "second")
        #expect(check.violations == ["first", "second"])
    }
}
