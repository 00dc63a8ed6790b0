import Contracts
import Coordination
import Foundation
import Logging
import PostgresNIO
import Redis
import Testing
import TestSupport

@Suite("Transactional outbox: same-transaction append, ordered relay, no loss across a Redis outage")
struct OutboxRelayTests {
    struct Abort: Error {}

    private static func append(_ events: [EventEnvelope], postgres: PostgresClient, schema: String) async throws {
        try await postgres.withTransaction(logger: EventTestSupport.logger) { connection in
            try await Outbox.append(events, on: connection, schema: schema, logger: EventTestSupport.logger)
        }
    }

    private static func unsentCount(postgres: PostgresClient, schema: String) async throws -> Int {
        let rows = try await postgres.query("SELECT count(*) FROM \(unescaped: schema).outbox WHERE sent_at IS NULL", logger: EventTestSupport.logger)
        var count = -1
        for try await value in rows.decode(Int.self) { count = value }
        return count
    }

    private static func publishedIDs(_ redis: RedisClient, source: String) async throws -> [String?] {
        try await EventTestSupport.entries(redis, stream: EventStream.name(source: source)).map { $0.fields["id"] }
    }

    @Test func committedRowsArePublishedInOrderAndMarkedSent() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    let events = (0..<6).map { EventTestSupport.event(source: source, number: $0) }
                    for pair in stride(from: 0, to: events.count, by: 2) {
                        try await Self.append(Array(events[pair..<(pair + 2)]), postgres: postgres, schema: schema)
                    }
                    let relay = OutboxRelay(
                        postgres: postgres, schema: schema,
                        publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger
                    )

                    #expect(try await relay.publishPending() == 6)
                    #expect(try await relay.publishPending() == 0)

                    let entries = try await EventTestSupport.entries(redis, stream: EventStream.name(source: source))
                    #expect(entries.map { $0.fields["id"] } == events.map(\.id.lowercasedString))
                    let stored = try JSONCoding.makeDecoder().decode(EventEnvelope.self, from: Data((entries.first?.fields["envelope"] ?? "").utf8))
                    #expect(stored == events[0])

