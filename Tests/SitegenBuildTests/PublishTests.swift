import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport
#if canImport(Glibc)
import Glibc
#endif

/// A build that reports success has published exactly the site it built: every failure
/// of the swap is an error that leaves the previous site, mount points and symlinked
/// output folders are published into, and two builds at once do not trip over each other.
@Suite struct PublishTests {
    /// The files of a site and a writer for its output folder.
    func writer(_ site: ScratchSite, output: URL? = nil) -> (files: [OutputFile], writer: OutputWriter) {
        let options = site.builder(output: output).options
        let files = Pipeline(options: options).run().files
        return (files, OutputWriter(layout: SiteLayout(source: options.source, output: options.output)))
    }

    /// Entries beside the output folder that a build leaves only by mistake.
    func strays(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.contains(".sitegen-new-") || $0.contains(".sitegen-old-") }
    }

    /// A build that changes the site, so old and new differ.
    func changeTheSite(_ site: ScratchSite) throws {
        try edit(site, "content/site.yaml") { $0.replacingOccurrences(of: "title: ", with: "title: Changed ") }
    }

    /// Builds the site, then changes it, so the next build publishes something new.
    /// Returns the site as published.
    func publishThenChange(_ site: ScratchSite) throws -> [String: Data] {
        _ = try site.builder().build()
        let published = snapshot(of: site.output)
        try changeTheSite(site)
        return published
    }

    static func failing(_ code: Int32, exchangeOnly: Bool = false, after calls: Int = 0) -> SwapCalls {
        let counter = Counter()
        return SwapCalls(
            exchange: { counter.next() >= calls ? code : SwapCalls.system.exchange($0, $1) },
            rename: { exchangeOnly ? SwapCalls.system.rename($0, $1) : (counter.next() >= calls ? code : SwapCalls.system.rename($0, $1)) })
    }

    final class Counter: @unchecked Sendable {
        private var count = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { defer { count += 1 }; return count } }
    }

    /// The exchange failing (a sticky parent folder owned by another user says EPERM):
    /// an error naming the folder and the reason, the old site as it was, no staging left.
    @Test func aFailedExchangeIsAnErrorAndKeepsTheOldSite() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let before = try publishThenChange(site)
        var (files, writer) = writer(site)
        writer.swapCalls = Self.failing(EPERM)
        #expect(throws: Diagnostic.self) { try writer.write(files) }
        do {
            try writer.write(files)
        } catch {
            #expect(error.description.contains("public: error: cannot publish the site into this folder: cannot swap the new site into place: Operation not permitted; the previous site was left as it was"), "\(error)")
        }
        #expect(snapshot(of: site.output) == before)
        #expect(strays(site.source).isEmpty, "\(strays(site.source))")
    }

    /// Where there is no exchange (ENOSYS), two renames; the second failing puts the old
    /// site back.
    @Test func theRenameFallbackPutsTheOldSiteBack() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let before = try publishThenChange(site)
        var (files, writer) = writer(site)
        let counter = Counter()
        writer.swapCalls = SwapCalls(exchange: { _, _ in ENOSYS }, rename: { from, to in
            // The first rename (old site aside) works, the second (new site in) fails,
            // the third (old site back) works.
            counter.next() == 1 ? ENOSPC : SwapCalls.system.rename(from, to)
        })
        do {
            try writer.write(files)
            Issue.record("the build succeeded")
        } catch {
            #expect(error.message.contains("cannot move the new site into place: No space left on device"), "\(error)")
        }
        #expect(snapshot(of: site.output) == before)
        #expect(strays(site.source).isEmpty, "\(strays(site.source))")
        // With working renames the fallback publishes the new site and removes the old.
        writer.swapCalls = SwapCalls(exchange: { _, _ in ENOSYS }, rename: SwapCalls.system.rename)
        try writer.write(files)
        #expect(try site.read("index.html").contains("Changed "))
        #expect(strays(site.source).isEmpty, "\(strays(site.source))")
    }

    /// A first build whose rename fails leaves no output and no staging folder.
    @Test func aFailedFirstRenameLeavesNothing() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        var (files, writer) = writer(site)
        writer.swapCalls = Self.failing(EACCES)
        #expect(throws: Diagnostic.self) { try writer.write(files) }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        #expect(strays(site.source).isEmpty)
    }

    /// Through `Builder.build`, which streams pages into the staging folder as it renders
    /// them: a failed swap leaves the old site and nothing beside it.
    @Test func aStreamedBuildWhoseSwapFailsLeavesTheOldSite() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let before = try publishThenChange(site)
        var builder = site.builder()
        builder.swapCalls = Self.failing(EPERM)
        #expect(throws: BuildFailure.self) { try builder.build() }
        #expect(snapshot(of: site.output) == before)
        #expect(strays(site.source).isEmpty)
    }

    /// The output folder cannot be renamed (EBUSY: it is a mount point the check did not
    /// recognise): the build runs again, publishing inside it.
    @Test func aStreamedBuildIntoAnUnrenamableOutputPublishesInside() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try publishThenChange(site)
        let inode = try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int
        let output = site.output.path
        var builder = site.builder()
        builder.swapCalls = SwapCalls(exchange: { $1 == output ? EBUSY : SwapCalls.system.exchange($0, $1) },
                                      rename: SwapCalls.system.rename)
        _ = try builder.build()
        #expect(try site.read("index.html").contains("Changed "))
        #expect(try FileManager.default.attributesOfItem(atPath: output)[.systemFileNumber] as? Int == inode,
                "the output folder itself was replaced")
        #expect(snapshot(of: site.output) == contentsAfterFreshBuild(site), "the published site differs from a fresh build")
        #expect(strays(site.source).isEmpty && strays(site.output).isEmpty)
    }

    /// Publishing inside the folder, a failure halfway undoes every step made.
    @Test func aFailureHalfwayThroughPublishingInsideUndoesIt() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let before = try publishThenChange(site)
        var builder = site.builder()
        let output = site.output.path
        let counter = Counter()
        builder.swapCalls = SwapCalls(
            exchange: { first, second in
                if second == output { return EBUSY }
                return counter.next() == 3 ? EIO : SwapCalls.system.exchange(first, second)
            },
            rename: SwapCalls.system.rename)
        do {
            _ = try builder.build()
            Issue.record("the build succeeded")
        } catch {
            #expect(error.description.contains("cannot publish the site into this folder: cannot swap"), "\(error)")
            #expect(error.description.contains("Input/output error"), "\(error)")
        }
        #expect(snapshot(of: site.output) == before)
        #expect(strays(site.source).isEmpty && strays(site.output).isEmpty)
    }

    /// A build killed while publishing into a mount point leaves its staging folder inside
    /// the output; the next build removes it (its owner is gone) and publishes a whole site.
    @Test func aLeftoverInsideAMountPointIsRemoved() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let leftover = site.output.appendingPathComponent(".sitegen-new-\(try deadPID())")
        try FileManager.default.createDirectory(at: leftover.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try OutputWriter.markerText.write(to: leftover.appendingPathComponent(OutputWriter.markerName), atomically: false, encoding: .utf8)
        try changeTheSite(site)
        var builder = site.builder()
        let output = site.output.path
        builder.swapCalls = SwapCalls(exchange: { $1 == output ? EBUSY : SwapCalls.system.exchange($0, $1) },
                                      rename: SwapCalls.system.rename)
        _ = try builder.build()
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(snapshot(of: site.output) == contentsAfterFreshBuild(site))
    }

    func contentsAfterFreshBuild(_ site: ScratchSite) -> [String: Data] {
        let other = site.root.appendingPathComponent("fresh")
        _ = try? site.builder(output: other).build()
        defer { try? FileManager.default.removeItem(at: other) }
        return snapshot(of: other)
    }

    // MARK: - Real mount points, through the real command

    /// Runs a shell script in a private mount namespace (`unshare -m`), so it may mount a
    /// tmpfs that vanishes with it. Nil when this machine does not allow that.
    func inMountNamespace(_ script: String, in folder: URL) throws -> (status: Int32, output: String)? {
        let probe = try shell(["/usr/bin/unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], in: folder)
        guard probe.status == 0 else { return nil }
        return try shell(["/usr/bin/unshare", "-m", "sh", "-c", script], in: folder)
    }

    func shell(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: arguments[0]) else { return (127, "no \(arguments[0])") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["SITEGEN_NOW": "2026-11-28"].merging(environment) { $1 }) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `mount -t tmpfs tmpfs out; sitegen build --output out` said "Built" and left `out`
    /// empty. Now the site is in the mount, a rebuild replaces it, and nothing is left beside.
    @Test func aMountPointOutputIsPublished() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let sitegen = try #require(SitegenCommand.executable).path
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("out"), withIntermediateDirectories: true)
        let script = """
        set -e
        mount -t tmpfs -o size=20m tmpfs out
        '\(sitegen)' build --quiet --source site --output out
        test -f out/index.html && test -f out/.sitegen-output
        sed -i 's/^title: /title: Changed /' site/content/site.yaml
        '\(sitegen)' build --quiet --source site --output out
        grep -q 'Changed ' out/index.html
        ls -a out > listing.txt
        ls -a . >> listing.txt
        """
        guard let result = try inMountNamespace(script, in: site.root) else {
            print("skipped: this machine does not let the tests mount a tmpfs (unshare -m)")
            return
        }
        #expect(result.status == 0, "\(result.output)")
        let listing = try String(contentsOf: site.root.appendingPathComponent("listing.txt"), encoding: .utf8)
        #expect(!listing.contains("sitegen-new") && !listing.contains("sitegen-old"), "\(listing)")
    }

    /// A bind mount has the device of its parent, so only the mount table tells.
    @Test func aBindMountOutputIsPublished() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let sitegen = try #require(SitegenCommand.executable).path
        for folder in ["out", "volume"] {
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let script = """
        set -e
        mount --bind volume out
        '\(sitegen)' build --quiet --source site --output out
        '\(sitegen)' build --quiet --source site --output out
        test -f volume/index.html
        ls -a . > listing.txt
        """
        guard let result = try inMountNamespace(script, in: site.root) else {
            print("skipped: this machine does not let the tests mount (unshare -m)")
            return
        }
        #expect(result.status == 0, "\(result.output)")
        #expect(OutputSwap.isMountPoint(site.root.appendingPathComponent("out").path) == false)
        let listing = try String(contentsOf: site.root.appendingPathComponent("listing.txt"), encoding: .utf8)
        #expect(!listing.contains("sitegen-new") && !listing.contains("sitegen-old"), "\(listing)")
    }

    /// A real refusal of the swap: the output (owned by root) sits in a sticky folder and
    /// the build runs as another user, who may not rename it. Needs root to set up.
    @Test func aStickyParentFolderIsAnError() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("skipped: needs root (to run the build as another user) and setpriv")
            return
        }
        let site = try ScratchSite()
        defer { site.remove() }
        let shared = site.root.appendingPathComponent("shared")
        let output = shared.appendingPathComponent("out")
        _ = try site.builder(output: output).build()
        let before = snapshot(of: output)
        chmod(shared.path, 0o1777)
        chmod(site.root.path, 0o755)
        let sitegen = try #require(SitegenCommand.executable).path
        let result = try shell(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                sitegen, "build", "--source", site.source.path, "--output", output.path], in: site.root)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("out: error: cannot publish the site into this folder: cannot swap the new site into place: Operation not permitted; the previous site was left as it was"), "\(result.output)")
        #expect(snapshot(of: output) == before)
        #expect(strays(shared).isEmpty, "\(strays(shared))")
    }

    // MARK: - Symlinked output folders

    /// `--output link` where `link -> real`: the link stays, its target gets the new site.
    @Test func aSymlinkedOutputIsFollowed() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let real = site.root.appendingPathComponent("real")
        let link = site.root.appendingPathComponent("link")
        _ = try site.builder(output: real).build()
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try changeTheSite(site)
        _ = try site.builder(output: link).build()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        let index = try String(contentsOf: real.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("Changed "))
        #expect(strays(site.root).isEmpty)
    }

    @Test func aSymlinkToNowhereIsRefused() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let link = site.root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "missing")
        let errors = site.buildErrors(output: link) ?? []
        #expect(errors.first?.contains("refusing to use this output folder: it is a symlink to missing, which does not exist") == true, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("missing").path))
    }

    // MARK: - Two builds at once

    /// Two real builds into one output folder, thirty times: each succeeds (the second
    /// waits for the first's lock), the folder ends as one whole site, nothing is left beside.
    @Test func racingBuildsEachSucceed() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        _ = try site.builder().build()
        let expected = snapshot(of: site.output)
        let sitegen = try #require(SitegenCommand.executable)
        for round in 0..<30 {
            let processes = try (0..<2).map { _ -> (Process, Pipe) in
                let process = Process()
                process.executableURL = sitegen
                process.arguments = ["build", "--quiet", "--source", site.source.path]
                process.environment = ProcessInfo.processInfo.environment.merging(["SITEGEN_NOW": "2026-11-28"]) { $1 }
                let pipe = Pipe()
                process.standardError = pipe
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return (process, pipe)
            }
            for (process, pipe) in processes {
                let errors = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round): \(errors)")
            }
            #expect(strays(site.source).isEmpty, "round \(round): \(strays(site.source))")
        }
        #expect(snapshot(of: site.output) == expected)
    }

    /// A build that finds the lock held waits, and says for whom.
    @Test func aHeldLockMakesTheBuildWait() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let output = site.output
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let held = try OutputLock.acquire(for: output, shown: "public")
        let waitedFor = Counter()
        var (files, writer) = writer(site)
        writer.waitingForBuild = { pid in if pid == getpid() { _ = waitedFor.next() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { held.release() }
        let started = Date()
        try writer.write(files)
        #expect(Date().timeIntervalSince(started) >= 0.25)
        #expect(waitedFor.next() == 1, "the waiting build was not told the holder's pid")
        // One that waits too long gives up with the holder's pid.
        let again = try OutputLock.acquire(for: output, shown: "public")
        defer { again.release() }
        #expect(throws: Diagnostic.self) { _ = try OutputLock.acquire(for: output, shown: "public", timeout: 0.1) }
        do {
            _ = try OutputLock.acquire(for: output, shown: "public", timeout: 0.1)
        } catch {
            #expect(error.message.contains("another sitegen build (pid \(getpid())) is writing into this output folder"), "\(error)")
        }
    }

    // MARK: - Folders that are never an output

    @Test func systemFoldersAreRefusedEvenWithForce() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        for folder in ["/etc", "/usr", "/home", "/var", "/bin", "/tmp"] {
            do {
                _ = try site.builder(output: URL(fileURLWithPath: folder), force: true).build()
                Issue.record("\(folder) was accepted")
            } catch {
                #expect(error.diagnostics.contains { $0.message.contains("it is a system folder") }, "\(folder): \(error.diagnostics)")
            }
        }
    }

    /// A folder that holds the home folder would take it with it.
    @Test func foldersHoldingTheHomeFolderAreRefused() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        let homes = site.root.appendingPathComponent("homes")
        try FileManager.default.createDirectory(at: homes.appendingPathComponent("alice"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: homes.appendingPathComponent("alice/notes.txt"))
        var writer = OutputWriter(layout: SiteLayout(source: site.source.path, output: homes.path), force: true)
        writer.home = PathSafety.resolved(homes.appendingPathComponent("alice"))
        #expect(writer.checkOutputFolder()?.message.contains("it holds the home folder") == true)
        writer.home = PathSafety.resolved(site.root.appendingPathComponent("elsewhere"))
        #expect(writer.checkOutputFolder() == nil)
    }
}

extension OutputWriter {
    /// Writes `files` and swaps them in, as `Builder.build` does with the files it renders
    /// (begin, place each, finish), for tests that make the disk or the swap fail.
    @discardableResult
    func write(_ files: [OutputFile]) throws(Diagnostic) -> Int {
        do throws(StagedSite.Failure) {
            let staged = try begin(paths: files.map(\.path))
            _ = ParallelMap.map(Array(files.indices)) { staged.place(files[$0], at: $0) }
            return try staged.finish()
        } catch {
            throw error.diagnostic
        }
    }
}
