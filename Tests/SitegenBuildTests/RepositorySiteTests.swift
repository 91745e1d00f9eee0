import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

/// The repository's own guide must always build without errors or warnings.
@Suite struct RepositorySiteTests {
    @Test func theGuideBuildsCleanly() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let builder = Builder(options: BuildOptions(source: Fixtures.repository.path, output: output.path))
        let report = try builder.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.pageCount > 40)
    }
}
