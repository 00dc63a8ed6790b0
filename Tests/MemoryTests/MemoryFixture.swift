import AsyncHTTPClient
import Auth
import Contracts
import Coordination
import DevMentorClient
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import Memory
import NIOCore
import PostgresNIO
import ServiceKit
import Testing
import TestSupport

/// A real auth service, one or more real memory services (replicas sharing one Redis and one Postgres schema, the
/// schema this fixture's own and dropped afterwards) and a real gateway in front of the first, each on a free port.
struct MemoryFixture: Sendable {
    let auth: AuthCore
    /// The replicas' cores, in order; `memory[0]` is behind the gateway.
    let memory: [MemoryCore]
    let memoryURLs: [String]
    let gatewayURL: String
    let schema: String

    static func run(
        replicas: Int = 1,
        schema: String? = nil,
        maxVectorsPerUser: Int = MemoryRules.defaultMaxVectorsPerUser,
        hotCacheTTL: Duration = .seconds(30),
        dropSchema: Bool = true,
        _ body: @escaping @Sendable (MemoryFixture) async throws -> Void
    ) async throws {
        let schema = schema ?? Self.newSchema()
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("memory-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let authCore = auth.core
        do {
            try await auth.app.test(.live) { authClient in
                let authPort = try #require(authClient.port)
                let settings = MemorySettings(
                    service: TestEnvironment.serviceSettings(name: "memory"),
                    authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
                    schema: schema, maxVectorsPerUser: maxVectorsPerUser, hotCacheTTL: hotCacheTTL,
                    invalidationChannel: "memory:invalidations:test:\(UUID().uuidString.lowercased())"
                )
                try await Self.live(replicas, settings: settings, cores: [], ports: []) { cores, ports in
                    for core in cores { await core.feed.waitUntilSubscribed() }
                    try await TestGateway.run(authPort: authPort, service: .memory, port: ports[0]) { gatewayURL in
                        try await body(MemoryFixture(
                            auth: authCore, memory: cores, memoryURLs: ports.map { "http://127.0.0.1:\($0)" },
                            gatewayURL: gatewayURL, schema: schema
                        ))
                    }
                }
            }
        } catch {
            if dropSchema { try? await TestDatabase.dropSchema(schema) }
            throw error
        }
        if dropSchema { try await TestDatabase.dropSchema(schema) }
    }

    static func newSchema() -> String { "memory_test_" + UUID().uuidString.prefix(8).lowercased() }

    /// Builds and runs `count` replicas live, nested, and hands over their cores and ports.
    private static func live(
        _ count: Int, settings: MemorySettings, cores: [MemoryCore], ports: [Int],
        _ body: @escaping @Sendable ([MemoryCore], [Int]) async throws -> Void
    ) async throws {
        guard count > 0 else { return try await body(cores, ports) }
        let memory = try MemoryApplication.build(settings: settings, logger: TestEnvironment.logger("memory"))
        let core = memory.core
        try await memory.app.test(.live) { client in
            let port = try #require(client.port)
            try await live(count - 1, settings: settings, cores: cores + [core], ports: ports + [port], body)
        }
    }

    // MARK: Users

    func signIn(_ tag: String = "user") async throws -> TestUser {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        let token = try await auth.authenticate(LoginRequest(email: user.email, password: password))
        return TestUser(id: user.id, token: token.accessToken, caller: token.caller)
    }

    var throughGateway: DevMentorClient { DevMentorClient(baseURL: gatewayURL) }
    func direct(_ replica: Int = 0) -> DevMentorClient { DevMentorClient(baseURL: memoryURLs[replica]) }

    /// A raw request (through the gateway unless `baseURL` says otherwise): status, headers, body text.
    func send(
        _ method: String, _ path: String, as user: TestUser? = nil, body: String? = nil, via baseURL: String? = nil
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: (baseURL ?? gatewayURL) + path)
        request.method = .init(rawValue: method)
        if let user { request.headers.add(name: "Authorization", value: "Bearer \(user.token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let text = String(buffer: try await response.body.collect(upTo: 4 << 20))
        return RawResponse(status: Int(response.status.code), body: text)
    }
}

/// Runs `body`, expecting an AppError with `code`; returns it for further checks.
