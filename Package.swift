// swift-tools-version:6.1
import PackageDescription

/// The trading API server. `openapi.yaml` is the single source of truth: the
/// CodegenPlugin turns it into the `Generated` target at build time.
let package = Package(
    name: "trading-server",
    products: [
        .executable(name: "trading-server", targets: ["TradingServer"]),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // epoll and eventfd headers of glibc, which the Glibc module leaves out.
        .systemLibrary(name: "CLinux"),

        // The generator: YAML → OpenAPI model → Swift and TypeScript.
        .target(name: "CodegenCore", dependencies: ["CYAML"]),
        .executableTarget(name: "Codegen", dependencies: ["CodegenCore"]),
        .plugin(name: "CodegenPlugin", capability: .buildTool(), dependencies: [.target(name: "Codegen")]),

        // The product.
        .target(name: "Server", dependencies: ["COpenSSL", "CLinux"]),
        .target(
            name: "Generated", dependencies: ["Server"],
            linkerSettings: [.linkedLibrary("m")], plugins: ["CodegenPlugin"]
        ),
        .target(name: "Backends", dependencies: ["CSQLite", "CPostgres"]),
        .target(name: "Engine", dependencies: ["Backends"]),
        // Passwords, tokens, keys, rate limits and address rules (libcrypto underneath).
        .target(name: "Security", dependencies: ["COpenSSL", "Backends"]),
        .target(name: "Handlers", dependencies: ["Server", "Generated", "Engine", "Backends", "Security"]),
        .executableTarget(
            name: "TradingServer",
            dependencies: ["Server", "Generated", "Backends", "Engine", "Handlers", "Security"]
        ),

        // Load generators and canned servers for the benchmarks in bench/.
        .executableTarget(
            name: "ServerBench", dependencies: ["CLinux", "Server", "Generated", "Handlers", "Backends"], path: "bench/ServerBench"
        ),

        .testTarget(
            name: "CodegenTests",
            dependencies: ["CodegenCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated"]),
        .testTarget(name: "ServerTests", dependencies: ["Server"]),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers", "Generated", "Security", "Backends", "Server"]),
        .testTarget(name: "BackendTests", dependencies: ["Backends"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security"]),
        .testTarget(name: "TradingServerTests", dependencies: ["TradingServer"]),
        // Every operation and message of the live server against openapi.yaml, on both backends;
        // black-box: it starts .build/debug/trading-server and links none of the server's targets.
        .testTarget(name: "ContractTests", dependencies: ["CodegenCore"], path: "Tests/Contract", exclude: ["not-implemented.txt"]),
    ],
    swiftLanguageModes: [.v6]
)
