import Contracts
import Coordination
import Foundation
import Logging
import Redis
import ServiceLifecycle
import Testing
import TestSupport

@Suite("Event consumer: groups, acks, retries, take-over, dead letters, idempotency, shutdown")
struct EventConsumerTests {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    private static func consumer(
        _ redis: RedisClient,
        source: String,
        group: String = "readers",
        name: String = "consumer-\(UUID().uuidString.prefix(6))",
        maxDeliveries: Int = 5,
        concurrency: Int = 1,
        handler: @escaping EventConsumer.Handler
    ) -> EventConsumer {
        EventConsumer(
            redis: redis,
            configuration: EventTestSupport.configuration(
                group: group, consumer: name, source: source, maxDeliveries: maxDeliveries, concurrency: concurrency
            ),
            logger: EventTestSupport.logger,
            handler: handler
        )
    }

    @Test func eachEventIsHandledOnceInOrderAndAcknowledged() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source) { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                let events = (0..<20).map { EventTestSupport.event(source: source, number: $0) }

                try await EventTestSupport.withRunning([consumer]) {
                    try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(events)
                    try await EventTestSupport.waitUntil("20 events are handled") { log.successes.count == 20 }
                    try await EventTestSupport.waitUntil("nothing is pending") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }
                #expect(log.calls.map(\.eventID) == events.map(\.id))
                #expect(log.calls.allSatisfy { $0.entry.deliveryCount == 1 && $0.entry.stream == stream })
            }
        }
    }

    @Test func aHandlerFailingTwiceThenSucceedingHandlesTheEventOnceOnItsThirdDelivery() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source) { envelope, entry in
                    try await log.run(envelope.id, entry) {
                        if entry.deliveryCount < 3 { throw Boom() }
                    }
                }
                let event = EventTestSupport.event(source: source)

                try await EventTestSupport.withRunning([consumer]) {
                    try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(event)
                    try await EventTestSupport.waitUntil("the third attempt succeeds") { !log.successes.isEmpty }
                    try await EventTestSupport.waitUntil("the entry is acknowledged") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }
                #expect(log.attempts(of: event.id).map(\.entry.deliveryCount) == [1, 2, 3])
                #expect(log.successes.map(\.entry.deliveryCount) == [3])
            }
        }
    }

    @Test func aPoisonEventLandsInTheDeadStreamAfterMaxDeliveries() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let poison = EventTestSupport.event(source: source, subject: "poison")
                let healthy = EventTestSupport.event(source: source, subject: "healthy")
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source, maxDeliveries: 3) { envelope, entry in
                    try await log.run(envelope.id, entry) {
                        if envelope.id == poison.id { throw Boom() }
                    }
                }

                let entryIDs = try await EventTestSupport.withRunning([consumer]) {
                    let ids = try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish([poison, healthy])
                    try await EventTestSupport.waitUntil("the poison event is dead-lettered") {
                        try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).count == 1
                    }
                    try await EventTestSupport.waitUntil("nothing is pending") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                    return ids
                }

                #expect(log.attempts(of: poison.id).map(\.entry.deliveryCount) == [1, 2, 3])
                #expect(log.successes.map(\.eventID) == [healthy.id])
                let dead = try #require(try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).first)
                #expect(dead.fields["error"] == "boom")
                #expect(dead.fields["originalId"] == entryIDs[0])
                #expect(dead.fields["group"] == "readers")
                #expect(dead.fields["deliveries"] == "3")
                #expect(dead.fields["id"] == poison.id.lowercasedString)
                let envelope = try JSONCoding.makeDecoder().decode(EventEnvelope.self, from: Data((dead.fields["envelope"] ?? "").utf8))
                #expect(envelope == poison)
            }
        }
    }

    @Test func anUnprocessableEventIsDeadLetteredOnItsFirstDelivery() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let unprocessable = EventTestSupport.event(source: source, subject: "unprocessable")
                let healthy = EventTestSupport.event(source: source, subject: "healthy")
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source, maxDeliveries: 5) { envelope, entry in
                    try await log.run(envelope.id, entry) {
                        if envelope.id == unprocessable.id { throw UnprocessableEvent("data does not fit") }
                    }
                }
                try await EventTestSupport.withRunning([consumer]) {
                    try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish([unprocessable, healthy])
                    try await EventTestSupport.waitUntil("the unprocessable event is dead-lettered") {
                        try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).count == 1
                    }
                    try await EventTestSupport.waitUntil("nothing is pending") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }
                #expect(log.attempts(of: unprocessable.id).map(\.entry.deliveryCount) == [1])
                #expect(log.successes.map(\.eventID) == [healthy.id])
                let dead = try #require(try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).first)
                #expect(dead.fields["error"] == "unprocessable event: data does not fit")
                #expect(dead.fields["deliveries"] == "1")
            }
        }
    }

    @Test func anUndecodableEntryIsDeadLetteredWithoutReachingTheHandler() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source) { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }

                try await EventTestSupport.withRunning([consumer]) {
                    try await redis.send("XADD", [.string(stream), "*", "envelope", "{not json", "type", "test.garbled", "id", "garbled"])
                    try await EventTestSupport.waitUntil("the entry is dead-lettered") {
                        try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).count == 1
                    }
                }
                #expect(log.calls.isEmpty)
                let dead = try #require(try await EventTestSupport.entries(redis, stream: EventStream.deadLetterName(source: source)).first)
                #expect(dead.fields["envelope"] == "{not json")
                #expect(dead.fields["id"] == "garbled")
                #expect(dead.fields["error"]?.contains("not a valid EventEnvelope") == true)
                #expect(try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0)
            }
        }
    }

    @Test func anEntryOfAConsumerKilledBetweenReadAndAckIsTakenOverAndHandledOnce() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let survivor = Self.consumer(redis, source: source, name: "survivor") { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                try await survivor.createGroups()
                let event = EventTestSupport.event(source: source)
                try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(event)
                // A consumer reads the entry and dies before acknowledging it.
                let read = try await redis.send("XREADGROUP", ["GROUP", "readers", "killed", "COUNT", 10, "STREAMS", .string(stream), ">"])
                #expect(read.array?.count == 1)

                try await EventTestSupport.withRunning([survivor]) {
                    try await EventTestSupport.waitUntil("the survivor handles it") { log.successes.count == 1 }
                    try await EventTestSupport.waitUntil("it is acknowledged") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                    // Twice the take-over time: nothing hands it out again.
                    try await Task.sleep(for: .seconds(1))
                }
                #expect(log.calls.count == 1)
                #expect(log.successes.first?.eventID == event.id)
                #expect(log.successes.first?.entry.deliveryCount == 2)
            }
        }
    }

    @Test func aConsumerCancelledMidHandlingLosesNothing() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let started = EventTestFlag()
                let firstLog = EventHandlerLog()
                let first = Self.consumer(redis, source: source, name: "first") { envelope, entry in
                    try await firstLog.run(envelope.id, entry) {
                        started.raise()
                        try await Task.sleep(for: .seconds(60))
                    }
                }
                let secondLog = EventHandlerLog()
                let second = Self.consumer(redis, source: source, name: "second") { envelope, entry in
                    try await secondLog.run(envelope.id, entry) {}
                }
                let event = EventTestSupport.event(source: source)

                try await EventTestSupport.withRunning([first]) {
                    try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(event)
                    try await EventTestSupport.waitUntil("the first consumer is handling it") { started.isRaised }
                }
                #expect(firstLog.successes.isEmpty)

                try await EventTestSupport.withRunning([second]) {
                    try await EventTestSupport.waitUntil("the second consumer handles it") { secondLog.successes.count == 1 }
                    try await EventTestSupport.waitUntil("it is acknowledged") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }
                #expect(secondLog.calls.map(\.eventID) == [event.id])
                // Redelivered: at least the first consumer's delivery and this one (a stalled machine may let the first
                // consumer's own reclaim loop take it over once more before it was cancelled).
                #expect((secondLog.calls.first?.entry.deliveryCount ?? 0) >= 2)
            }
        }
    }

    @Test func anEventIdAlreadyHandledIsAcknowledgedWithoutHandlingItAgain() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source) { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                let publisher = EventPublisher(redis: redis, logger: EventTestSupport.logger)
                let event = EventTestSupport.event(source: source)

                try await EventTestSupport.withRunning([consumer]) {
                    try await publisher.publish(event)
                    try await EventTestSupport.waitUntil("the event is handled") { log.successes.count == 1 }
                    // The same event published again, as a relay retrying after a lost reply would.
                    let duplicate = try await publisher.publish(event)
                    try await EventTestSupport.waitUntil("the duplicate is read and acknowledged") {
                        let info = try await EventTestSupport.groupInfo(redis, stream: stream, group: "readers")
                        return info["last-delivered-id"]?.string == duplicate && info["pending"]?.int == 0
                    }
                }
                #expect(log.calls.count == 1)
                _ = try await redis.del(["events:processed:readers:\(event.id.lowercasedString)"])
            }
        }
    }

    @Test func entriesOfTypesTheConsumerDoesNotReadAreAcknowledgedUnseenAndUnmarked() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                var configuration = EventTestSupport.configuration(group: "readers", consumer: "typed", source: source)
                configuration.eventTypes = ["test.wanted"]
                let consumer = EventConsumer(redis: redis, configuration: configuration, logger: EventTestSupport.logger) { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                let events = (0..<10).map { number in
                    var event = EventTestSupport.event(source: source, number: number)
                    if number.isMultiple(of: 2) { event.type = "test.wanted" }
                    return event
                }

                try await EventTestSupport.withRunning([consumer]) {
                    let entryIDs = try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(events)
                    try await EventTestSupport.waitUntil("every entry is read and acknowledged") {
                        let info = try await EventTestSupport.groupInfo(redis, stream: stream, group: "readers")
                        return info["last-delivered-id"]?.string == entryIDs.last && info["pending"]?.int == 0
                    }
                }
                let wanted = events.filter { $0.type == "test.wanted" }
                #expect(log.calls.map(\.eventID) == wanted.map(\.id))
                // Only the handled ones are remembered as handled: the others were never the handler's.
                for event in events {
                    let marked = try await redis.send("EXISTS", [.string("events:processed:readers:\(event.id.lowercasedString)")]).int == 1
                    #expect(marked == (event.type == "test.wanted"), "\(event.type)")
                }
                _ = try await redis.del(wanted.map { "events:processed:readers:\($0.id.lowercasedString)" })
            }
        }
    }

    @Test func aRedeliveredEntryWhoseEventWasHandledBeforeTheCrashIsNotHandledAgain() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let log = EventHandlerLog()
                let survivor = Self.consumer(redis, source: source, name: "survivor") { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                try await survivor.createGroups()
                let event = EventTestSupport.event(source: source)
                try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(event)
                // A consumer read it, handled it and recorded so, then died before its XACK.
                try await redis.send("XREADGROUP", ["GROUP", "readers", "crashed", "COUNT", 10, "STREAMS", .string(stream), ">"])
                try await redis.send("SET", [.string("events:processed:readers:\(event.id.lowercasedString)"), "1", "EX", 120])

                try await EventTestSupport.withRunning([survivor]) {
                    try await EventTestSupport.waitUntil("the entry is acknowledged") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }
                #expect(log.calls.isEmpty)
                _ = try await redis.del(["events:processed:readers:\(event.id.lowercasedString)"])
            }
        }
    }

    @Test func gracefulShutdownFinishesTheHandlerInFlightAndReleasesTheRest() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let started = EventTestFlag()
                let mayFinish = EventTestFlag()
                let log = EventHandlerLog()
                let events = [EventTestSupport.event(source: source, number: 1), EventTestSupport.event(source: source, number: 2)]
                let consumer = Self.consumer(redis, source: source, name: "stopping") { envelope, entry in
                    try await log.run(envelope.id, entry) {
                        started.raise()
                        while !mayFinish.isRaised {
                            try await Task.sleep(for: .milliseconds(10))
                        }
                    }
                }
                // Both events exist before the first read, so one XREADGROUP delivers both.
                try await consumer.createGroups()
                let entryIDs = try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(events)

                let group = ServiceGroup(services: [consumer], gracefulShutdownSignals: [], cancellationSignals: [], logger: EventTestSupport.logger)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    try await EventTestSupport.waitUntil("the first handler runs") { started.isRaised }
                    await group.triggerGracefulShutdown()
                    // Time for the shutdown to reach the consumer before the handler may finish (generous: every
                    // suite runs at once on two cores).
                    try await Task.sleep(for: .seconds(1))
                    #expect(log.calls.isEmpty, "the handler in flight must not be cancelled")
                    mayFinish.raise()
                    try await tasks.waitForAll()
                }

                #expect(log.calls.map(\.eventID) == [events[0].id])
                #expect(log.successes.count == 1)
                // The second entry went back to the group at once: still owned by the stopped consumer, but
                // already idle for the take-over time and with its unused delivery given back.
                let pending = try await EventTestSupport.pendingEntries(redis, stream: stream, group: "readers")
                #expect(pending.map(\.id) == [entryIDs[1]])
                #expect(pending.first?.deliveries == 0)
                #expect((pending.first?.idle ?? 0) >= 500)

                let nextLog = EventHandlerLog()
                let next = Self.consumer(redis, source: source, name: "next") { envelope, entry in
                    try await nextLog.run(envelope.id, entry) {}
                }
                try await EventTestSupport.withRunning([next]) {
                    try await EventTestSupport.waitUntil("the released entry is handled") { nextLog.successes.count == 1 }
                }
                #expect(nextLog.calls.map(\.eventID) == [events[1].id])
                #expect(nextLog.calls.first?.entry.deliveryCount == 1)
            }
        }
    }

    @Test func concurrencyRunsSeveralHandlersAtOnceUpToTheLimit() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source, concurrency: 4) { envelope, entry in
                    try await log.run(envelope.id, entry) {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                let events = (0..<16).map { EventTestSupport.event(source: source, number: $0) }
                try await consumer.createGroups()
                try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(events)

                try await EventTestSupport.withRunning([consumer]) {
                    try await EventTestSupport.waitUntil("all are handled") { log.successes.count == 16 }
                }
                #expect(Set(log.calls.map(\.eventID)) == Set(events.map(\.id)))
                #expect(log.calls.count == 16)
                #expect(log.maxRunning > 1)
                #expect(log.maxRunning <= 4)
            }
        }
    }

    @Test func tenThousandEventsAcrossTwoConsumersOfOneGroupAreEachHandledOnce() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let stream = EventStream.name(source: source)
                let logs = [EventHandlerLog(), EventHandlerLog()]
                let consumers = logs.enumerated().map { index, log in
                    Self.consumer(redis, source: source, name: "worker-\(index)") { envelope, entry in
                        try await log.run(envelope.id, entry) {}
                    }
                }
                let events = (0..<10_000).map { EventTestSupport.event(source: source, number: $0) }
                let publisher = EventPublisher(redis: redis, logger: EventTestSupport.logger)

                try await EventTestSupport.withRunning(consumers) {
                    // Let both reach their first XREADGROUP (Redis lists a consumer only once it got entries).
                    try await Task.sleep(for: .milliseconds(300))
                    for start in stride(from: 0, to: events.count, by: 500) {
                        try await publisher.publish(Array(events[start..<(start + 500)]))
                    }
                    try await EventTestSupport.waitUntil("all are handled", timeout: .seconds(120)) {
                        logs.reduce(0) { $0 + $1.successes.count } == events.count
                    }
                    try await EventTestSupport.waitUntil("nothing is pending") {
                        try await EventTestSupport.pendingCount(redis, stream: stream, group: "readers") == 0
                    }
                }

                let handled = logs.flatMap(\.calls)
                #expect(handled.count == events.count)
                #expect(handled.allSatisfy { $0.succeeded })
                #expect(Set(handled.map(\.eventID)) == Set(events.map(\.id)))
                #expect(logs.allSatisfy { !$0.calls.isEmpty }, "both consumers share the work")
                _ = try await redis.del(events.map { "events:processed:readers:\($0.id.lowercasedString)" })
            }
        }
    }

    @Test func aConsumerOutlivesARedisRestartThatLosesItsGroup() async throws {
        try await RedisServerProcess.with { server in
            try await EventTestSupport.withRedis(url: server.url) { redis in
                let source = "test-\(UUID().uuidString.lowercased())"
                let log = EventHandlerLog()
                let consumer = Self.consumer(redis, source: source) { envelope, entry in
                    try await log.run(envelope.id, entry) {}
                }
                let publisher = EventPublisher(redis: redis, logger: EventTestSupport.logger)
                let before = EventTestSupport.event(source: source, number: 1)
                let after = EventTestSupport.event(source: source, number: 2)

                try await EventTestSupport.withRunning([consumer]) {
                    try await publisher.publish(before)
                    try await EventTestSupport.waitUntil("the first event is handled") { log.successes.count == 1 }

                    // No persistence: the restarted server has neither the stream nor the group.
                    await server.stop()
                    try await server.start()
                    try await EventTestSupport.waitUntil("Redis accepts the next event") {
                        (try? await publisher.publish(after)) != nil
                    }
                    try await EventTestSupport.waitUntil("the consumer recreates its group and handles it") {
                        log.successes.count == 2
                    }
                }
                #expect(log.calls.map(\.eventID) == [before.id, after.id])
            }
        }
    }
}
