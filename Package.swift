// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
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
        // Syntax highlighting at build time: a C interface over GNU Source-highlight
        // (Debian: libsource-highlight-dev, which brings boost-regex), written in C++.
        .target(
            name: "CHighlight",
            linkerSettings: [.linkedLibrary("source-highlight"), .linkedLibrary("boost_regex")]
        ),
        // Helpers with no knowledge of sites: parallel map, hashing, byte scans, path
        // safety, "did you mean", stage timing. Tested on their own.
        .target(name: "SitegenSupport"),
        // The content model: plain values (site, articles, skills, salaries, diagnostics,
        // output files). No I/O, no caches.
        .target(name: "SitegenModel", dependencies: ["SitegenSupport"]),
        // Writes templates/ as Swift for `sitegen new site` (DefaultTheme), at build time.
        .executableTarget(name: "sitegen-embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["sitegen-embed-theme"]),
        // The build: one folder per stage (Load, Resolve, Render, Check, Write), the
        // pipeline that runs them in order, and the caches that let a rebuild skip work.
        .target(
            name: "SitegenBuild",
            dependencies: [
                "SitegenModel",
                "SitegenSupport",
                "Ccmark",
                "CFileSwap",
                "CHighlight",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTheme"]
        ),
        // `sitegen serve`: the preview server (FlyingFox), the file watcher and the guard
        // in front of FlyingFox that enforces the request limits it has no settings for.
        .target(
            name: "SitegenServe",
            dependencies: [
                "SitegenBuild",
                "SitegenModel",
                "SitegenSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenBuild",
                "SitegenModel",
                "SitegenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing harness: a libFuzzer target when built by Benchmarks/fuzz.sh, otherwise a
        // replayer for saved inputs.
        .executableTarget(
            name: "sitegen-fuzz",
            dependencies: ["SitegenBuild", "SitegenModel", "SitegenServe"]
        ),
        // Times serve-style incremental rebuilds in process (Benchmarks/bench.py).
        .executableTarget(
            name: "sitegen-bench",
            dependencies: ["SitegenBuild", "SitegenModel", "SitegenServe"]
        ),
        // Fixture sites, scratch copies and the `sitegen` executable, for both test targets.
        .target(
            name: "SitegenTestSupport",
            dependencies: ["SitegenBuild", "SitegenModel"],
            path: "Tests/SitegenTestSupport"
        ),
        .testTarget(
            name: "SitegenSupportTests",
            dependencies: ["SitegenSupport"]
        ),
        .testTarget(
            name: "SitegenBuildTests",
            dependencies: ["SitegenBuild", "SitegenModel", "SitegenSupport", "SitegenTestSupport",
                           .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures", "SearchHarness"]
        ),
        .testTarget(
            name: "SitegenServeTests",
            dependencies: ["SitegenServe", "SitegenBuild", "SitegenModel", "SitegenTestSupport",
                           .product(name: "FlyingFox", package: "FlyingFox")]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
