import SitegenModel
import CFileSwap
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The two system calls that publish a staged site, replaceable so tests can make them
/// fail the way a mount point, a sticky folder or a full disk makes them fail. Each
/// returns 0 or the `errno` of its failure.
struct SwapCalls: Sendable {
    var exchange: @Sendable (_ first: String, _ second: String) -> Int32
    var rename: @Sendable (_ from: String, _ to: String) -> Int32

    static let system = SwapCalls(
        exchange: { sitegen_exchange_paths($0, $1) == 0 ? 0 : errno },
        rename: { Glibc.rename($0, $1) == 0 ? 0 : errno })
}

/// Puts a staged site in place of the output folder. Every failure is thrown, after the
/// staging folder is removed and the previous site put back, so a build never reports
/// success for a site it did not publish.
struct OutputSwap {
    var calls = SwapCalls.system

    /// A failed swap: "cannot publish the site into public: <reason>".
    struct Failure: Error {
        let code: Int32
        let message: String
    }

    /// Staging beside the output folder: one exchange of the two folders (or, where the
    /// system has no exchange, two renames with the old site kept aside in `aside` until
    /// the new one is in place). Returns where the previous site now is, for the caller to
    /// remove (nil when there was none).
    func swapFolder(_ staging: String, into output: String, aside: String) throws(Failure) -> String? {
        guard FileManager.default.fileExists(atPath: output) else {
            let code = calls.rename(staging, output)
            if code != 0 { throw failure(code, "cannot move the new site into place") }
            return nil
        }
        let code = calls.exchange(staging, output)
        if code == 0 { return staging }
        guard code == ENOSYS || code == EINVAL else {
            throw failure(code, "cannot swap the new site into place")
        }
        let out = calls.rename(output, aside)
        if out != 0 { throw failure(out, "cannot move the previous site aside") }
        let into = calls.rename(staging, output)
        if into != 0 {
            let back = calls.rename(aside, output)
            if back != 0 {
                throw failure(into, "cannot move the new site into place, nor the previous site back (it is in \(aside))")
            }
            throw failure(into, "cannot move the new site into place")
        }
        return aside
    }

    /// Staging inside the output folder (a mount point, which cannot be renamed): each
    /// entry at the top of the output is exchanged with the new one, one by one, the
    /// marker file last. Entries only the old site had are moved into the staging folder,
    /// to be removed with it. On a failure every step already made is undone in reverse.
    func swapChildren(of staging: String, into output: String, stagingName: String, markerName: String) throws(Failure) {
        let fileManager = FileManager.default
        let newNames: Set<String>, oldNames: Set<String>
        do {
            newNames = Set(try fileManager.contentsOfDirectory(atPath: staging))
            // `lost+found` belongs to the file system of the mount, not to any site.
            oldNames = Set(try fileManager.contentsOfDirectory(atPath: output)).subtracting([stagingName, "lost+found"])
        } catch {
            throw Failure(code: EIO, message: "cannot list the folder: \(describe(error))")
        }
        enum Step { case exchanged(String), movedIn(String), movedOut(String) }
        var done: [Step] = []
        func undo() {
            for step in done.reversed() {
                switch step {
                case .exchanged(let name): _ = calls.exchange(staging + "/" + name, output + "/" + name)
                case .movedIn(let name): _ = calls.rename(output + "/" + name, staging + "/" + name)
                case .movedOut(let name): _ = calls.rename(staging + "/" + name, output + "/" + name)
                }
            }
        }
        // The marker last: until it is swapped, the folder still says it holds the old site.
        let order = newNames.subtracting([markerName]).sorted() + (newNames.contains(markerName) ? [markerName] : [])
        for name in order {
            let from = staging + "/" + name, to = output + "/" + name
            if oldNames.contains(name) {
                let code = calls.exchange(from, to)
                if code != 0 { undo(); throw failure(code, "cannot swap \(name) into place") }
                done.append(.exchanged(name))
            } else {
                let code = calls.rename(from, to)
                if code != 0 { undo(); throw failure(code, "cannot move \(name) into place") }
                done.append(.movedIn(name))
            }
        }
        for name in oldNames.subtracting(newNames).sorted() {
            let code = calls.rename(output + "/" + name, staging + "/" + name)
            if code != 0 { undo(); throw failure(code, "cannot remove \(name) of the previous site") }
            done.append(.movedOut(name))
        }
    }

    private func failure(_ code: Int32, _ what: String) -> Failure {
        Failure(code: code, message: "\(what): \(String(cString: strerror(code)))")
    }

    /// Whether a folder is a mount point (a Docker volume, a tmpfs): renaming it fails
    /// with EBUSY, so the site is published inside it instead. A folder on another device
    /// than its parent is one; a bind mount of the same device is found in the mount table.
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat(), parent = stat()
        guard stat(path, &own) == 0 else { return false }
        guard stat(path + "/..", &parent) == 0 else { return false }
        if own.st_dev != parent.st_dev || own.st_ino == parent.st_ino { return true }
        guard let table = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return false }
        // Field 5 of each line is the mount point, with spaces and the like as octal escapes.
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count > 4, unescapeMountPath(fields[4]) == path { return true }
        }
        return false
    }

    static func unescapeMountPath(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
               let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
