import Foundation
import SitegenBuild
import SitegenModel
import SitegenServe

#if FUZZING
// Built by Benchmarks/fuzz.sh with -sanitize=fuzzer -DFUZZING. SwiftPM links an executable
// with `main` pointing at `<module>_main`, which would hide libFuzzer's own `main`; so this
// module defines that symbol and hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("sitegen_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let violations = FuzzTargets.contentFile(bytes) + FuzzTargets.yamlModel(bytes)
        // A broken invariant is a finding like a crash: trap, so libFuzzer saves the input.
        if !violations.isEmpty { fatalError("broken invariant:\n" + violations.joined(separator: "\n")) }
        ServeFuzzTargets.requestHead(bytes)
        return 0
    }
}
#else
/// Without libFuzzer: replays files (or every file of folders) through the same target,
/// to reproduce a crash the fuzzer found: `swift run sitegen-fuzz crash-1234`. Prints every
/// broken invariant with its input and exits 1 if there was one.
@main
struct Replay {
    static func main() {
        var count = 0, failed = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            let paths = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
                : [argument]
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let violations = FuzzTargets.contentFile([UInt8](data)) + FuzzTargets.yamlModel([UInt8](data))
                for violation in violations { print("\(path): broken invariant: \(violation)") }
                if !violations.isEmpty { failed += 1 }
                ServeFuzzTargets.requestHead([UInt8](data))
                count += 1
            }
        }
        if failed > 0 {
            print("replayed \(count) inputs: \(failed) broke an invariant")
            exit(1)
        }
        print("replayed \(count) inputs without a crash or a broken invariant")
    }
}
#endif
