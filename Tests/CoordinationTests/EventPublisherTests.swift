import Contracts
import Coordination
import Foundation
import Redis
import Testing
import TestSupport

@Suite("Event publisher: XADD with the envelope and filter fields, pipelined batches, MAXLEN trimming")
struct EventPublisherTests {
    @Test func anEntryCarriesTheEnvelopeItsTypeAndItsId() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let publisher = EventPublisher(redis: redis, logger: EventTestSupport.logger)
                let event = EventTestSupport.event(source: source, subject: "project-1")

                let entryID = try await publisher.publish(event)

                let entries = try await EventTestSupport.entries(redis, stream: EventStream.name(source: source))
                #expect(entries.map(\.id) == [entryID])
                let fields = try #require(entries.first?.fields)
                #expect(fields["type"] == "test.happened")
                #expect(fields["id"] == event.id.lowercasedString)
                let envelope = try JSONCoding.makeDecoder().decode(EventEnvelope.self, from: Data((fields["envelope"] ?? "").utf8))
                #expect(envelope == event)
            }
        }
    }

    @Test func aBatchKeepsItsOrderAcrossStreams() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { first in
                try await EventTestSupport.withSource(redis) { second in
                    let publisher = EventPublisher(redis: redis, logger: EventTestSupport.logger)
                    let events = (0..<10).map { EventTestSupport.event(source: $0.isMultiple(of: 2) ? first : second, number: $0) }

                    let entryIDs = try await publisher.publish(events)

                    #expect(entryIDs.count == 10)
                    for (source, parity) in [(first, 0), (second, 1)] {
                        let entries = try await EventTestSupport.entries(redis, stream: EventStream.name(source: source))
                        let expected = events.enumerated().filter { $0.offset % 2 == parity }
                        #expect(entries.map { $0.fields["id"] } == expected.map { $0.element.id.lowercasedString })
                        #expect(entries.map(\.id) == expected.map { entryIDs[$0.offset] })
                    }
                }
            }
        }
    }

    @Test func streamsAreTrimmedToRoughlyMaxLength() async throws {
        try await EventTestSupport.withRedis { redis in
            try await EventTestSupport.withSource(redis) { source in
                let publisher = EventPublisher(redis: redis, maxLength: 10, logger: EventTestSupport.logger)
                for batch in 0..<5 {
                    try await publisher.publish((0..<100).map { EventTestSupport.event(source: source, number: batch * 100 + $0) })
                }
                // `~` trims whole radix-tree nodes (100 entries by default), so the length stays near, not at, 10.
                let length = try await redis.send("XLEN", [.string(EventStream.name(source: source))]).int ?? 0
                #expect(length >= 10)
                #expect(length < 500)
            }
        }
    }
}
