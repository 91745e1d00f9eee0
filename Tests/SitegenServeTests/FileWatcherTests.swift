import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
import SitegenModel
import SitegenServe

@Suite struct FileWatcherTests {
    func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/root/sub", withIntermediateDirectories: true)
        return folder
    }

    @Test func reportsWritesCreationsRemovalsAndNewFolders() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/root"
        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/sub/a.md"))
        let watcher = try #require(FileWatcher(roots: [root]))
        #expect(watcher.pollChanges() == nil)

        try Data("b".utf8).write(to: URL(fileURLWithPath: root + "/sub/a.md"))
        #expect(watcher.pollChanges() == .paths([root + "/sub/a.md"]))
        try FileManager.default.removeItem(atPath: root + "/sub/a.md")
        #expect(watcher.pollChanges() == .paths([root + "/sub/a.md"]))

        // A folder made elsewhere and moved in: it and what it holds count, and it is watched.
        try FileManager.default.createDirectory(atPath: folder + "/staged/deeper", withIntermediateDirectories: true)
        try Data("c".utf8).write(to: URL(fileURLWithPath: folder + "/staged/deeper/c.md"))
        try FileManager.default.moveItem(atPath: folder + "/staged", toPath: root + "/new")
        #expect(watcher.pollChanges() == .paths([root + "/new", root + "/new/deeper", root + "/new/deeper/c.md"]))
        try Data("d".utf8).write(to: URL(fileURLWithPath: root + "/new/deeper/c.md"))
        #expect(watcher.pollChanges() == .paths([root + "/new/deeper/c.md"]))

        // Changes beside the root, in the parent the watcher also looks at, do not count.
        try Data("e".utf8).write(to: URL(fileURLWithPath: folder + "/beside.md"))
        #expect(watcher.pollChanges() == nil)
        // The root itself going away means anything may have changed.
        try FileManager.default.removeItem(atPath: root)
        #expect(watcher.pollChanges() == .unknown)
    }

    @Test func watchesSymlinkedFoldersWithoutLooping() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/root"
        try FileManager.default.createDirectory(atPath: folder + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: folder + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/loop", withDestinationPath: root)
        let watcher = try #require(FileWatcher(roots: [root]))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/elsewhere/x.md"))
        #expect(watcher.pollChanges() == .paths([root + "/linked/x.md"]))
    }

    @Test func waitsForSavingToSettle() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/root"
        let watcher = try #require(FileWatcher(roots: [root]))
        #expect(watcher.waitForChanges(timeout: 0.05) == nil)
        let writer = Thread {
            for step in 0..<3 {
                try? Data("step \(step)".utf8).write(to: URL(fileURLWithPath: root + "/sub/\(step).md"))
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        writer.start()
        // Writes 10 ms apart are one change when the quiet time is much longer (a whole
        // second, so a busy machine cannot split them).
        #expect(watcher.waitForChanges(timeout: 5, quiet: 1) == .paths([root + "/sub/0.md", root + "/sub/1.md", root + "/sub/2.md"]))
    }
}
