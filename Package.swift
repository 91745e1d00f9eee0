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
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
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
        // `sitegen serve`: the preview server (FlyingFox), the file watcher and the guard
        // in front of FlyingFox that enforces the request limits it has no settings for.
        .target(
            name: "SitegenServe",
            dependencies: [
                "SitegenKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                "SitegenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing harness: a libFuzzer target when built by Benchmarks/fuzz.sh, otherwise a
        // replayer for saved inputs.
        .executableTarget(
            name: "sitegen-fuzz",
            dependencies: ["SitegenKit", "SitegenServe"]
        ),
        // Times serve-style incremental rebuilds in process (Benchmarks/bench.py).
        .executableTarget(
            name: "sitegen-bench",
            dependencies: ["SitegenKit", "SitegenServe"]
        ),
        .testTarget(
            name: "SitegenKitTests",
            dependencies: ["SitegenKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SitegenServeTests",
            dependencies: ["SitegenServe", "SitegenKit"]
        ),
    ]
)
