import Foundation
import SitegenKit

#if FUZZING
/// libFuzzer's entry point (built by Benchmarks/fuzz.sh with -sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.contentFile(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: replays files (or every file of folders) through the same target,
/// to reproduce a crash the fuzzer found: `swift run sitegen-fuzz crash-1234`.
@main
struct Replay {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            let paths = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
                : [argument]
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                FuzzTargets.contentFile([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) inputs without a crash")
    }
}
#endif
