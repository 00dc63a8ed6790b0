import AsyncHTTPClient
import Auth
import Contracts
import Coordination
import DevMentorClient
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Learning
import Logging
import NIOCore
import PostgresNIO
import Redis
import Resilience
import ServiceKit
import Testing
import TestSupport

/// A real auth service, a real learning service and a real gateway in front of both, each on a free port over real
/// sockets, with the test Redis and Postgres. The learning service gets a Postgres schema and a consumer group of
/// its own (both removed afterwards), so it applies exactly the events its test publishes and tests run in
/// parallel: an event published by another test reaches this group too, but names users this test never reads.
struct LearningFixture: Sendable {
    let auth: AuthCore
    let core: LearningCore
    let consumer: EventConsumer
    let learningURL: String
    let gatewayURL: String
    let authPort: Int
    let schema: String
    let group: String
    let clock: ManualClock?

    /// - Parameter clock: a manual clock for the service (review due dates); nil for the system clock.
    static func run(
        clock: ManualClock? = nil,
        mailboxCapacity: Int = 64,
        _ body: @escaping @Sendable (LearningFixture) async throws -> Void
    ) async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "learning_test_" + suffix
        let group = "learning_test_" + suffix
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("learning-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let authCore = auth.core
        do {
            try await auth.app.test(.live) { authClient in
                let authPort = try #require(authClient.port)
                let settings = Self.settings(authPort: authPort, schema: schema, group: group, mailboxCapacity: mailboxCapacity)
                let learning = try LearningApplication.build(
                    settings: settings, logger: TestEnvironment.logger("learning"), clock: clock ?? SystemResilienceClock()
                )
                let core = learning.core
                let consumer = learning.consumer
                try await learning.app.test(.live) { learningClient in
                    let learningPort = try #require(learningClient.port)
                    try await TestGateway.run(authPort: authPort, service: .learning, port: learningPort) { gatewayURL in
                        try await body(LearningFixture(
                            auth: authCore, core: core, consumer: consumer, learningURL: "http://127.0.0.1:\(learningPort)",
                            gatewayURL: gatewayURL, authPort: authPort, schema: schema, group: group, clock: clock
                        ))
                    }
                }
            }
        } catch {
            try? await cleanUp(schema: schema, group: group)
            throw error
        }
        try await cleanUp(schema: schema, group: group)
    }

    /// The learning settings of a test: its own schema and group, short reclaim and few deliveries so retries and
    /// dead letters happen within a test's time.
    static func settings(authPort: Int, schema: String, group: String, mailboxCapacity: Int = 64, consumerName: String? = nil) -> LearningSettings {
        LearningSettings(
            service: TestEnvironment.serviceSettings(name: "learning"),
            authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
            schema: schema,
            mailboxCapacity: mailboxCapacity,
            consumerGroup: group,
            consumerName: consumerName ?? "test-\(UUID().uuidString.prefix(8).lowercased())",
            eventConcurrency: 4,
            eventMaxDeliveries: 3,
            eventReclaimAfter: .seconds(3),
            outboxPollInterval: .milliseconds(50)
        )
    }

    static func cleanUp(schema: String, group: String) async throws {
        try await TestDatabase.dropSchema(schema)
        try await TestRedis.with { redis in
            for source in [ServiceName.ai, ServiceName.projects] {
                _ = try? await redis.send("XGROUP", ["DESTROY", .string(EventStream.name(source: source.rawValue)), .string(group)])
            }
        }
    }

    // MARK: Users

    /// A registered, logged-in user and the caller its token stands for.
    func signIn(_ tag: String = "learner") async throws -> TestUser {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        let token = try await auth.authenticate(LoginRequest(email: user.email, password: password))
        return TestUser(id: user.id, token: token.accessToken, caller: token.caller)
    }

    // MARK: Clients

    var throughGateway: DevMentorClient { DevMentorClient(baseURL: gatewayURL) }
    var direct: DevMentorClient { DevMentorClient(baseURL: learningURL) }
    var curriculum: Curriculum { core.curriculum }

