import SitegenModel
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One build at a time writes into an output folder. Two at once would each take the
/// other's half-written staging folder for a leftover, or swap over each other. The lock
/// is `flock` on a file beside the output folder (`.public.sitegen-lock`), never inside
/// it (the folder itself is replaced on every build), holding the pid of its owner. The
/// kernel releases it when its owner exits, however it exits, so a killed build never
/// leaves a stale lock; the file itself stays, empty of meaning until the next build.
struct OutputLock {
    private let descriptor: Int32

    /// The lock file of an output folder.
    static func path(for output: URL) -> String {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).sitegen-lock").path
    }

    /// Takes the lock, waiting up to `timeout` seconds for another build that holds it.
    /// `waiting` hears the other build's pid once, when the wait begins.
    static func acquire(for output: URL, fallback: String? = nil, shown: String, timeout: Double = 120,
                        waiting: ((pid_t?) -> Void)? = nil) throws(Diagnostic) -> OutputLock {
        var path = Self.path(for: output)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        var canWrite = descriptor >= 0
        let openError = errno
        if descriptor < 0, openError == EACCES {
            // Made by another user's build: a lock needs no write access, only the pid does.
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        }
        if descriptor < 0, let fallback, [EACCES, EPERM, EROFS].contains(openError) {
            // A mount point in a folder this user cannot write: lock the output folder itself,
            // which is never replaced when the site is published inside it.
            path = fallback
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            canWrite = false
        }
        guard descriptor >= 0 else {
            throw .error(SourceLocation(path: shown), "cannot create the build lock \(path): \(String(cString: strerror(openError)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .error(SourceLocation(path: shown), "cannot lock \(path): \(String(cString: strerror(code)))")
            }
            let owner = Self.owner(descriptor)
            if !told { waiting?(owner); told = true }
            if Date() > deadline {
                close(descriptor)
                let who = owner.map { "another sitegen build (pid \($0))" } ?? "another sitegen build"
                throw .error(SourceLocation(path: shown), "\(who) is writing into this output folder and still was after \(Int(timeout)) s; try again when it ends")
            }
            usleep(20_000)
        }
        // Our pid, for a build that has to wait for us to name.
        if canWrite {
            let text = "\(getpid())\n"
            _ = ftruncate(descriptor, 0)
            _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        }
        return OutputLock(descriptor: descriptor)
    }

    private static func owner(_ descriptor: Int32) -> pid_t? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return pid_t(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func release() {
        close(descriptor)
    }
}
