import SitegenModel
import SitegenSupport
import Foundation

/// Which folders sitegen may replace with a site. The output folder is replaced whole on
/// every build, so a wrong `--output` must be refused before anything is touched.
extension OutputWriter {
    /// Folders of the system (Linux and macOS) that are never an output folder, even with
    /// `--force`: replacing one would break the machine. Compared after resolving
    /// symlinks, so `/bin` is caught where it is a link to `/usr/bin`.
    static let systemFolders = [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
        "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
        "/usr/bin", "/usr/include", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/usr/share",
        "/var/lib", "/var/log", "/var/tmp", "/var/www",
        "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private", "/private/etc",
        "/private/tmp", "/private/var",
    ]

    /// Refuses output folders that would put sources, the system or unrelated files at risk.
    func checkOutputFolder() -> Diagnostic? {
        let output = PathSafety.resolved(layout.outputURL)
        let source = PathSafety.resolved(layout.sourceURL)
        let shown = layout.display(layout.outputURL)
        func refuse(_ why: String) -> Diagnostic {
            .error(SourceLocation(path: shown), "refusing to use this output folder: \(why)")
        }
        if output == "/" { return refuse("it is the root folder") }
        if output == home { return refuse("it is the home folder") }
        if PathSafety.isInside(home, output) { return refuse("it holds the home folder (\(home))") }
        let system = Set(Self.systemFolders + Self.systemFolders.map { PathSafety.resolved(URL(fileURLWithPath: $0)) })
        if system.contains(output) { return refuse("it is a system folder (\(output))") }
        for (name, protected) in [("source folder", source),
                                  ("content folder", PathSafety.resolved(layout.contentURL)),
                                  ("templates folder", PathSafety.resolved(layout.templatesURL))] {
            if output == protected { return refuse("it is the \(name)") }
            if PathSafety.isInside(protected, output) { return refuse("it contains the \(name)") }
            if name != "source folder", PathSafety.isInside(output, protected) { return refuse("it is inside the \(name)") }
        }
        var info = stat()
        if lstat(layout.outputURL.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
           stat(layout.outputURL.path, &info) != 0 {
            // A link to nowhere: following it would make a folder somewhere the user may not expect.
            return refuse("it is a symlink to \(Self.linkTarget(layout.outputURL.path)), which does not exist")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return refuse("a file, not a folder, has that name") }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: output)
            } catch {
                return refuse("it cannot be listed (\(describe(error)))")
            }
            if !entries.isEmpty, !entries.contains(Self.markerName), !force {
                return refuse("it is not empty and was not made by sitegen (use --force to replace it)")
            }
        }
        return nil
    }

    static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }
}
