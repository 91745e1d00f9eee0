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

    /// The YAML-to-model target on its seeds (numbers too large for an Int crashed the
    /// build before they were range-checked) and on the whole saved corpus.
    @Test func theYAMLModelTargetRunsCleanly() throws {
        var inputs: [(String, Data)] = []
        for folder in ["fuzz-corpus-yaml", "fuzz-corpus"] {
            let url = Fixtures.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                inputs.append((folder + "/" + name, try Data(contentsOf: url.appendingPathComponent(name))))
            }
        }
        #expect(inputs.count >= 1_017)
        for (name, data) in inputs {
            let violations = FuzzTargets.yamlModel([UInt8](data))
            #expect(violations.isEmpty, "\(name): \(violations.joined(separator: "; "))")
        }
    }

    /// The target sees what it should: the big numbers of its seeds are reported, at
    /// their line, not dropped on the way.
    @Test func theYAMLModelTargetReachesTheRangeChecks() throws {
        let seeds = Fixtures.root.appendingPathComponent("fuzz-corpus-yaml")
        var loader = ContentLoader(layout: SiteLayout(source: "/nonexistent-fuzz-site"))
        let text = try String(contentsOf: seeds.appendingPathComponent("salaries-amount-int-overflow.yaml"), encoding: .utf8)
        guard case .success(let file) = SourceFile.decode(Data(text.utf8), displayPath: "salaries.yaml", relativePath: "salaries.yaml") else {
            Issue.record("the seed does not decode")
            return
        }
        loader.inMemoryFiles = ["salaries.yaml": file]
        let data = loader.loadDataFiles()
        #expect(data.diagnostics.map(\.description).contains("salaries.yaml:4:11: error: amount: 92233720368547758 is out of range (at most 1000000000000)"),
                "\(data.diagnostics)")
        #expect(data.diagnostics.map(\.description).contains { $0.hasSuffix("content/site.yaml: error: missing file: the site needs content/site.yaml") })
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
