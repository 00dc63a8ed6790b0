// swift-tools-version:6.1
import PackageDescription

// One package, one dependency graph, built once. Targets are laid out by role (see docs/architecture.md):
// executables → service libraries → ServiceKit → Redis → CHiredis; everything → Contracts.

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let postgres = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")
let jwt = Target.Dependency.product(name: "JWTKit", package: "jwt-kit")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let wsClient = Target.Dependency.product(name: "HummingbirdWSClient", package: "hummingbird-websocket")
let webSocket = Target.Dependency.product(name: "HummingbirdWebSocket", package: "hummingbird-websocket")

/// A service: a library (domain, repositories, routes, wiring) that tests import, and a thin executable.
func service(_ name: String, path: String, extra: [Target.Dependency] = [], resources: [Resource]? = nil) -> [Target] {
    [
        .target(
            name: name,
            dependencies: ["Contracts", "ServiceKit", "Redis", hummingbird, logging, postgres] + extra,
            path: "\(path)/\(name)",
            resources: resources
        ),
        .executableTarget(
            name: "\(name)Server",
            dependencies: [.target(name: name), "ServiceKit", argumentParser, hummingbird],
            path: "\(path)/\(name)Server"
        ),
    ]
}

let package = Package(
    name: "DevMentor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gateway", targets: ["GatewayServer"]),
        .executable(name: "auth", targets: ["AuthServer"]),
        .executable(name: "projects", targets: ["ProjectsServer"]),
        .executable(name: "ai-gateway", targets: ["AIGatewayServer"]),
        .executable(name: "learning", targets: ["LearningServer"]),
        .executable(name: "memory", targets: ["MemoryServer"]),
        .executable(name: "devmentor", targets: ["DevMentorCLI"]),
        .executable(name: "devmentor-bench", targets: ["DevMentorBench"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        .library(name: "DevMentorClient", targets: ["DevMentorClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .target(name: "Contracts", path: "Contracts"),
        .systemLibrary(name: "CHiredis", path: "Shared/CHiredis"),
        .systemLibrary(name: "CMalloc", path: "Shared/CMalloc"),
        .target(name: "Redis", dependencies: ["CHiredis", nioCore, nioPosix, logging], path: "Shared/Redis"),
        .target(name: "Resilience", path: "Shared/Resilience"),
        // Static analysis behind the AI gateway's knowledge agents (docs/ai.md, "Static analysis").
        .target(name: "CodeAnalysis", dependencies: ["Contracts"], path: "Shared/CodeAnalysis"),
        .target(
            name: "Coordination",
            dependencies: ["Contracts", "Redis", "Resilience", logging, postgres, lifecycle, .product(name: "Metrics", package: "swift-metrics")],
            path: "Shared/Coordination"
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Contracts", "Redis", "CMalloc", hummingbird, logging, postgres, lifecycle, argumentParser, jwt, nioCore, nioPosix, httpTypes, httpClient,
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Shared/ServiceKit"
        ),
    ]
        + service("Auth", path: "Services/Auth", extra: [
            jwt, .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ])
        + service("Projects", path: "Services/Projects", extra: ["Coordination", httpClient, nioCore, lifecycle])
        + service("AIGateway", path: "Services/AIGateway", extra: [
            "CodeAnalysis", "Coordination", "Resilience", httpClient, nioCore, nioPosix, httpTypes, lifecycle, .product(name: "Metrics", package: "swift-metrics"),
        ])
        // The curriculum ships as a resource of the library and is validated at start (docs/learning.md).
        + service("Learning", path: "Services/Learning", extra: ["Coordination", "Resilience", httpClient, lifecycle], resources: [.copy("Resources/curriculum.json")])
        + service("Memory", path: "Services/Memory", extra: [httpClient, nioCore, lifecycle, .product(name: "Metrics", package: "swift-metrics")])
        + [
            .target(name: "Gateway", dependencies: ["Contracts", "ServiceKit", "Redis", "Coordination", "Resilience", .product(name: "Metrics", package: "swift-metrics"), hummingbird, .product(name: "HummingbirdCore", package: "hummingbird"), httpClient, logging, nioCore, lifecycle, httpTypes, .product(name: "NIOHTTP1", package: "swift-nio"), nioPosix, .product(name: "NIOSSL", package: "swift-nio-ssl"), webSocket, .product(name: "Crypto", package: "swift-crypto")], path: "Gateway/Gateway",
                // The web console (docs/console.md): static files the gateway serves at / from memory.
                resources: [.copy("Resources/console")]),
            .executableTarget(name: "GatewayServer", dependencies: ["Gateway", "ServiceKit", argumentParser, hummingbird], path: "Gateway/GatewayServer"),
            .target(name: "DevMentorClient", dependencies: ["Contracts", httpClient, nioCore], path: "Client/DevMentorClient"),
            .executableTarget(name: "DevMentorCLI", dependencies: ["DevMentorClient", "Contracts", argumentParser], path: "Client/DevMentorCLI"),
            // `make bench`: measures the fleet against its peers (Benchmarks/run.sh, docs/benchmarks.md).
            .executableTarget(name: "DevMentorBench", dependencies: ["Redis", "Coordination", "Contracts", "Memory", "CodeAnalysis", "AIGateway", "ServiceKit", argumentParser, logging, httpClient, nioCore, .product(name: "NIOHTTP1", package: "swift-nio"), wsClient], path: "Benchmarks/DevMentorBench"),

            // Fixtures shared by the test targets: where the test Redis and Postgres are, temporary folders.
            .target(name: "TestSupport", dependencies: ["ServiceKit", "Contracts", "Redis", "Gateway", "Coordination", postgres, logging, hummingbird, hummingbirdTesting, httpClient, nioCore], path: "Tests/TestSupport"),
            .testTarget(name: "ContractsTests", dependencies: ["Contracts"], path: "Tests/ContractsTests"),
            .testTarget(name: "CodeAnalysisTests", dependencies: ["CodeAnalysis", "Contracts"], path: "Tests/CodeAnalysisTests"),
            .testTarget(name: "ResilienceTests", dependencies: ["Resilience"], path: "Tests/ResilienceTests"),
            .testTarget(name: "CoordinationTests", dependencies: ["Coordination", "Redis", "Contracts", "ServiceKit", "TestSupport", postgres, logging, lifecycle], path: "Tests/CoordinationTests"),
            .testTarget(name: "RedisTests", dependencies: ["Redis", "TestSupport", nioCore, nioPosix, logging], path: "Tests/RedisTests"),
            .testTarget(name: "ServiceKitTests", dependencies: ["ServiceKit", "TestSupport", "Contracts", "Redis", hummingbird, hummingbirdTesting, postgres, jwt], path: "Tests/ServiceKitTests"),
            .testTarget(name: "AuthTests", dependencies: ["Auth", "ServiceKit", "TestSupport", "Contracts", "Redis", jwt, hummingbird, hummingbirdTesting, .product(name: "Crypto", package: "swift-crypto")], path: "Tests/AuthTests"),
            .testTarget(name: "GatewayTests", dependencies: ["Gateway", "Coordination", "Redis", "Resilience", "Auth", "ServiceKit", "TestSupport", "Contracts", hummingbird, hummingbirdTesting, httpClient, jwt, logging, nioCore, nioPosix, wsClient], path: "Tests/GatewayTests"),
            .testTarget(name: "ProjectsTests", dependencies: ["Projects", "Auth", "Gateway", "Coordination", "ServiceKit", "TestSupport", "Contracts", "Redis", "DevMentorClient", hummingbird, hummingbirdTesting, httpClient, postgres], path: "Tests/ProjectsTests"),
            .testTarget(name: "MemoryTests", dependencies: ["Memory", "Auth", "Gateway", "Coordination", "ServiceKit", "TestSupport", "Contracts", "Redis", "DevMentorClient", hummingbird, hummingbirdTesting, httpClient, postgres, nioCore], path: "Tests/MemoryTests"),
            // Starts the built executables as processes (make test builds them first).
            .testTarget(name: "FleetTests", dependencies: ["TestSupport", "Contracts", httpClient, nioCore], path: "Tests/FleetTests"),
            // Runs the built `devmentor` executable against a fleet of the built services (make test builds them first).
            .testTarget(name: "CLITests", dependencies: ["TestSupport", "Contracts", "DevMentorClient"], path: "Tests/CLITests"),
            .testTarget(name: "LearningTests", dependencies: ["Learning", "Auth", "Gateway", "Coordination", "Resilience", "ServiceKit", "TestSupport", "Contracts", "Redis", "DevMentorClient", hummingbird, hummingbirdTesting, httpClient, postgres, lifecycle, logging], path: "Tests/LearningTests"),
            .testTarget(name: "AIGatewayTests", dependencies: ["AIGateway", "CodeAnalysis", "Auth", "Gateway", "Coordination", "Resilience", "ServiceKit", "TestSupport", "Contracts", "Redis", "DevMentorClient", hummingbird, hummingbirdTesting, httpClient, nioCore, nioPosix, .product(name: "NIOHTTP1", package: "swift-nio"), logging], path: "Tests/AIGatewayTests"),
            .testTarget(name: "ContractTests", dependencies: ["Auth", "Learning", "Memory", "AIGateway", "ServiceKit", "TestSupport", "Contracts", "DevMentorClient", "Gateway", "Coordination", "Redis", hummingbird, hummingbirdTesting, httpClient, postgres], path: "Tests/ContractTests"),
        ],
    swiftLanguageModes: [.v6]
)
