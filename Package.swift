// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenKit", targets: ["SitegenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Atomic folder swap (renameat2), which Swift's Glibc module does not expose.
        .target(name: "CFileSwap"),
        .target(
            name: "SitegenKit",
            dependencies: [
                "Ccmark",
                "CFileSwap",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing harness: a libFuzzer target when built by Benchmarks/fuzz.sh, otherwise a
        // replayer for saved inputs.
        .executableTarget(
            name: "sitegen-fuzz",
            dependencies: ["SitegenKit"]
        ),
        // Times serve-style incremental rebuilds in process (Benchmarks/bench.py).
        .executableTarget(
            name: "sitegen-bench",
            dependencies: ["SitegenKit"]
        ),
        .testTarget(
            name: "SitegenKitTests",
            dependencies: ["SitegenKit"],
            exclude: ["Fixtures"]
        ),
    ]
)
