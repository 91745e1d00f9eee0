import Foundation
import PackagePlugin

/// Builds the repository's `templates/` into `SitegenBuild` as `DefaultTheme.files`
/// (see `sitegen-embed-theme`). Every theme file is an input, so a changed template
/// rebuilds the embedded theme and nothing generated is kept in the sources.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        return [.buildCommand(
            displayName: "Embedding the theme in templates/",
            executable: try context.tool(named: "sitegen-embed-theme").url,
            arguments: [templates.path, output.path],
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