                    let rows = try await postgres.query(
                        "SELECT event_id, sent_at IS NOT NULL, stream_entry_id FROM \(unescaped: schema).outbox ORDER BY seq",
                        logger: EventTestSupport.logger
                    )
                    var marked: [(UUID, Bool, String?)] = []
                    for try await row in rows.decode((UUID, Bool, String?).self) { marked.append(row) }
                    #expect(marked.map(\.0) == events.map(\.id))
                    #expect(marked.allSatisfy { $0.1 })
                    #expect(marked.map(\.2) == entries.map(\.id))
                }
            }
        }
    }

    @Test func aRolledBackTransactionPublishesNothing() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    await #expect(throws: (any Error).self) {
                        try await postgres.withTransaction(logger: EventTestSupport.logger) { connection in
                            try await Outbox.append(EventTestSupport.event(source: source), on: connection, schema: schema, logger: EventTestSupport.logger)
                            throw Abort()
                        }
                    }
                    let relay = OutboxRelay(
                        postgres: postgres, schema: schema,
                        publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger
                    )
                    let published = try await relay.publishPending()
                    #expect(published == 0)
                    #expect(try await Self.publishedIDs(redis, source: source).isEmpty)
                }
            }
        }
    }

    @Test func aBacklogLargerThanABatchGoesOutInOrderOverSeveralPasses() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    let events = (0..<10).map { EventTestSupport.event(source: source, number: $0) }
                    for event in events {
                        try await Self.append([event], postgres: postgres, schema: schema)
                    }
                    let relay = OutboxRelay(
                        postgres: postgres, schema: schema,
                        publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger,
                        batchSize: 4
                    )
                    var passes: [Int] = []
                    for _ in 0..<4 { passes.append(try await relay.publishPending()) }
                    #expect(passes == [4, 4, 2, 0])
                    #expect(try await Self.publishedIDs(redis, source: source) == events.map(\.id.lowercasedString))
                }
            }
        }
    }

    @Test func twoRelaysRunningAtOnceNeverPublishARowTwice() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    let events = (0..<200).map { EventTestSupport.event(source: source, number: $0) }
                    let relays = (0..<2).map { _ in
                        OutboxRelay(
                            postgres: postgres, schema: schema,
                            publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger,
                            pollInterval: .milliseconds(5), batchSize: 7
                        )
                    }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for relay in relays {
                            group.addTask { try await relay.run() }
                        }
                        // Written while both relays poll, ten events per transaction.
                        for start in stride(from: 0, to: events.count, by: 10) {
                            try await Self.append(Array(events[start..<(start + 10)]), postgres: postgres, schema: schema)
                        }
                        try await EventTestSupport.waitUntil("every row is sent") {
                            try await Self.unsentCount(postgres: postgres, schema: schema) == 0
                        }
                        group.cancelAll()
                    }
                    #expect(try await Self.publishedIDs(redis, source: source) == events.map(\.id.lowercasedString))
                }
            }
        }
    }

    @Test func sentRowsOlderThanTheRetentionArePurged() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    let old = EventTestSupport.event(source: source, number: 1)
                    let recent = EventTestSupport.event(source: source, number: 2)
                    try await Self.append([old, recent], postgres: postgres, schema: schema)
                    let relay = OutboxRelay(
                        postgres: postgres, schema: schema,
                        publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger,
                        pollInterval: .milliseconds(10), retention: .seconds(3_600)
                    )
                    #expect(try await relay.publishPending() == 2)
                    try await postgres.query(
                        "UPDATE \(unescaped: schema).outbox SET sent_at = now() - interval '2 hours' WHERE event_id = \(old.id)",
                        logger: EventTestSupport.logger
                    )
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await relay.run() }
                        try await EventTestSupport.waitUntil("the old row is purged") {
                            let rows = try await postgres.query("SELECT count(*) FROM \(unescaped: schema).outbox", logger: EventTestSupport.logger)
                            var count = -1
                            for try await value in rows.decode(Int.self) { count = value }
                            return count == 1
                        }
                        group.cancelAll()
                    }
                    let rows = try await postgres.query("SELECT event_id FROM \(unescaped: schema).outbox ORDER BY seq", logger: EventTestSupport.logger)
                    var remaining: [UUID] = []
                    for try await id in rows.decode(UUID.self) { remaining.append(id) }
                    #expect(remaining == [recent.id])
                }
            }
        }
    }

    @Test func eventsWrittenWhileRedisIsDownArePublishedAfterItReturns() async throws {
        try await RedisServerProcess.with { server in
            try await EventTestSupport.withRedis(url: server.url) { redis in
                let source = "test-\(UUID().uuidString.lowercased())"
                try await EventTestSupport.withOutboxSchema { postgres, schema in
                    let relay = OutboxRelay(
                        postgres: postgres, schema: schema,
                        publisher: EventPublisher(redis: redis, logger: EventTestSupport.logger), logger: EventTestSupport.logger,
                        pollInterval: .milliseconds(20), maxBackoff: .milliseconds(200)
                    )
                    let events = (0..<5).map { EventTestSupport.event(source: source, number: $0) }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await relay.run() }

                        await server.stop()
                        // The service's writes still commit: the events wait in the outbox.
                        for event in events {
                            try await Self.append([event], postgres: postgres, schema: schema)
                        }
                        try await Task.sleep(for: .milliseconds(300))
                        #expect(try await Self.unsentCount(postgres: postgres, schema: schema) == 5)

                        try await server.start()
                        try await EventTestSupport.waitUntil("the relay publishes the backlog") {
                            try await Self.unsentCount(postgres: postgres, schema: schema) == 0
                        }
                        group.cancelAll()
                    }
                    #expect(try await Self.publishedIDs(redis, source: source) == events.map(\.id.lowercasedString))
                }
            }
        }
    }
}
