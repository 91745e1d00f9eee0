import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild

/// The theme `sitegen new site` writes is the repository's `templates/`, byte for byte.
@Suite struct DefaultThemeTests {
    /// Every file of the repository's `templates/`, sorted by path.
    static func themeOnDisk() throws -> [(path: String, text: String)] {
        let root = Fixtures.repository.appendingPathComponent("templates")
        let paths = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
        return try paths.map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test func theBuiltInThemeIsTheRepositorysTemplates() throws {
        // The EmbedTheme build plugin writes DefaultTheme from templates/: this checks it
        // embedded every file, byte for byte, under its own path.
        let onDisk = try Self.themeOnDisk()
        #expect(DefaultTheme.files.map(\.path) == onDisk.map(\.path))
        for (built, disk) in zip(DefaultTheme.files, onDisk) {
            #expect(built.text == disk.text, "\(built.path) differs from templates/\(disk.path)")
        }
        #expect(onDisk.count >= 11)
    }

    /// The embedding tool refuses a theme file that would end its raw string early,
    /// naming the file, instead of writing Swift that does not compile.
    @Test func theEmbeddingToolRefusesWhatItCannotHold() throws {
        let tool = try #require(SitegenCommand.executable).deletingLastPathComponent().appendingPathComponent("sitegen-embed-theme")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("ok\n".utf8).write(to: folder.appendingPathComponent("home.mustache"))
        try Data("x = \"####\n".utf8).write(to: folder.appendingPathComponent("assets/odd.css"))
        let process = Process()
        process.executableURL = tool
        process.arguments = [folder.path, folder.appendingPathComponent("out.swift").path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("assets/odd.css contains \"####"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.swift").path))
    }
}
