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
    /// The user's home folder, resolved: never an output folder, nor any folder holding it.
    var home = PathSafety.resolved(FileManager.default.homeDirectoryForCurrentUser)
    /// The system calls of the swap (tests make them fail).
    var swapCalls = SwapCalls.system
    /// Told the pid of another build this one waits for (see `OutputLock`).
    var waitingForBuild: ((pid_t?) -> Void)?

    /// Starts writing a site whose files will have `paths`: checks the output folder, takes
    /// the output lock, makes the staging folder (with the marker and every folder the paths
    /// need). Files then go in with `place`, from any thread, as they are rendered, so a
    /// build need not hold its pages in memory. `inPlace`: stage inside the output folder
    /// (nil: when it is a mount point).
    func begin(paths: [String], inPlace: Bool? = nil) throws(StagedSite.Failure) -> StagedSite {
        if let problem = checkOutputFolder() { throw .refused(problem) }
        let shown = layout.display(layout.outputURL)
        // A symlinked output folder is followed: its target is replaced, the link kept.
        let output = URL(fileURLWithPath: PathSafety.resolved(layout.outputURL), isDirectory: true)
        let parent = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .refused(.error(SourceLocation(path: shown), "cannot create the folder that holds the output: \(describe(error))"))
        }
        let inPlace = inPlace ?? OutputSwap.isMountPoint(output.path)
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(for: output, fallback: inPlace ? output.path : nil, shown: shown, waiting: waitingForBuild)
        } catch {
            throw .refused(error)
        }
        // Checked again under the lock: another build may have changed the folder meanwhile.
        if let problem = checkOutputFolder() {
            lock.release()
            throw .refused(problem)
        }
        let name = output.lastPathComponent
        let stagingName = inPlace ? ".sitegen-new-\(getpid())" : ".\(name).sitegen-new-\(getpid())"
        removeLeftovers(in: inPlace ? output : parent, prefix: inPlace ? ".sitegen-" : ".\(name).sitegen-")
        return try StagedSite(paths: paths, output: output, stagingName: stagingName, inPlace: inPlace,
                              shown: shown, lock: lock, swapCalls: swapCalls)
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

    /// Removes a folder of ours on all cores: its sub-folders (two levels down, where a
    /// site's many page folders are) are removed in parallel, then the rest. The marker goes
    /// last: a build killed while removing leaves a folder that still says it is sitegen's,
    /// so the next build finishes the job (a folder without it, and not empty, is kept).
    /// `remove` is the removal of one item, given for tests to watch the order.
    static func removeTree(_ root: URL, remove: @Sendable (String) -> Void = { try? FileManager.default.removeItem(atPath: $0) }) {
        let fileManager = FileManager.default
        let children = (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []
        var grandchildren: [String] = []
        for child in children {
            let childPath = root.path + "/" + child
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: childPath, isDirectory: &isDirectory), isDirectory.boolValue {
                grandchildren += ((try? fileManager.contentsOfDirectory(atPath: childPath)) ?? []).map { childPath + "/" + $0 }
            }
        }
        _ = ParallelMap.map(grandchildren) { remove($0) }
        for child in children where child != markerName { remove(root.path + "/" + child) }
        if children.contains(markerName) { remove(root.path + "/" + markerName) }
        remove(root.path)
    }

    /// Removes staging folders of earlier builds that were killed. A folder is removed only
    /// when its owner (the pid in its name) is gone, so a build running at the same moment
    /// keeps its own, and only when it is sitegen's: it holds the marker, or it is empty (a
    /// build killed between making the folder and writing the marker into it).
    private func removeLeftovers(in parent: URL, prefix: String) {
        let fileManager = FileManager.default
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = entry.split(separator: "-").last.flatMap({ pid_t($0) }), pid > 0 else { continue }
            let ownerGone = pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)
            guard ownerGone else { continue }
            let url = parent.appendingPathComponent(entry)
            let isEmpty = (try? fileManager.contentsOfDirectory(atPath: url.path))?.isEmpty == true
            if isEmpty || fileManager.fileExists(atPath: url.appendingPathComponent(Self.markerName).path) {
                Self.removeTree(url)
            }
        }
    }

}
