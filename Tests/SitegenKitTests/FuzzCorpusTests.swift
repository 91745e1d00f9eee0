import Foundation
import Testing
@testable import SitegenKit
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// Every input the fuzzer kept (Benchmarks/fuzz.sh) is replayed on every test run: a
/// crash once found stays fixed.
@Suite struct FuzzCorpusTests {
    @Test func theSavedCorpusRunsCleanly() throws {
        let folder = Fixtures.root.appendingPathComponent("fuzz-corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            FuzzTargets.contentFile([UInt8](data))
        }
    }
}
