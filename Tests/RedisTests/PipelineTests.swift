import Redis
import Testing

@Suite("Pipelining and concurrent callers")
struct PipelineTests {
    @Test func tenThousandPipelinedCommandsReplyInOrder() async throws {
        try await RedisTestSupport.withClient { client throws in
            let counter = RedisTestSupport.keyPrefix() + "counter"
            let count = 10_000
            var commands: [[RedisArgument]] = []
            commands.reserveCapacity(count)
            for index in 0..<count {
                commands.append(index.isMultiple(of: 2) ? ["ECHO", "reply-\(index)"] : ["INCR", .string(counter)])
            }

            let replies = try await client.pipeline(commands)

            #expect(replies.count == count)
            var mismatches = 0
            for (index, reply) in replies.enumerated() {
                let expected: RESPValue = index.isMultiple(of: 2)
                    ? .bulkString(Array("reply-\(index)".utf8))
                    : .integer(Int64(index / 2 + 1))
                if reply != expected { mismatches += 1 }
            }
            #expect(mismatches == 0)
        }
    }

    @Test func emptyPipelineNeedsNoServerRoundTrip() async throws {
        try await RedisTestSupport.withClient { client throws in
            #expect(try await client.pipeline([]) == [])
        }
    }

    @Test func twoHundredConcurrentCallersEachGetTheirOwnReply() async throws {
        try await RedisTestSupport.withClient({ $0.poolSize = 3 }) { client throws in
            let prefix = RedisTestSupport.keyPrefix()
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<200 {
                    group.addTask {
                        var wrong = 0
                        for round in 0..<5 {
                            let key = "\(prefix)\(task)"
                            let value = "value-\(task)-\(round)"
                            try await client.set(key, .string(value))
                            if try await client.getString(key) != value { wrong += 1 }
                            let pair = try await client.pipeline([["ECHO", .string(value)], ["ECHO", .int(task)]])
                            if pair != [.bulkString(Array(value.utf8)), .bulkString(Array("\(task)".utf8))] { wrong += 1 }
                        }
                        return wrong
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            let counted = try await client.send("EVAL", [
                "return #redis.call('KEYS', ARGV[1])", 0, .string(prefix + "*"),
            ])
            #expect(counted == .integer(200))
        }
    }
}
