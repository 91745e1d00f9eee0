import SitegenModel
import SitegenSupport
import CFileSwap
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Stage 4, write: the only code that changes the disk. The new site is written into a
/// fresh folder beside the output folder and then swapped in at once, so a failed or
/// killed build leaves the previous site as it was.
struct OutputWriter {
    /// A file in every folder sitegen made, so it only ever replaces its own output.
    static let markerName = ".sitegen-output"
    static let markerText = "This folder is written by sitegen and replaced on every build. Do not edit it by hand.\n"

    let layout: SiteLayout
    /// Replace a non-empty output folder that sitegen did not make.
    var force = false

    /// Refuses output folders that would put sources or unrelated files at risk.
    func checkOutputFolder() -> Diagnostic? {
        let output = PathSafety.resolved(layout.outputURL)
        let source = PathSafety.resolved(layout.sourceURL)
        let shown = layout.display(layout.outputURL)
        let home = PathSafety.resolved(FileManager.default.homeDirectoryForCurrentUser)
        func refuse(_ why: String) -> Diagnostic {
            .error(SourceLocation(path: shown), "refusing to use this output folder: \(why)")
        }
        if output == "/" { return refuse("it is the root folder") }
        if output == home { return refuse("it is the home folder") }
        for (name, protected) in [("source folder", source),
                                  ("content folder", PathSafety.resolved(layout.contentURL)),
                                  ("templates folder", PathSafety.resolved(layout.templatesURL))] {
            if output == protected { return refuse("it is the \(name)") }
            if PathSafety.isInside(protected, output) { return refuse("it contains the \(name)") }
            if name != "source folder", PathSafety.isInside(output, protected) { return refuse("it is inside the \(name)") }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return refuse("a file, not a folder, has that name") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
            if !entries.isEmpty, !entries.contains(Self.markerName), !force {
                return refuse("it is not empty and was not made by sitegen (use --force to replace it)")
            }
        }
        return nil
    }

