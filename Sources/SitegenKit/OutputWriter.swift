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
        let output = Self.resolved(layout.outputURL)
        let source = Self.resolved(layout.sourceURL)
        let shown = layout.display(layout.outputURL)
        let home = Self.resolved(FileManager.default.homeDirectoryForCurrentUser)
        func refuse(_ why: String) -> Diagnostic {
            .error(SourceLocation(path: shown), "refusing to use this output folder: \(why)")
        }
        if output == "/" { return refuse("it is the root folder") }
        if output == home { return refuse("it is the home folder") }
        for (name, protected) in [("source folder", source),
                                  ("content folder", Self.resolved(layout.contentURL)),
                                  ("templates folder", Self.resolved(layout.templatesURL))] {
            if output == protected { return refuse("it is the \(name)") }
            if Self.isInside(protected, output) { return refuse("it contains the \(name)") }
            if name != "source folder", Self.isInside(output, protected) { return refuse("it is inside the \(name)") }
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

    /// Writes all files and swaps them in. Throws a diagnostic when the disk says no.
    func write(_ files: [OutputFile]) throws(Diagnostic) {
        if let problem = checkOutputFolder() { throw problem }
        let fileManager = FileManager.default
        let output = layout.outputURL
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).sitegen-new-\(getpid())")
        removeLeftovers(in: parent, named: output.lastPathComponent)
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
            var madeFolders = Set<String>()
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                let folder = target.deletingLastPathComponent().path
                if madeFolders.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                switch file.contents {
                case .text(let text): try Self.writeFile(target.path, text)
                case .copy(let source): try fileManager.copyItem(atPath: source, toPath: target.path)
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw .error(SourceLocation(path: layout.display(output)), "cannot write the site: \(describe(error))")
        }
        swapIn(staging, for: output)
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every file
    /// to disk, which made writing a large site ten times slower; a killed build cannot
    /// lose what is already in the page cache, and the folder swap stays atomic.
    static func writeFile(_ path: String, _ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
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
    }

    /// Puts the staging folder in place of the output folder, then removes the old site.
    private func swapIn(_ staging: URL, for output: URL) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path),
           sitegen_exchange_paths(staging.path, output.path) == 0 {
            // `staging` now holds the previous site.
            try? fileManager.removeItem(at: staging)
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
            if hadOutput { try? fileManager.removeItem(at: old) }
        } catch {
            if hadOutput { try? fileManager.moveItem(at: old, to: output) }
        }
    }

    /// Staging folders of builds that were killed: removed only if they carry the marker.
    private func removeLeftovers(in parent: URL, named name: String) {
        let fileManager = FileManager.default
        let prefix = ".\(name).sitegen-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let url = parent.appendingPathComponent(entry)
            if fileManager.fileExists(atPath: url.appendingPathComponent(Self.markerName).path) {
                try? fileManager.removeItem(at: url)
            }
        }
    }

    static func resolved(_ url: URL) -> String {
        // Resolve symlinks of the part that exists, so `out -> content` is caught.
        var existing = url.standardizedFileURL
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            tail.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for part in tail { path += (path.hasSuffix("/") ? "" : "/") + part }
        return path
    }

    /// Is `inner` strictly inside `outer`?
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        let prefix = outer.hasSuffix("/") ? outer : outer + "/"
        return inner.hasPrefix(prefix)
    }
}
