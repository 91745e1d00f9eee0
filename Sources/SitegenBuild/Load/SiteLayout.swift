import SitegenModel
import SitegenSupport
import Foundation

/// Where a site's folders are, and how their paths are shown to the user.
public struct SiteLayout: Sendable {
    public let sourceURL: URL
    public let outputURL: URL
    /// How the user named the source folder, so diagnostics show paths they can click.
    let sourceDisplay: String

    public init(source: String, output: String? = nil) {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        sourceURL = URL(fileURLWithPath: source, isDirectory: true, relativeTo: current).standardizedFileURL
        if let output {
            outputURL = URL(fileURLWithPath: output, isDirectory: true, relativeTo: current).standardizedFileURL
        } else {
            outputURL = sourceURL.appendingPathComponent("public", isDirectory: true)
        }
        sourceDisplay = source == "." || source.isEmpty ? "" : (source.hasSuffix("/") ? source : source + "/")
    }

    public var contentURL: URL { sourceURL.appendingPathComponent("content", isDirectory: true) }
    public var templatesURL: URL { sourceURL.appendingPathComponent("templates", isDirectory: true) }

    /// The path of a file inside the source folder, as the user would type it.
    func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = sourceURL.path.hasSuffix("/") ? sourceURL.path : sourceURL.path + "/"
        if path.hasPrefix(root) { return sourceDisplay + path.dropFirst(root.count) }
        if path + "/" == root { return sourceDisplay.isEmpty ? "." : sourceDisplay }
        return path
    }

    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The Markdown files of `content/<folder>/`, sorted, which of them are symlinks (a
    /// change to a link's target is not an event in the link's folder, so `serve` looks at
    /// those every time), and the folder's problems: `articles/` missing is a warning (a
    /// site with no articles still builds), `pages/` is optional, and a folder that cannot
    /// be listed is an error.
    func markdownListing(in folder: String) -> (paths: [String], symlinks: Set<String>, diagnostics: [Diagnostic]) {
        let url = contentURL.appendingPathComponent(folder, isDirectory: true)
        switch folderState(url) {
        case .absent:
            let warning = Diagnostic(.warning, SourceLocation(path: display(url)), "folder not found: the site has no articles")
            return ([], [], folder == "articles" ? [warning] : [])
        case .problem(let diagnostic):
            return ([], [], [diagnostic])
        case .folder:
            break
        }
        let listed: [(name: String, type: UInt8)]
        switch entries(of: url) {
        case .failure(let diagnostic): return ([], [], [diagnostic])
        case .success(let names): listed = names
        }
        var names: [String] = []
        var symlinks = Set<String>()
        names.reserveCapacity(listed.count)
        let prefix = folder + "/"
        for (name, type) in listed where Self.isMarkdownName(name) {
            let path = prefix + name
            names.append(path)
            // DT_UNKNOWN: some file systems do not say; treat as a link to be safe.
            if type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
                symlinks.insert(path)
            }
        }
        return (names.sorted(), symlinks, [])
    }

    /// A name `content/articles/` or `content/pages/` publishes.
    /// Compares bytes: file names are bytes, and a serve rebuild asks this of every file.
    static func isMarkdownName(_ name: some StringProtocol) -> Bool { name.hasASCIISuffix(".md") && !name.hasASCIIPrefix(".") }

    /// Files are read whole; anything larger is surely a mistake (a video in `articles/`).
    static let maximumFileSize = 16 * 1024 * 1024

    /// Why a source file cannot be used, or nil. sitegen reads only regular files inside
    /// the site folder: a symlink may point elsewhere inside it, but never outside (that
    /// would publish files from anywhere on the machine), never in a loop, and never to a
    /// FIFO or device (reading one would hang or never end).
    func problem(withSourceFile url: URL) -> Diagnostic? {
        let shown = display(url)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .error(SourceLocation(path: shown), "cannot read file: \(String(cString: strerror(errno)))") }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(url.path, nil) else {
                let reason = errno == ELOOP ? "a symlink loop" : String(cString: strerror(errno))
                return .error(SourceLocation(path: shown), "cannot follow symlink: \(reason)")
            }
            let target = String(cString: real)
            free(real)
            let root = PathSafety.resolved(sourceURL)
            guard PathSafety.isInside(target, root) else {
                return .error(SourceLocation(path: shown), "symlink points outside the site folder (to \(target)); sitegen reads only files inside \(display(sourceURL))")
            }
            guard stat(url.path, &info) == 0 else { return .error(SourceLocation(path: shown), "cannot read file: \(String(cString: strerror(errno)))") }
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .error(SourceLocation(path: shown), "not a regular file (a folder, FIFO or device); sitegen reads only files")
        }
        // Checked here, with every other problem of the build, rather than found when the
        // file is copied into the output (where it read as a failure to write).
        if access(url.path, R_OK) != 0 {
            return .error(SourceLocation(path: shown), "cannot read file: \(String(cString: strerror(errno)))")
        }
        if Int(info.st_size) > Self.maximumFileSize {
            return .error(SourceLocation(path: shown), "file is too large (\(Int(info.st_size) / 1_048_576) MB; the limit is \(Self.maximumFileSize / 1_048_576) MB)")
        }
        return nil
    }

    /// Every file below `folder`, relative to it, sorted; hidden files and folders are
    /// skipped (the theme's), and symlinked folders are not entered.
    func files(below folder: URL) -> [String] {
        listFiles(below: folder, includeHidden: false).paths
    }

    /// `content/static/**`: images and other files published as they are, at the same
    /// path below the site root, hidden ones too (`.well-known/`, `.htaccess`); only
    /// version-control folders and editor litter are left out (`isJunk`).
    func staticFiles() -> (files: [StaticFile], diagnostics: [Diagnostic]) {
        copiedFiles(below: contentURL.appendingPathComponent("static", isDirectory: true), includeHidden: true)
    }

    /// Files published as they are, each checked like any source file. Their source path
    /// is the real file, so a symlink is copied as the file it points to.
    func copiedFiles(below folder: URL, includeHidden: Bool = false,
                     excludingExtension excluded: String? = nil) -> (files: [StaticFile], diagnostics: [Diagnostic]) {
        var result: [StaticFile] = []
        let (paths, listingProblems) = listFiles(below: folder, includeHidden: includeHidden, excludingExtension: excluded)
        var diagnostics = listingProblems
        for path in paths {
            let url = folder.appendingPathComponent(path)
            if let problem = problem(withSourceFile: url) {
                diagnostics.append(problem)
                continue
            }
            result.append(StaticFile(outputPath: path, sourceURLPath: url.resolvingSymlinksInPath().path, displayPath: display(url)))
        }
        return (result, diagnostics)
    }
}
