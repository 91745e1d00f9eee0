import SitegenModel
import SitegenSupport
import CFileSwap
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A site being written (made by `OutputWriter.begin`): a fresh staging folder beside the
/// output folder (or inside it, for a mount point) that already holds the marker and every
/// folder the site needs. Files go in with `place`, from any thread, as they are rendered;
/// `finish` swaps the folder in at once, `abandon` removes it. Until `finish`, the output
/// folder is as it was, so a build that fails or is killed meanwhile changes nothing.
final class StagedSite: @unchecked Sendable {
    /// Why a site could not be written or published.
    enum Failure: Error {
        /// The output folder is not one sitegen may write, or its lock cannot be had.
        case refused(Diagnostic)
        /// A file copied from the sources could not be read.
        case unreadableSource(origin: String, reason: String)
        /// Writing the staging folder failed.
        case staging(Error, shown: String)
        /// The output folder cannot be renamed (EBUSY, EXDEV): it is a mount point.
        case mountPoint(OutputSwap.Failure, shown: String)
        case swap(OutputSwap.Failure, shown: String)

        var isMountPoint: Bool {
            if case .mountPoint = self { true } else { false }
        }

        var diagnostic: Diagnostic {
            switch self {
            case .refused(let diagnostic):
                diagnostic
            case let .unreadableSource(origin, reason):
                .error(SourceLocation(path: origin), "cannot read file: \(reason)")
            case let .staging(error, shown):
                .error(SourceLocation(path: shown), "cannot write the site: \(describe(error)); the previous site was left as it was")
            case let .mountPoint(failure, shown), let .swap(failure, shown):
                .error(SourceLocation(path: shown), "cannot publish the site into this folder: \(failure.message); the previous site was left as it was")
            }
        }
    }

    private let output: URL
    private let staging: URL
    private let stagingName: String
    private let inPlace: Bool
    private let shown: String
    private let swapCalls: SwapCalls
    /// Hashes of the previous site's files (its manifest): equal files are hard-linked.
    private let previous: [String: UInt64]
    private let lock = NSLock()
    private var outputLock: OutputLock?
    /// The paths the site will have, in the order its manifest lists them, and the hash of
    /// each file placed so far (0: none yet, or a copy).
    private let paths: [String]
    private var hashes: [UInt64]
    private var linked = 0
    /// The first file that could not be written; `finish` reports it.
    private var failure: Failure?

    init(paths: [String], output: URL, stagingName: String, inPlace: Bool, shown: String,
         lock: OutputLock, swapCalls: SwapCalls) throws(Failure) {
        self.output = output
        self.stagingName = stagingName
        self.inPlace = inPlace
        self.shown = shown
        self.swapCalls = swapCalls
        outputLock = lock
        self.paths = paths
        hashes = [UInt64](repeating: 0, count: paths.count)
        staging = (inPlace ? output : output.deletingLastPathComponent()).appendingPathComponent(stagingName)
        previous = OutputWriter.readManifest(in: output)
        do {
            try makeFolders(for: paths)
        } catch {
            abandon()
            throw .staging(error, shown: shown)
        }
    }

    deinit {
        // Neither finished nor abandoned (a caller threw past it): leave nothing behind.
        if outputLock != nil { abandon() }
    }