    /// Writes all files and swaps them in. Returns how many files were unchanged since the
    /// previous build (hard-linked from it instead of written). Throws when the disk says no.
    @discardableResult
    func write(_ files: [OutputFile]) throws(Diagnostic) -> Int {
        if let problem = checkOutputFolder() { throw problem }
        let fileManager = FileManager.default
        let output = layout.outputURL
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).sitegen-new-\(getpid())")
        removeLeftovers(in: parent, named: output.lastPathComponent)
        let previous = Self.readManifest(in: output)
        let unchanged: Int
        var manifest: [(path: String, hash: UInt64)] = []
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            // The marker goes in first: if this build is killed, the next one knows the
            // half-written folder is its own to remove.
            try Self.writeFile(staging.path + "/" + Self.markerName, Self.markerText)
            // Folders first, parents before children, then the files on all cores.
            var folders = Set<String>()
            for file in files {
                var folder = (file.path as NSString).deletingLastPathComponent
                while !folder.isEmpty, folders.insert(folder).inserted {
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
            // One depth at a time, each on all cores: a site has a folder per page, and
            // making ten thousand of them one after the other took a quarter of a second.
            let byDepth = Dictionary(grouping: folders) { $0.utf8.count(where: { $0 == UInt8(ascii: "/") }) }
            for depth in byDepth.keys.sorted() {
                let failures = ParallelMap.map(byDepth[depth]!) { folder -> Int32 in
                    mkdir(staging.path + "/" + folder, 0o755) != 0 && errno != EEXIST ? errno : 0
                }
                if let code = failures.first(where: { $0 != 0 }) { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
            }
            let results = ParallelMap.map(Self.chunks(files)) { chunk -> Result<[(String, UInt64, Bool)], Error> in
                Result { try chunk.map { file in try Self.place(file, in: staging.path, previous: previous, oldRoot: output.path) } }
            }
            var linked = 0
            for result in results {
                for (path, hash, wasLinked) in try result.get() {
                    if hash != 0 { manifest.append((path, hash)) }
                    if wasLinked { linked += 1 }
                }
            }
            unchanged = linked
            let manifestPath = staging.path + "/" + Self.markerName
            try Self.writeFile(manifestPath + ".new", Self.manifestText(manifest))
            guard rename(manifestPath + ".new", manifestPath) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw .error(SourceLocation(path: layout.display(output)), "cannot write the site: \(describe(error))")
        }
        swapIn(staging, for: output)
        return unchanged
    }

    /// Writes one file into the staging folder, or hard-links it from the previous output
    /// when its bytes are the same (by the manifest's hash): no new inode, no data written.
    /// Files copied from sources are always copied, never linked, so that nothing done to
    /// the output can reach a source file. Returns the path, its hash (0 for copies) and
    /// whether it was linked.
    private static func place(_ file: OutputFile, in staging: String, previous: [String: UInt64],
                              oldRoot: String) throws -> (String, UInt64, Bool) {
        let target = staging + "/" + file.path
        switch file.contents {
        case .text(let text):
            let hash = Hashing.stable(text) | 1  // never 0: 0 means "no hash"
            if previous[file.path] == hash, link(oldRoot + "/" + file.path, target) == 0 {
                return (file.path, hash, true)
            }
            try writeFile(target, text)
            return (file.path, hash, false)
        case .parts(let parts):
            let hash = Hashing.stable(parts) | 1
            if previous[file.path] == hash, link(oldRoot + "/" + file.path, target) == 0 {
                return (file.path, hash, true)
            }
            try writeFile(target, parts)
            return (file.path, hash, false)
        case .copy(let source):
            try FileManager.default.copyItem(atPath: source, toPath: target)
            return (file.path, 0, false)
        }
    }

    /// Splits files into a few chunks per core, so workers share the load evenly.
    static func chunks(_ files: [OutputFile]) -> [[OutputFile]] {
        let count = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount * 8))
        return (0..<count).map { index in
            Array(files[(files.count * index / count)..<(files.count * (index + 1) / count)])
        }
    }

    /// The marker file: a note for people, then the hash and path of each generated file.
    static func manifestText(_ entries: [(path: String, hash: UInt64)]) -> String {
        var text = markerText + "# content hash and path of each generated file, used to skip unchanged files\n"
        for entry in entries where !entry.path.contains("\n") && !entry.path.contains("\t") {
            text += String(entry.hash, radix: 16) + "\t" + entry.path + "\n"
        }
        return text
    }

    static func readManifest(in output: URL) -> [String: UInt64] {
        guard let text = try? String(contentsOf: output.appendingPathComponent(markerName), encoding: .utf8) else { return [:] }
        var entries: [String: UInt64] = [:]
        for line in text.splitLines() where !line.hasPrefix("#") {
            guard let tab = line.firstIndex(of: "\t"), let hash = UInt64(line[..<tab], radix: 16) else { continue }
            entries[String(line[line.index(after: tab)...])] = hash
        }
        return entries
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every file
    /// to disk, which made writing a large site ten times slower; a killed build cannot
    /// lose what is already in the page cache, and the folder swap stays atomic.
    static func writeFile(_ path: String, _ text: String) throws {
        try writeFile(path, [text])
    }

    /// Writes the pieces one after the other; small ones are gathered into a buffer first,
    /// so the twenty thousand pieces of a large search index are a few writes, not 20,000.
    static func writeFile(_ path: String, _ parts: [String]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        if parts.count == 1 {
            var text = parts[0]
            try text.withUTF8 { try writeAll(UnsafeRawBufferPointer($0)) }
            return
        }
        let capacity = 256 * 1024
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity)
        for var text in parts {
            try text.withUTF8 { bytes in
                if buffer.count + bytes.count > capacity {
                    try buffer.withUnsafeBytes { try writeAll($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
                if bytes.count >= capacity {
                    try writeAll(UnsafeRawBufferPointer(bytes))
                } else {
                    buffer.append(contentsOf: bytes)
                }
            }
        }
        try buffer.withUnsafeBytes { try writeAll($0) }
    }

    /// Puts the staging folder in place of the output folder, then removes the old site.
    private func swapIn(_ staging: URL, for output: URL) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path),
           sitegen_exchange_paths(staging.path, output.path) == 0 {
            // `staging` now holds the previous site.
            Self.removeTree(staging)
            return
        }
        // No atomic exchange (another OS or file system): two renames, old site kept aside
        // until the new one is in place.
        let old = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).sitegen-old-\(getpid())")
        let hadOutput = fileManager.fileExists(atPath: output.path)
        if hadOutput { try? fileManager.moveItem(at: output, to: old) }
        do {
            try fileManager.moveItem(at: staging, to: output)
            if hadOutput { Self.removeTree(old) }
        } catch {
            if hadOutput { try? fileManager.moveItem(at: old, to: output) }
        }
    }

    /// Removes a folder of ours on all cores: its sub-folders (two levels down, where a
    /// site's many page folders are) are removed in parallel, then the rest.
    static func removeTree(_ root: URL) {
        let fileManager = FileManager.default
        var items: [String] = []
        for child in (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? [] {
            let childPath = root.path + "/" + child
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: childPath, isDirectory: &isDirectory), isDirectory.boolValue {
                items += ((try? fileManager.contentsOfDirectory(atPath: childPath)) ?? []).map { childPath + "/" + $0 }
            }
        }
        _ = ParallelMap.map(items) { try? FileManager.default.removeItem(atPath: $0) }
        try? fileManager.removeItem(at: root)
    }

    /// Staging folders of builds that were killed: removed only if they carry the marker.
    /// Removes staging folders of earlier builds that were killed. A folder is removed only
    /// when its owner (the pid in its name) is gone, so a build running at the same moment
    /// keeps its own, and only when it is sitegen's: it holds the marker, or it is empty (a
    /// build killed between making the folder and writing the marker into it).
    private func removeLeftovers(in parent: URL, named name: String) {
        let fileManager = FileManager.default
        let prefix = ".\(name).sitegen-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = entry.split(separator: "-").last.flatMap({ pid_t($0) }), pid > 0 else { continue }
            let ownerGone = pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)
            guard ownerGone else { continue }
            let url = parent.appendingPathComponent(entry)
            let isEmpty = (try? fileManager.contentsOfDirectory(atPath: url.path))?.isEmpty == true
            if isEmpty || fileManager.fileExists(atPath: url.appendingPathComponent(Self.markerName).path) {
                try? fileManager.removeItem(at: url)
            }
        }
    }

}
