import SitegenModel
import SitegenSupport
import Foundation

// The records `BuildCache` keeps between runs: file stamps, the rendered output of the
// latest run, and which sources a watcher says changed.

/// What a file looked like on disk last time: if all of this is equal, it did not change.
public struct FileStamp: Hashable, Sendable {
    var modified: Int
    var modifiedNanoseconds: Int
    var size: Int
    var inode: UInt64

    public init?(path: String) {
        self.init(directory: AT_FDCWD, name: path)
    }

    /// The stamp of `name` inside an open folder: stat-ing thousands of files by their
    /// name in one folder skips walking the folder's path for each.
    init?(directory: Int32, name: String) {
        var info = stat()
        // A broken or looping symlink still has a stamp of its own, so it is loaded (and
        // reported) rather than silently skipped.
        guard fstatat(directory, name, &info, 0) == 0 || fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        modified = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
    }
}

/// The files of a run in plan order, with their render keys and a path index.
struct RenderedOutput {
    var paths: [String] = []
    var keys: [Int] = []
    var lookup = OutputLookup([])
    /// Grows whenever `paths` changes: link results hold only while it is the same.
    var pathsVersion = 0

    func key(of path: String) -> Int { lookup.index[path].map { keys[$0] } ?? 0 }
    /// The key at a position in `paths`; -1 stands for a path the output does not have.
    func key(at position: Int) -> Int { position >= 0 ? keys[position] : 0 }
}

/// One source's link results, valid while its text, the set of pages and the ids of the
/// pages it links into are unchanged.
struct LinkResult {
    var contentHash: Int
    /// The output's paths when it was checked (see `BuildCache.checkLinks`).
    var pathsKey: Int
    /// The pages whose ids it consulted: their position in the output's paths (which stay
    /// where they are while `pathsKey` holds; -1: not in the output), render key and ids'
    /// version then.
    var targets: [(position: Int, key: Int, version: Int)]
    var result: LinkChecker.SourceResult
}


/// Which sources a watcher's report touches.
struct ChangedSources {
    /// site.yaml, skills.yaml or salaries.yaml.
    var dataFiles = false
    var templates = false
    /// A Markdown folder itself appeared, went or was renamed: list it again.
    var markdownFolders = false
    /// Other changed paths below `content/`, relative to it (`articles/x.md`).
    var content = Set<String>()

    /// Nil when the report cannot narrow anything down (`.unknown`, or none given).
    init?(_ changes: FileChanges?, contentRoot: String, templatesRoot: String) {
        guard case .paths(let paths)? = changes else { return nil }
        for path in paths {
            if path == templatesRoot || path.hasPrefix(templatesRoot + "/") {
                templates = true
            } else if path == contentRoot {
                return nil
            } else if path.hasPrefix(contentRoot + "/") {
                let relative = String(path.dropFirst(contentRoot.count + 1))
                switch relative {
                case "site.yaml", "skills.yaml", "salaries.yaml": dataFiles = true
                case "articles", "pages": markdownFolders = true
                default: content.insert(relative)
                }
            }
        }
    }
}