    /// The staging folder, the marker first (if this build is killed, the next one knows the
    /// half-written folder is its own to remove), then every folder the paths need.
    private func makeFolders(for paths: [String]) throws {
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try OutputWriter.writeFile(staging.path + "/" + OutputWriter.markerName, OutputWriter.markerText)
        var folders = Set<String>()
        for path in paths {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // One depth at a time, each on all cores: a site has a folder per page, and
        // making ten thousand of them one after the other took a quarter of a second.
        let byDepth = Dictionary(grouping: folders) { $0.utf8.count(where: { $0 == UInt8(ascii: "/") }) }
        for depth in byDepth.keys.sorted() {
            let failures = ParallelMap.map(byDepth[depth]!) { [staging] folder -> Int32 in
                mkdir(staging.path + "/" + folder, 0o755) != 0 && errno != EEXIST ? errno : 0
            }
            if let code = failures.first(where: { $0 != 0 }) { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        }
    }

    /// Writes one file into the staging folder, or hard-links it from the previous site
    /// when its bytes are the same (by the manifest's hash): no new inode, no data written.
    /// Files copied from sources are always copied, never linked, so that nothing done to
    /// the output can reach a source file. After a failure, later files are skipped.
    /// `index`: the file's position in the paths given to `OutputWriter.begin`.
    func place(_ file: OutputFile, at index: Int) {
        guard lock.withLock({ failure == nil }) else { return }
        let target = staging.path + "/" + file.path
        do {
            var hash: UInt64 = 0
            var wasLinked = false
            switch file.contents {
            case .text(let text):
                (hash, wasLinked) = try linkOrWrite(file.path, hash: Hashing.stable(text)) { try OutputWriter.writeFile(target, text) }
            case .parts(let parts):
                (hash, wasLinked) = try linkOrWrite(file.path, hash: Hashing.stable(parts)) { try OutputWriter.writeFile(target, parts) }
            case .copy(let source):
                // Opened first, so a source that cannot be read is reported as that, at the
                // source, and not as a failure to write the site.
                let descriptor = open(source, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    let reason = String(cString: strerror(errno))
                    lock.withLock { failure = failure ?? .unreadableSource(origin: file.origin, reason: reason) }
                    return
                }
                close(descriptor)
                try FileManager.default.copyItem(atPath: source, toPath: target)
            }
            lock.withLock {
                hashes[index] = hash
                if wasLinked { linked += 1 }
            }
        } catch {
            lock.withLock { failure = failure ?? .staging(error, shown: shown) }
        }
    }

    /// Hard-links a generated file from the previous site when the manifest has its hash,
    /// else `write`s it. Returns the hash as the manifest keeps it, and whether it was linked.
    private func linkOrWrite(_ path: String, hash: UInt64, write: () throws -> Void) throws -> (hash: UInt64, linked: Bool) {
        let hash = hash | 1  // never 0: 0 means "no hash"
        if previous[path] == hash && link(output.path + "/" + path, staging.path + "/" + path) == 0 { return (hash, true) }
        try write()
        return (hash, false)
    }

    /// Writes the manifest and swaps the staging folder in. Returns how many files were
    /// hard-linked from the previous site. On any failure the staging folder is removed and
    /// the previous site stays.
    func finish() throws(Failure) -> Int {
        defer { releaseLock() }
        if let failure = lock.withLock({ failure }) {
            OutputWriter.removeTree(staging)
            throw failure
        }
        do {
            let manifestPath = staging.path + "/" + OutputWriter.markerName
            // In the order of the paths (the plan's), whatever order the files came in.
            let manifest = zip(paths, hashes).filter { $0.1 != 0 }.map { (path: $0.0, hash: $0.1) }
            try OutputWriter.writeFile(manifestPath + ".new", OutputWriter.manifestText(manifest))
            guard rename(manifestPath + ".new", manifestPath) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            OutputWriter.removeTree(staging)
            throw .staging(error, shown: shown)
        }
        let swap = OutputSwap(calls: swapCalls)
        do {
            if inPlace {
                try swap.swapChildren(of: staging.path, into: output.path, stagingName: stagingName, markerName: OutputWriter.markerName)
                OutputWriter.removeTree(staging)
            } else {
                let parent = output.deletingLastPathComponent()
                let aside = parent.appendingPathComponent(".\(output.lastPathComponent).sitegen-old-\(getpid())").path
                if let old = try swap.swapFolder(staging.path, into: output.path, aside: aside) {
                    OutputWriter.removeTree(URL(fileURLWithPath: old))
                }
            }
        } catch {
            OutputWriter.removeTree(staging)
            throw (error.code == EBUSY || error.code == EXDEV) && !inPlace ? .mountPoint(error, shown: shown) : .swap(error, shown: shown)
        }
        return linked
    }

    /// Removes the staging folder: the build failed, and the previous site stays as it was.
    func abandon() {
        OutputWriter.removeTree(staging)
        releaseLock()
    }

    private func releaseLock() {
        lock.withLock {
            outputLock?.release()
            outputLock = nil
        }
    }
}
