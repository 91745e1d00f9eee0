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
                let hash = String(Self.stableHash(data), radix: 16).leftPadded(to: 16).prefix(10)
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
        MustacheLambda { [self] text in
            let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let path = outputPaths[name] else {
                lock.withLock { _ = unknown.insert(name) }
                return ""
            }
            return basePath + path
        }
    }

    /// Asset names templates asked for that do not exist (reported as errors).
    var unknownReferences: [String] { lock.withLock { unknown.sorted() } }

    /// A 64-bit hash that is the same in every run (unlike `Hasher`): FNV-1a's multiply,
    /// taken eight bytes at a time with a shift that mixes high bits down. It hashes every
    /// byte of a large site on each build, so it must be cheap; a collision would need
    /// two different versions of one file with equal hashes.
    static func stableHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x100_0000_01b3
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* prime
            offset += 1
        }
        return (hash ^ UInt64(bytes.count)) &* prime
    }

    static func stableHash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { stableHash($0) }
    }

    static func stableHash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { stableHash(UnsafeRawBufferPointer($0)) }
    }

    /// Of text in pieces: the pieces' hashes, chained. Not the hash of the joined text,
    /// but the same pieces always give the same hash, which is all the manifest needs.
    static func stableHash(_ parts: [String]) -> UInt64 {
        parts.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { hash, part in (hash ^ stableHash(part)) &* 0x100_0000_01b3 }
    }
}
