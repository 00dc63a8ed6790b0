import Auth
import Contracts
import Coordination
import DevMentorClient
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Learning
import PostgresNIO
import Redis
import ServiceKit
import TestSupport
import Testing

/// The implementations of `LearningService` the conformance suite runs against, each with auth and learning
/// running for real (a schema and consumer group of the test's own) and, for the last, the gateway in front.
enum LearningServiceTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `LearningCore`, called directly.
    case inProcess
    /// `DevMentorClient` over real HTTP to the learning service.
    case httpClient
    /// `DevMentorClient` over real HTTP to the gateway in front of the learning service.
    case httpThroughGateway

    var testDescription: String { rawValue }

    /// Runs `body` with the service, the curriculum and a way to sign users in.
    func withService(
        _ body: @escaping @Sendable (any LearningService, Curriculum, @escaping @Sendable (String) async throws -> Caller) async throws -> Void
    ) async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "learning_contract_" + suffix
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("contract-learning-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let authCore = auth.core
        let signIn: @Sendable (String) async throws -> Caller = { tag in
            let password = "pass-\(UUID().uuidString.prefix(6))"
            let user = try await authCore.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
            return try await authCore.authenticate(LoginRequest(email: user.email, password: password)).caller
        }
        do {
            try await run(auth: auth.app, schema: schema, signIn: signIn, body)
        } catch {
            try? await Self.dropSchema(schema)
            throw error
        }
        try await Self.dropSchema(schema)
    }

    private func run(
        auth: some ApplicationProtocol, schema: String, signIn: @escaping @Sendable (String) async throws -> Caller,
        _ body: @escaping @Sendable (any LearningService, Curriculum, @escaping @Sendable (String) async throws -> Caller) async throws -> Void
    ) async throws {
        try await auth.test(.live) { authClient in
            let authPort = try #require(authClient.port)
            let settings = LearningSettings(
                service: TestEnvironment.serviceSettings(name: "learning"),
                authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
                schema: schema, consumerGroup: schema, consumerName: schema
            )
            let learning = try LearningApplication.build(settings: settings, logger: TestEnvironment.logger("learning"))
            let core = learning.core
            try await learning.app.test(.live) { learningClient in
                let learningPort = try #require(learningClient.port)
                switch self {
                case .inProcess:
                    try await body(core, core.curriculum, signIn)
                case .httpClient:
                    try await body(DevMentorClient(baseURL: "http://127.0.0.1:\(learningPort)"), core.curriculum, signIn)
                case .httpThroughGateway:
                    try await TestGateway.run(authPort: authPort, service: .learning, port: learningPort) { gatewayURL in
                        try await body(DevMentorClient(baseURL: gatewayURL), core.curriculum, signIn)
                    }
                }
            }
        }
    }

    private static func dropSchema(_ schema: String) async throws {
        var quiet = TestEnvironment.logger("contract-tests.postgres")
        quiet.logLevel = .error
        let client = try PostgresClient(url: TestEnvironment.databaseURL, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            _ = try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: quiet)
            try await TestRedisGroups.destroy(schema)
        }
    }
}

/// Removes a test's consumer group from the streams the learning service reads.
enum TestRedisGroups {
    static func destroy(_ group: String) async throws {
        var quiet = TestEnvironment.logger("contract-tests.redis")
        quiet.logLevel = .critical
        let redis = RedisClient(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: quiet)
        for source in [ServiceName.ai, ServiceName.projects] {
            _ = try? await redis.send("XGROUP", ["DESTROY", .string(EventStream.name(source: source.rawValue)), .string(group)])
        }
        await redis.shutdown()
    }
}
