import SitegenModel
import Foundation

/// Listing the folders of the site. A folder that exists but cannot be listed, or a
/// symlink that does not resolve or loops, is an error with its path: skipping it would
/// publish a site with its pages silently missing.
extension SiteLayout {
    enum FolderState {
        case absent
        case folder
        case problem(Diagnostic)
    }

    /// Whether `url` is a folder that can be opened, is absent, or is a problem.
    func folderState(_ url: URL) -> FolderState {
        let shown = display(url)
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            return errno == ENOENT ? .absent : .problem(.error(SourceLocation(path: shown), "cannot read folder: \(String(cString: strerror(errno)))"))
        }
        if info.st_mode & S_IFMT == S_IFLNK, stat(url.path, &info) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
            let reason = errno == ELOOP ? "a symlink loop" : "a symlink to \(target), which does not exist"
            return .problem(.error(SourceLocation(path: shown), "cannot read folder: it is \(reason)"))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return .problem(.error(SourceLocation(path: shown), "is a file, expected a folder"))
        }
        return .folder
    }

    /// The names in a folder (without `.` and `..`) with whether each is a symlink (or of
    /// an unknown type), or the error that kept it from being listed. readdir rather than
    /// FileManager: this runs on every rebuild of `sitegen serve`, and FileManager says
    /// nothing when a folder cannot be read.
    func entries(of url: URL) -> Result<[(name: String, type: UInt8)], Diagnostic> {
        guard let directory = opendir(url.path) else {
            return .failure(.error(SourceLocation(path: display(url)), "cannot list folder: \(String(cString: strerror(errno)))"))
        }
        defer { closedir(directory) }
        var names: [(String, UInt8)] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    return .failure(.error(SourceLocation(path: display(url)), "cannot list folder: \(String(cString: strerror(errno)))"))
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append((name, entry.pointee.d_type))
        }
        return .success(names)
    }

    /// Names in `content/static/` that are never published: version-control folders and
    /// the litter of file managers and editors. Every other file is, hidden ones included
    /// (`.well-known/security.txt`, `.htaccess`).
    static func isJunk(_ name: String) -> Bool {
        [".git", ".svn", ".hg", ".DS_Store", "Thumbs.db", "desktop.ini"].contains(name)
            || name.hasPrefix("._") || name.hasPrefix(".#") || name.hasSuffix("~")
            || (name.hasPrefix(".") && (name.hasSuffix(".swp") || name.hasSuffix(".swo")))
    }

    /// Every file below `folder` (anything but a folder: `problem(withSourceFile:)` reports
    /// what is not a regular file), relative to it, sorted, with the folders that could not be listed.
    /// Symlinked folders are not entered. `includeHidden` keeps dot files (but never junk).
    func listFiles(below folder: URL, includeHidden: Bool,
                   excludingExtension excluded: String? = nil) -> (paths: [String], diagnostics: [Diagnostic]) {
        switch folderState(folder) {
        case .absent: return ([], [])
        case .problem(let diagnostic): return ([], [diagnostic])
        case .folder: break
        }
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            switch entries(of: url) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let names):
                for (name, type) in names {
                    if Self.isJunk(name) || (!includeHidden && name.hasPrefix(".")) { continue }
                    let path = relative.isEmpty ? name : relative + "/" + name
                    var kind = type
                    if kind == UInt8(DT_UNKNOWN) {
                        var info = stat()
                        if lstat(folder.path + "/" + path, &info) == 0 {
                            kind = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : info.st_mode & S_IFMT == S_IFLNK ? UInt8(DT_LNK) : UInt8(DT_REG)
                        }
                    }
                    if kind == UInt8(DT_DIR) {
                        pending.append(path)
                    } else {
                        // FIFOs and devices too: `problem(withSourceFile:)` reports them.
                        if let excluded, (name as NSString).pathExtension == excluded { continue }
                        paths.append(path)
                    }
                }
            }
        }
        return (paths.sorted(), diagnostics)
    }
}
