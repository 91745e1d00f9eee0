import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
import SitegenModel

/// Runs the real `sitegen serve` with its default options, as an author would.
@Suite struct ServeCommandTests {
    /// The listening TCP sockets of a process, from /proc: (address, port) of each.
    static func listeningSockets(of pid: Int32) throws -> [(address: String, port: UInt16)] {
        var inodes = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(name)"),
               target.hasPrefix("socket:[") {
                inodes.insert(String(target.dropFirst(8).dropLast()))
            }
        }
        var result: [(String, UInt16)] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = (try? String(contentsOfFile: table, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local_address rem_address st ... inode (the tenth field); 0A is LISTEN.
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
                let local = fields[1].split(separator: ":")
                guard local.count == 2, let port = UInt16(local[1], radix: 16) else { continue }
                result.append((decodeAddress(String(local[0])), port))
            }
        }
        return result
    }

    /// /proc/net/tcp writes addresses as 32-bit words in host (little-endian) order.
    static func decodeAddress(_ hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 8)
            let word = UInt32(hex[index..<next], radix: 16) ?? 0
            bytes += [UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)]
            index = next
        }
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func readsAddressesAsTheKernelWritesThem() {
        #expect(Self.decodeAddress("0100007F") == "127.0.0.1")
        #expect(Self.decodeAddress("00000000") == "0.0.0.0")
        #expect(Self.decodeAddress("00000000000000000000000001000000") == "::1")
        #expect(Self.decodeAddress("00000000000000000000000000000000") == "::")
    }

    /// `sitegen serve --port 0`: the only TCP socket it listens on is bound to 127.0.0.1
    /// (not 0.0.0.0, and FlyingFox itself listens on no TCP port), it answers, and SIGINT
    /// or SIGTERM stop it cleanly with exit status 0.
    @Test(arguments: [SIGINT, SIGTERM]) func servesOnLoopbackOnlyAndStopsOnSignal(signal: Int32) async throws {
        let site = try ScratchSite()
        defer { site.remove() }
        guard let executable = SitegenCommand.executable else {
            Issue.record("the sitegen executable was not built")
            return
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0", "--source", site.source.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // "Serving on http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let firstLine = try await SitegenServeTests.firstLine(of: output)
        let address = try #require(firstLine.split(separator: " ").first { $0.hasPrefix("http://") }, "printed: \(firstLine)")
        #expect(address.hasPrefix("http://127.0.0.1:"))
        let port = try #require(address.split(separator: ":").last.flatMap { UInt16($0.dropLast()) }, "printed: \(firstLine)")

        let listening = try Self.listeningSockets(of: process.processIdentifier)
        #expect(listening.count == 1, "listening on \(listening)")
        #expect(listening.first?.address == "127.0.0.1")
        #expect(listening.first?.port == port)
        #expect(try await TestHTTP.get(port, "/").status == 200)

        kill(process.processIdentifier, signal)
        let rest: String = try await offPool {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(rest.contains("Stopped."))
    }
}

/// `serve` previews what is scheduled, marked by the theme, as drafts are with `--drafts`.
@Suite struct ServeScheduledTests {
    @Test func servesScheduledArticlesWithAMarker() async throws {
        // The repository's own theme, which marks scheduled articles.
        let site = try ScratchSite(copying: Fixtures.good, templatesFrom: Fixtures.repository)
        defer { site.remove() }
        try site.write("content/articles/coming-soon.md", """
            ---
            title: Coming soon
            summary: Goes live later.
            date: 2026-12-05
            skills: [alpha]
            ---

            Text.

            """)
        let server = try await ServeProcess(["--source", site.source.path, "--now", "2026-11-28"])
        do {
            let page = try await TestHTTP.get(server.port, "/articles/coming-soon/")
            #expect(page.status == 200)
            #expect(page.body.contains("<p class=\"status\">Scheduled: goes live on 5 December 2026</p>"))
            let list = try await TestHTTP.get(server.port, "/articles/")
            #expect(list.body.contains("<span class=\"status\">Scheduled for 5 December 2026</span>"))
        } catch {
            _ = try? await server.stop()
            throw error
        }
        try await server.stop()
    }
}
