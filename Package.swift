// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "crisisplan",
    products: [
        .library(name: "CrisisPlan", targets: ["CrisisPlan"]),
        .executable(name: "crisisplan", targets: ["crisisplan"]),
        .executable(name: "crisisplan-bench", targets: ["crisisplan-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "CICUSkeleton",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),
        .target(
            name: "CrisisPlan",
            dependencies: ["CLibYAML", "CICUSkeleton"]
        ),
        .executableTarget(
            name: "crisisplan",
            dependencies: [
                "CrisisPlan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "crisisplan-bench",
            dependencies: ["CrisisPlan"],
            path: "Benchmarks/crisisplan-bench"
        ),
        .testTarget(
            name: "CrisisPlanTests",
            dependencies: [
                "CrisisPlan",
                "crisisplan",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
