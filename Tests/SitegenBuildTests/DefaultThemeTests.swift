import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild

/// The theme `sitegen new site` writes is the repository's `templates/`, byte for byte.
@Suite struct DefaultThemeTests {
    static let generatedFile = Fixtures.repository.appendingPathComponent("Sources/SitegenBuild/Authoring/DefaultTheme.swift")

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

    /// The Swift source holding the theme: raw string literals, so nothing in a template
    /// needs escaping; each literal ends with the file's own last line.
    static func source(for files: [(path: String, text: String)]) -> String {
        var text = """
            // Generated from templates/ by DefaultThemeTests; do not edit. To update after changing
            // the theme: SITEGEN_UPDATE_THEME=1 swift test --filter DefaultThemeTests

            /// The guide's theme, built into sitegen so `sitegen new site` can copy it anywhere.
            enum DefaultTheme {
                /// Paths below `templates/` and their text.
                static let files: [(path: String, text: String)] = [

            """
        for file in files {
            text += "        (\"\(file.path)\", ####\"\"\"\n\(file.text)\n\"\"\"####),\n"
        }
        return text + "    ]\n}\n"
    }

    @Test func theBuiltInThemeIsTheRepositorysTemplates() throws {
        let onDisk = try Self.themeOnDisk()
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_THEME"] == "1" {
            try Data(Self.source(for: onDisk).utf8).write(to: Self.generatedFile)
            return
        }
        #expect(DefaultTheme.files.map(\.path) == onDisk.map(\.path),
                "templates/ changed: run SITEGEN_UPDATE_THEME=1 swift test --filter DefaultThemeTests")
        for (built, disk) in zip(DefaultTheme.files, onDisk) {
            #expect(built.text == disk.text, "\(built.path) differs from templates/\(disk.path): run SITEGEN_UPDATE_THEME=1 swift test --filter DefaultThemeTests")
        }
        #expect(onDisk.count >= 11)
    }
}
