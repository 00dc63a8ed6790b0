import Redis
import Testing

@testable import Gateway

/// How one XREAD reply becomes the batch the SSE feed sends: in id order, never past a full page's end.
@Suite("Gateway: SSE feed batches")
struct EventFeedBatchTests {
    static func reply(_ streams: [(String, [String])]) -> RESPValue {
        .array(streams.map { name, ids in
            .array([.bulkString(Array(name.utf8)), .array(ids.map { id in
                .array([.bulkString(Array(id.utf8)), .array([.bulkString(Array("envelope".utf8)), .bulkString(Array("{}".utf8))])])
            })])
        })
    }

    @Test func entriesOfSeveralStreamsComeInIdOrder() {
        let batch = EventFeed.batch(in: Self.reply([("events:projects", ["5-0", "9-0"]), ("events:auth", ["7-0", "10-1"])]))
        #expect(batch.map(\.id) == ["5-0", "7-0", "9-0", "10-1"])
    }

    @Test func aFullPageCutsTheBatchAtItsEnd() {
        // events:projects filled its page up to 100-0 and may hold more; events:auth's 150-0 must wait for them.
        let full = (1...EventFeed.pageSize).map { "\($0)-0" }
        let batch = EventFeed.batch(in: Self.reply([("events:projects", full), ("events:auth", ["50-1", "150-0"])]))
        #expect(batch.count == EventFeed.pageSize + 1)
        #expect(batch.last?.id == "\(EventFeed.pageSize)-0")
        #expect(!batch.contains { $0.id == "150-0" })
    }

    @Test func eachEntryKeepsItsStream() {
        // The feed reads each stream on from its own last entry: ids of different streams tie within a millisecond.
        let batch = EventFeed.batch(in: Self.reply([("events:projects", ["7-0"]), ("events:auth", ["7-0", "7-1"])]))
        #expect(batch.map(\.stream).sorted() == ["events:auth", "events:auth", "events:projects"])
        #expect(batch.filter { $0.stream == "events:auth" }.map(\.id) == ["7-0", "7-1"])
    }

    @Test func anEmptyOrNullReplyIsAnEmptyBatch() {
        #expect(EventFeed.batch(in: .null).isEmpty)
        #expect(EventFeed.batch(in: .array([])).isEmpty)
    }
}
