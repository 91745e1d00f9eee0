import Foundation
import Testing
@testable import SitegenSupport

@Suite struct PathSafetyTests {
    @Test func insideMeansStrictlyBelowAWholeFolderName() {
        #expect(PathSafety.isInside("/a/b/c", "/a/b"))
        #expect(PathSafety.isInside("/a/b/c/d", "/a/b/"))
        #expect(PathSafety.isInside("/a", "/"))
        #expect(!PathSafety.isInside("/a/bc", "/a/b"))  // a prefix, but another folder
        #expect(!PathSafety.isInside("/a/b-c/d", "/a/b"))
        #expect(!PathSafety.isInside("/a/b", "/a/b"))  // the folder itself is not inside
        #expect(!PathSafety.isInside("/a", "/a/b"))
        #expect(!PathSafety.isInside("/", "/a"))
    }

    @Test func resolvesSymlinksAndKeepsNonExistentTails() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-paths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("site/content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let link = root.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: content)
        let real = PathSafety.resolved(content)

        #expect(PathSafety.resolved(link) == real)
        // Below a symlink, including parts that do not exist yet.
        #expect(PathSafety.resolved(link.appendingPathComponent("public")) == real + "/public")
        #expect(PathSafety.resolved(link.appendingPathComponent("new/deeper")) == real + "/new/deeper")
        #expect(PathSafety.isInside(PathSafety.resolved(link.appendingPathComponent("public")), real))
        // `..` is taken away before looking.
        let dotted = root.appendingPathComponent("site/content/../content/x")
        #expect(PathSafety.resolved(dotted) == real + "/x")
        // A folder next to content whose name starts the same is not inside it.
        let lookalike = PathSafety.resolved(root.appendingPathComponent("site/content-copy"))
        #expect(!PathSafety.isInside(lookalike, real))
        // Nothing exists at all: the path is kept as given.
        let nowhere = "/nonexistent-\(UUID().uuidString)/a/b"
        #expect(PathSafety.resolved(URL(fileURLWithPath: nowhere)) == nowhere)
    }
}
