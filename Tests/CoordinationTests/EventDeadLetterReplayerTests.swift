import Contracts
import Coordination
import Foundation
import Redis
import Testing
import TestSupport

@Suite("Dead letters: listing and replaying to the group that gave up")
struct EventDeadLetterReplayerTests {
    struct Broken: Error, CustomStringConvertible {
        var description: String { "dependency unavailable" }
    }

    @Test func aReplayIsHandledByTheGroupThatFailedItAndIgnoredByTheOthers() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let deadStream = EventStream.deadLetterName(source: source)
                let fixed = EventTestFlag()
                let failingLog = EventHandlerLog()
                let failing = EventConsumer(
                    redis: redis,
                    configuration: EventTestSupport.configuration(group: "fragile", consumer: "fragile-1", source: source, maxDeliveries: 2),
                    logger: EventTestSupport.logger
                ) { envelope, entry in
                    try await failingLog.run(envelope.id, entry) {
                        if !fixed.isRaised { throw Broken() }
                    }
                }
                let steadyLog = EventHandlerLog()
                let steady = EventConsumer(
                    redis: redis,
                    configuration: EventTestSupport.configuration(group: "steady", consumer: "steady-1", source: source),
                    logger: EventTestSupport.logger
                ) { envelope, entry in
                    try await steadyLog.run(envelope.id, entry) {}
                }
                let event = EventTestSupport.event(source: source)
                let replayer = DeadLetterReplayer(redis: redis, logger: EventTestSupport.logger)

                try await EventTestSupport.withRunning([failing, steady]) {
                    try await EventPublisher(redis: redis, logger: EventTestSupport.logger).publish(event)
                    try await EventTestSupport.waitUntil("the fragile group gives up") {
                        try await replayer.deadLetters(source: source).count == 1
                    }
                    try await EventTestSupport.waitUntil("the steady group handled it") { steadyLog.successes.count == 1 }

                    let dead = try #require(try await replayer.deadLetters(source: source).first)
                    #expect(dead.group == "fragile")
                    #expect(dead.error == "dependency unavailable")
                    #expect(dead.deliveryCount == 2)
                    #expect(dead.eventID == event.id.lowercasedString)
                    #expect(dead.envelope == event)

                    fixed.raise()
                    #expect(try await replayer.replayAll(source: source, group: "steady") == 0)
                    #expect(try await replayer.replayAll(source: source, group: "fragile") == 1)
                    let replay = try #require(try await EventTestSupport.entries(redis, stream: EventStream.name(source: source)).last)
                    #expect(replay.fields["replayFor"] == "fragile")
                    #expect(replay.fields["id"] == event.id.lowercasedString)
                    try await EventTestSupport.waitUntil("the fragile group handles the replay") { failingLog.successes.count == 1 }
                    try await EventTestSupport.waitUntil("the steady group has read and acknowledged the replay") {
                        let info = try await EventTestSupport.groupInfo(redis, stream: EventStream.name(source: source), group: "steady")
                        return info["last-delivered-id"]?.string == replay.id && info["pending"]?.int == 0
                    }
                }

                #expect(try await EventTestSupport.entries(redis, stream: deadStream).isEmpty)
                #expect(failingLog.successes.map(\.eventID) == [event.id])
                #expect(failingLog.successes.first?.entry.deliveryCount == 1)
                #expect(steadyLog.calls.count == 1, "the steady group must not handle the replay")
                _ = try await redis.del(["events:processed:fragile:\(event.id.lowercasedString)", "events:processed:steady:\(event.id.lowercasedString)"])
            }
        }
    }

    @Test func replayingAnIdThatIsNoLongerDeadDoesNothing() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let replayer = DeadLetterReplayer(redis: redis, logger: EventTestSupport.logger)
                let replayed = try await replayer.replay(source: source, ids: ["1-0"])
                #expect(replayed == [nil])
                #expect(try await replayer.replayAll(source: source) == 0)
                #expect(try await EventTestSupport.entries(redis, stream: EventStream.name(source: source)).isEmpty)
            }
        }
    }
}
