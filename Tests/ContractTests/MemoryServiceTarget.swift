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
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

/// The implementations of `MemoryService` the conformance suite runs against, each with auth (for the JWKS and the
/// users), the memory service and, for the last, the gateway running for real on the test Redis and Postgres.
enum MemoryServiceTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `MemoryCore`, called directly.
    case inProcess
    /// `DevMentorClient` over real HTTP to a running memory service.
    case httpClient
    /// `DevMentorClient` over real HTTP to a running gateway in front of a running memory service.
    case httpThroughGateway

    var testDescription: String { rawValue }

    /// Runs `body` with the service and a way to sign users in. The memory service gets a Postgres schema of its own,
    /// dropped afterwards.
    func withService(_ body: @escaping @Sendable (any MemoryService, MemoryUsers) async throws -> Void) async throws {
        let schema = "memory_contract_" + UUID().uuidString.prefix(8).lowercased()
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("memory-contract-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let users = MemoryUsers(auth: auth.core)
        do {
            try await auth.app.test(.live) { authClient in
                let authPort = try #require(authClient.port)
                let settings = MemorySettings(
                    service: TestEnvironment.serviceSettings(name: "memory"),
                    authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
                    schema: schema, invalidationChannel: "memory:invalidations:test:\(UUID().uuidString.lowercased())"
                )
                let memory = try MemoryApplication.build(settings: settings, logger: TestEnvironment.logger("memory"))
                let core = memory.core
                try await memory.app.test(.live) { memoryClient in
                    let memoryPort = try #require(memoryClient.port)
                    await core.feed.waitUntilSubscribed()
                    switch self {
                    case .inProcess:
                        try await body(core, users)
                    case .httpClient:
                        try await body(DevMentorClient(baseURL: "http://127.0.0.1:\(memoryPort)"), users)
                    case .httpThroughGateway:
                        try await TestGateway.run(authPort: authPort, service: .memory, port: memoryPort) { gatewayURL in
                            try await body(DevMentorClient(baseURL: gatewayURL), users)
                        }
                    }
                }
            }
        } catch {
            try? await Self.dropSchema(schema)
            throw error
        }
        try await Self.dropSchema(schema)
    }

    static func dropSchema(_ schema: String) async throws {
        var quiet = Logger(label: "memory-contract.postgres")
        quiet.logLevel = .error
        let client = try PostgresClient(url: TestEnvironment.databaseURL, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            _ = try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: quiet)
        }
    }
}

/// Registers and logs in users on the fixture's auth service; the caller carries the access token, so it works
/// in process and over HTTP alike.
struct MemoryUsers: Sendable {
    let auth: AuthCore

    func signIn(_ tag: String = "user") async throws -> Caller {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        return try await auth.authenticate(LoginRequest(email: user.email, password: password)).caller
    }
}
