import Contracts
import Coordination
import Foundation
import Logging
import PostgresNIO
import Redis
import TestSupport

/// Fixtures of the event bus and outbox tests. Every test uses its own source (so its own streams), group
/// names and Postgres schema, so the suites run in parallel against the shared servers.
enum EventTestSupport {
    static let logger = TestEnvironment.logger("coordination-events")

    /// The Redis client's own logger stays quiet: some tests stop the server on purpose.
    static func makeRedis(url: String = TestEnvironment.redisURL) throws -> RedisClient {
        var quiet = Logger(label: "coordination-events.redis")
        quiet.logLevel = .critical
        return RedisClient(configuration: try RedisConfiguration(url: url), logger: quiet)
    }

    static func withRedis<T>(url: String = TestEnvironment.redisURL, _ body: (RedisClient) async throws -> T) async throws -> T {
        let redis = try makeRedis(url: url)
        do {
            let result = try await body(redis)
            await redis.shutdown()
            return result
        } catch {
            await redis.shutdown()
            throw error
        }
    }

    /// A source no other test uses, with its streams deleted after `body`.
    static func withSource<T>(_ redis: RedisClient, _ body: (String) async throws -> T) async throws -> T {
        let source = "test-\(UUID().uuidString.lowercased())"
        let cleanUp = {
            _ = try? await redis.del([EventStream.name(source: source), EventStream.deadLetterName(source: source)])
        }
        do {
            let result = try await body(source)
            await cleanUp()
            return result
        } catch {
            await cleanUp()
            throw error
        }
    }

    static func event(source: String, subject: String = "subject", number: Int = 0) -> EventEnvelope {
        EventEnvelope(
            type: "test.happened",
            source: source,
            occurredAt: EventEnvelope.now(),
            subject: subject,
            actorId: nil,
            data: .object(["number": .number(Double(number))])
        )
    }

    /// Timings scaled down so retries and take-overs happen within a test's patience.
    static func configuration(
        group: String,
        consumer: String,
        source: String,
        maxDeliveries: Int = 5,
        concurrency: Int = 1
    ) -> EventConsumerConfiguration {
        EventConsumerConfiguration(
            group: group,
            consumer: consumer,
            sources: [source],
            block: .milliseconds(200),
            reclaimAfter: .milliseconds(500),
            reclaimInterval: .milliseconds(100),
            maxDeliveries: maxDeliveries,
            processedTTL: .seconds(120),
            concurrency: concurrency
        )
    }

    /// Runs the consumers (after creating their groups, so events published by `body` are seen) while
    /// `body` runs, then cancels them.
    static func withRunning<T>(_ services: [EventConsumer], _ body: () async throws -> T) async throws -> T {
        for consumer in services {
            try await consumer.createGroups()
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for consumer in services {
                group.addTask { try await consumer.run() }
            }
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    /// Polls `condition` until it holds; fails the test after `timeout` (generous: a bound, not a timing).
    static func waitUntil(
        _ what: String,
        timeout: Duration = .seconds(30),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw EventTestFailure("timed out waiting until \(what)")
    }

    /// The group's pending-entries count (XPENDING summary form).
    static func pendingCount(_ redis: RedisClient, stream: String, group: String) async throws -> Int {
        Int(try await redis.send("XPENDING", [.string(stream), .string(group)]).array?.first?.int ?? -1)
    }

    /// Each pending entry of the group: id, owner, idle milliseconds, delivery count.
    static func pendingEntries(_ redis: RedisClient, stream: String, group: String) async throws -> [(id: String, consumer: String, idle: Int, deliveries: Int)] {
        let reply = try await redis.send("XPENDING", [.string(stream), .string(group), "-", "+", 1000])
        return (reply.array ?? []).compactMap { row in
            guard let fields = row.array, fields.count == 4, let id = fields[0].string, let consumer = fields[1].string,
                  let idle = fields[2].int, let deliveries = fields[3].int
            else { return nil }
            return (id, consumer, Int(idle), Int(deliveries))
        }
    }

    /// The entries of a stream as field maps, oldest first.
    static func entries(_ redis: RedisClient, stream: String) async throws -> [(id: String, fields: [String: String])] {
        let reply = try await redis.send("XRANGE", [.string(stream), "-", "+"])
        return (reply.array ?? []).compactMap { entry in
            guard let pair = entry.array, pair.count == 2, let id = pair[0].string, let flat = pair[1].array else { return nil }
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                if let key = flat[index].string, let value = flat[index + 1].string { fields[key] = value }
            }
            return (id, fields)
        }
    }

    /// XINFO GROUPS' view of one group: `last-delivered-id`, `pending`, `lag`….
    static func groupInfo(_ redis: RedisClient, stream: String, group: String) async throws -> [String: RESPValue] {
        let reply = try await redis.send("XINFO", ["GROUPS", .string(stream)])
        for element in reply.array ?? [] {
            let flat = element.array ?? []
            var fields: [String: RESPValue] = [:]
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                if let key = flat[index].string { fields[key] = flat[index + 1] }
            }
            if fields["name"]?.string == group { return fields }
        }
        return [:]
    }

    // MARK: - Postgres

    /// A pooled client for `TestEnvironment.databaseURL`, built here rather than by ServiceKit, which the
    /// Coordination module (and so this fixture) stays independent of.
    static func makePostgres() -> PostgresClient {
        let url = TestEnvironment.databaseURL
        let configuration = PostgresClient.Configuration(
            host: url.host ?? "127.0.0.1",
            port: url.port ?? 5432,
            username: url.user ?? "postgres",
            password: url.password,
            database: url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")),
            tls: .disable
        )
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// A running Postgres client and a fresh schema holding the outbox table, dropped afterwards.
    static func withOutboxSchema<T>(_ body: (PostgresClient, String) async throws -> T) async throws -> T {
        let postgres = makePostgres()
        let schema = "test_outbox_" + UUID().uuidString.prefix(8).lowercased()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await postgres.run() }
            defer { group.cancelAll() }
            try await postgres.withTransaction(logger: logger) { connection in
                try await connection.query("CREATE SCHEMA \(unescaped: schema)", logger: logger)
                try await Outbox.createTable(on: connection, schema: schema, logger: logger)
            }
            do {
                let result = try await body(postgres, schema)
                try await postgres.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: logger)
                return result
            } catch {
                _ = try? await postgres.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: logger)
                throw error
            }
        }
    }
}
