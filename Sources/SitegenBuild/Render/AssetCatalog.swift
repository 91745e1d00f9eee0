import SitegenModel
import SitegenSupport
import Foundation
import Mustache

/// The theme's assets, with content-hashed names for CSS and JS
/// (`assets/style.css` -> `assets/style.3f9a0c1e2b.css`) so a host can cache them forever:
/// a changed file gets a new name.
final class AssetCatalog: @unchecked Sendable {
    /// Source-relative path (`assets/style.css`) -> output path.
    let outputPaths: [String: String]
    private let lock = NSLock()
    private var unknown: Set<String> = []

    static let hashedExtensions: Set<String> = ["css", "js"]

    init(assets: [StaticFile]) {
        var paths: [String: String] = [:]
        for asset in assets {
            let path = asset.outputPath
            let dot = path.lastIndex(of: ".")
            let fileExtension = dot.map { String(path[path.index(after: $0)...]) } ?? ""
            if let dot, Self.hashedExtensions.contains(fileExtension),
               let data = FileManager.default.contents(atPath: asset.sourceURLPath) {
                let hash = String(Hashing.stable(data), radix: 16).leftPadded(to: 16).prefix(10)
                paths[path] = "\(path[..<dot]).\(hash).\(fileExtension)"
            } else {
                paths[asset.outputPath] = asset.outputPath
            }
        }
        outputPaths = paths
    }

    /// For templates: `{{#site.asset}}assets/style.css{{/site.asset}}` renders the URL of
    /// the hashed file under the base path.
    func lambda(basePath: String) -> MustacheLambda {
        MustacheLambda { [self] text in url(of: text, basePath: basePath) }
    }

    /// The URL `site.asset` writes for an asset name, HTML-escaped; "" (and the name noted
    /// as unknown) when there is no such asset.
    func url(of text: String, basePath: String) -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let path = outputPaths[name] else {
            lock.withLock { _ = unknown.insert(name) }
            return ""
        }
        // Escaped although base URLs with quotes or angle brackets are refused at load:
        // the lambda's output goes into attributes as it is.
        return HTMLEscaping().escapeText(basePath + path)
    }

    /// Asset names templates asked for that do not exist (reported as errors).
    var unknownReferences: [String] { lock.withLock { unknown.sorted() } }

}
