// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Conduit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "conduit", targets: ["conduit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // The domain rules: Foundation (and swift-crypto for TOTP) only.
        .target(
            name: "ConduitCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Resources/common-passwords.README.md"],
            resources: [.copy("Resources/common-passwords.txt"), .copy("Resources/forms")]
        ),
        // The Vapor application, one folder per part of the product.
        .target(
            name: "ConduitServer",
            dependencies: [
                "ConduitCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
                // Form definitions may be written in YAML, which people edit more easily than JSON.
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/conduit.css"), .copy("Resources/exit-this-page.js"), .copy("Resources/library")]
        ),
        // The executable: entrypoint and commands only.
        .executableTarget(
            name: "conduit",
            dependencies: ["ConduitServer"]
        ),
        .testTarget(
            name: "ConduitCoreTests",
            dependencies: ["ConduitCore"]
        ),
        .testTarget(
            name: "ConduitServerTests",
            dependencies: [
                "ConduitServer",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            // The page snapshots are read from the source tree by path, not bundled.
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