    /// Sends a raw request through the gateway (or to `baseURL`); returns status, headers and body text.
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
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: text)
    }

    // MARK: Events

    /// Publishes envelopes on their streams (`events:<source>`), as the other services do; their entry ids, in order.
    @discardableResult
    func publish(_ events: [EventEnvelope]) async throws -> [String] {
        try await TestRedis.with { redis in
            try await EventPublisher(redis: redis, logger: TestEnvironment.logger("learning-tests.publisher")).publish(events)
        }
    }

    /// Whether this fixture's group has read entry `id` of `events:<source>` and acknowledged it.
    func isAcknowledged(_ id: String, source: ServiceName) async throws -> Bool {
        let group = self.group
        return try await TestRedis.with { redis in
            let stream = EventStream.name(source: source.rawValue)
            let groups = try await redis.send("XINFO", ["GROUPS", .string(stream)])
            var lastDelivered: String?
            for entry in groups.array ?? [] {
                let fields = entry.array ?? []
                var map: [String: RESPValue] = [:]
                for index in stride(from: 0, to: fields.count - 1, by: 2) {
                    if let name = fields[index].string { map[name] = fields[index + 1] }
                }
                if map["name"]?.string == group { lastDelivered = map["last-delivered-id"]?.string }
            }
            guard let lastDelivered, !Self.streamID(lastDelivered).lexicographicallyPrecedes(Self.streamID(id)) else { return false }
            let pending = try await redis.send("XPENDING", [.string(stream), .string(group), .string(id), .string(id), "1"])
            return pending.array?.isEmpty ?? false
        }
    }

    /// A stream entry id (`<ms>-<seq>`) as numbers that order (lexicographically) like the stream.
    private static func streamID(_ id: String) -> [Int] {
        id.split(separator: "-").map { Int($0) ?? 0 }
    }

    /// Publishes raw stream fields (for entries no producer would write).
    func publishRaw(source: ServiceName, fields: [(String, String)]) async throws {
        try await TestRedis.with { redis in
            var arguments: [RedisArgument] = [.string(EventStream.name(source: source.rawValue)), "*"]
            for (name, value) in fields { arguments += [.string(name), .string(value)] }
            _ = try await redis.send("XADD", arguments)
        }
    }

    /// The envelopes on `events:learning` whose actor is `user`, oldest first.
    func learningEvents(of user: UUID) async throws -> [EventEnvelope] {
        try await TestRedis.with { redis in
            let reply = try await redis.send("XRANGE", [.string(EventStream.name(source: ServiceName.learning.rawValue)), "-", "+"])
            let decoder = JSONCoding.makeDecoder()
            var events: [EventEnvelope] = []
            for entry in reply.array ?? [] {
                guard let fields = entry.array?.last?.array else { continue }
                for index in stride(from: 0, to: fields.count - 1, by: 2) where fields[index].string == "envelope" {
                    if let bytes = fields[index + 1].bytes, let event = try? decoder.decode(EventEnvelope.self, from: Data(bytes)),
                       event.actorId == user {
                        events.append(event)
                    }
                }
            }
            return events
        }
    }

    /// The entries of `events:<source>:dead` written by this fixture's group.
    func deadLetters(source: ServiceName) async throws -> [[String: String]] {
        let group = self.group
        return try await TestRedis.with { redis in
            let reply = try await redis.send("XRANGE", [.string(EventStream.deadLetterName(source: source.rawValue)), "-", "+"])
            var result: [[String: String]] = []
            for entry in reply.array ?? [] {
                guard let fields = entry.array?.last?.array else { continue }
                var map: [String: String] = [:]
                for index in stride(from: 0, to: fields.count - 1, by: 2) {
                    if let name = fields[index].string, let bytes = fields[index + 1].bytes {
                        map[name] = String(decoding: bytes, as: UTF8.self)
                    }
                }
                if map["group"] == group { result.append(map) }
            }
            return result
        }
    }

    /// How many of `events` this fixture's service has applied (rows of `applied_events`). Counted by id: the
    /// fixture's consumer group also receives what other tests publish on the shared streams.
    func appliedCount(of events: [EventEnvelope]) async throws -> Int {
        try await Self.appliedCount(of: events.map(\.id), schema: schema)
    }

    static func appliedCount(of ids: [UUID], schema: String) async throws -> Int {
        try await TestDatabase.with { client in
            let rows = try await client.query(
                "SELECT count(*)::int FROM \(unescaped: schema).applied_events WHERE event_id = ANY(\(ids))",
                logger: TestEnvironment.logger("learning-tests.postgres")
            )
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    /// An `ai.analysis_completed` for `user` with these finding counts.
    static func analysis(for user: UUID, counts: [RuleID: Int], occurredAt: Date = EventEnvelope.now()) throws -> EventEnvelope {
        let analysisId = UUID()
        let findings = counts.sorted { $0.key < $1.key }.flatMap { rule, count in
            (0..<count).map { index in
                Finding(agent: "security", type: .warning, severity: .high, message: "\(rule.displayName) #\(index + 1)", line: index + 1, confidence: 0.9, ruleId: rule)
            }
        }
        return try EventEnvelope.make(
            .aiAnalysisCompleted, subject: analysisId.uuidString.lowercased(), actorId: user,
            payload: AnalysisCompletedData(analysisId: analysisId, userId: user, language: "python", summary: "Analysis.", findings: findings),
            occurredAt: occurredAt
        )
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(60), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Runs `body`, expecting an AppError with `code`; returns it for further checks.
