import SitegenBuild
import SitegenModel
import SitegenSupport
import Foundation

/// Watches folders for changes with Linux inotify, so `sitegen serve` learns which files
/// an author saved instead of stat-ing every file of the site several times a second
/// (on a 10,000-article site each such look took tens of milliseconds, idle or not).
///
/// Every folder below the roots is watched; folders created later are watched as they
/// appear, and the files already in them count as changed. Where inotify is not there
/// (other systems, or the per-user watch limit is reached) `init` fails and callers poll.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let roots: [String]
    /// Watch descriptor -> the folder it watches.
    private var folders: [Int32: String] = [:]
    /// Events seen for folders that appeared, before a caller asked.
    private var pending = Set<String>()
    private var overflowed = false

    /// Watches `roots` and everything below them. A root that does not exist yet is
    /// watched once its parent sees it created.
    public init?(roots: [String]) {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.roots = roots.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        // The roots' parents too (not recursively), to see a root created or replaced.
        for parent in Set(self.roots.map { ($0 as NSString).deletingLastPathComponent }) {
            _ = addWatch(parent)
        }
        for root in self.roots where !addTree(root, reportingFiles: false) {
            close(descriptor)
            return nil
        }
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Waits up to `timeout` seconds for a first change, then until `quiet` seconds pass
    /// with no further event (an editor saving in steps is one change), and returns what
    /// changed; nil if nothing did within `timeout`.
    public func waitForChanges(timeout: TimeInterval, quiet: TimeInterval = 0.05) -> FileChanges? {
        guard wait(timeout), drain() else { return nil }
        while wait(quiet) { _ = drain() }
        return takeChanges()
    }

    /// The changes seen so far without waiting (nil if none).
    public func pollChanges() -> FileChanges? {
        _ = drain()
        return takeChanges()
    }

    private func takeChanges() -> FileChanges? {
        defer { pending.removeAll(); overflowed = false }
        if overflowed { return .unknown }
        return pending.isEmpty ? nil : .paths(pending)
    }

    private func wait(_ seconds: TimeInterval) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, Int32(max(0, seconds * 1000))) > 0
    }

    /// Reads every queued event; true if any was read.
    private func drain() -> Bool {
        #if os(Linux)
        var sawAny = false
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            guard count > 0 else { break }
            sawAny = true
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                let name = event.len > 0
                    ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                handle(event, name: name)
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return sawAny
        #else
        return false
        #endif
    }

    #if os(Linux)
    private func handle(_ event: inotify_event, name: String) {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            overflowed = true
            return
        }
        guard let folder = folders[event.wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[event.wd] = nil
            return
        }
        let path = name.isEmpty ? folder : folder + "/" + name
        // Events in a root's parent matter only for the root itself.
        guard isInsideRoots(path) else { return }
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0, roots.contains(path) {
            overflowed = true  // a root went away: start over from the disk
            return
        }
        pending.insert(path)
        if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
            // A new folder (or one moved in): watch it, and count what it already holds.
            if !addTree(path, reportingFiles: true) { overflowed = true }
        }
    }
    #endif

    private func isInsideRoots(_ path: String) -> Bool {
        roots.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// Watches `folder` and every folder below it, symlinked folders included (each real
    /// folder once, so a link to an ancestor is no loop); false if the kernel refused a watch.
    private func addTree(_ folder: String, reportingFiles: Bool) -> Bool {
        var visited = Set<String>()
        return addTree(folder, reportingFiles: reportingFiles, visited: &visited)
    }

    private func addTree(_ folder: String, reportingFiles: Bool, visited: inout Set<String>) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              visited.insert((folder as NSString).resolvingSymlinksInPath).inserted else { return true }
        guard addWatch(folder) else { return false }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return true }
        for name in names {
            let path = folder + "/" + name
            if reportingFiles { pending.insert(path) }
            // fileExists follows symlinks: a link to a folder is watched like a folder.
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
               !addTree(path, reportingFiles: reportingFiles, visited: &visited) {
                return false
            }
        }
        return true
    }

    private func addWatch(_ folder: String) -> Bool {
        #if os(Linux)
        let mask = IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE
            | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
        let watch = inotify_add_watch(descriptor, folder, UInt32(mask))
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR }
        folders[watch] = folder
        return true
        #else
        return false
        #endif
    }
}
