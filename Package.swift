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
        .systemLibrary(name: "CPostgres"),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // epoll and eventfd headers of glibc, which the Glibc module leaves out.
        .systemLibrary(name: "CLinux"),

        // The small shared vocabulary: JSON, Base64/hex, time, calendar days, exact decimals.
        .target(name: "Primitives"),

        // The generator: YAML → OpenAPI model → Swift and TypeScript.
        .target(name: "CodegenCore", dependencies: ["CYAML", "Primitives"]),
        .executableTarget(name: "Codegen", dependencies: ["CodegenCore"]),
        .plugin(name: "CodegenPlugin", capability: .buildTool(), dependencies: [.target(name: "Codegen")]),

        // The product, bottom to top (ARCHITECTURE.md "Targets"): nothing imports upward.
        .target(
            name: "Server", dependencies: ["Primitives", "COpenSSL", "CLinux"],
            // The transport's loops mutate their connections' buffers per request and per
            // delivered message; release builds skip the runtime exclusivity checks of those
            // accesses (a twentieth of a loop's time in a fan-out). Debug builds, which every
            // test runs, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "APIRuntime", dependencies: ["Primitives"]),
        .target(
            name: "Generated", dependencies: ["APIRuntime", "Primitives"],
            linkerSettings: [.linkedLibrary("m")], plugins: ["CodegenPlugin"]
        ),
        .target(name: "Backends", dependencies: ["Primitives", "CSQLite", "CPostgres"]),
        // Passwords, tokens, keys, rate limits and address rules (libcrypto underneath).
        .target(name: "Security", dependencies: ["Primitives", "COpenSSL"]),
        // Users, API keys, refresh-token rotation, the identity cache and the audit log.
        .target(name: "Accounts", dependencies: ["Primitives", "Security", "Backends"]),
        .target(name: "Engine", dependencies: ["Primitives", "Backends"]),
        // Clients of outside services over HTTP (market data providers, Telegram): our own
        // HTTP/1.1 client over sockets and libssl (no FoundationNetworking, so no libcurl).
        .target(name: "Connectors", dependencies: ["Primitives", "Engine", "Backends", "COpenSSL"]),
        .target(name: "Handlers", dependencies: ["Primitives", "APIRuntime", "Generated", "Engine", "Accounts", "Security", "Backends"]),
        // HTTP and WebSocket glue between the transport and the handlers.
        .target(
            name: "Gateway",
            dependencies: ["Primitives", "Server", "APIRuntime", "Generated", "Handlers", "Accounts", "Security", "Backends", "Engine"]
        ),
        .executableTarget(
            name: "TradingServer",
            dependencies: [
                "CLinux", "Primitives", "Server", "APIRuntime", "Generated", "Backends", "Security", "Accounts", "Engine", "Handlers", "Gateway", "Connectors",
            ]
        ),

        // Load generators and canned servers for the benchmarks in bench/.
        .executableTarget(
            name: "ServerBench",
            dependencies: ["CLinux", "Primitives", "Server", "APIRuntime", "Generated", "Gateway", "Backends", "Engine"],
            path: "bench/ServerBench"
        ),

        // One test target per target, named after it, plus the contract suite.
        .testTarget(name: "PrimitivesTests", dependencies: ["Primitives"]),
        .testTarget(
            name: "CodegenCoreTests",
            dependencies: ["CodegenCore"],
            resources: [.copy("Fixtures")]
        ),
        // Test helpers shared by the Server and Gateway tests.
        .target(name: "ServerTestSupport", dependencies: ["Server"], path: "Tests/ServerTestSupport"),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Primitives", "ServerTestSupport", "HTTPStub"]),
        .testTarget(name: "APIRuntimeTests", dependencies: ["APIRuntime", "Primitives", "Generated"]),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated", "APIRuntime", "Primitives"]),
        .testTarget(name: "BackendsTests", dependencies: ["Backends", "Primitives"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security", "Primitives"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Primitives", "Backends"]),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers", "APIRuntime", "Generated", "Accounts", "Security", "Backends"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Security", "Backends", "Primitives"]),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "Handlers", "Server", "APIRuntime", "Generated", "Accounts", "Security", "Backends", "Primitives", "Engine",
                           "ServerTestSupport"]
        ),
        .testTarget(name: "TradingServerTests", dependencies: ["TradingServer"]),
        // A local HTTP server that plays outside services in tests.
        .target(name: "HTTPStub", path: "Tests/HTTPStub"),
        .testTarget(name: "ConnectorsTests", dependencies: ["Connectors", "HTTPStub", "Primitives", "Engine", "Backends"]),
        // Every operation and message of the live server against openapi.yaml, on both backends;
        // black-box: it starts .build/debug/trading-server and links none of the server's targets.
        // HTTPStub plays the market data provider and Telegram.
        .testTarget(name: "ContractTests", dependencies: ["CodegenCore", "Primitives", "HTTPStub"], path: "Tests/Contract", exclude: ["not-implemented.txt"]),
    ],
    swiftLanguageModes: [.v6]
)
