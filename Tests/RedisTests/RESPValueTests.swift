import Redis
import Testing

@Suite("Every reply type survives the trip through hiredis")
struct RESPValueTests {
    @Test func simpleStringReplies() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "k"
            #expect(try await client.send("SET", [.string(key), "v"]) == .simpleString("OK"))
            #expect(try await client.send("PING") == .simpleString("PONG"))
            #expect(try await client.send("TYPE", [.string(key)]) == .simpleString("string"))
            await #expect(throws: Never.self) { try await client.ping() }
        }
    }

    @Test func errorRepliesAreThrownBySendAndReturnedByPipeline() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "list"
            try await client.send("RPUSH", [.string(key), "a"])

            let thrown = await #expect(throws: RedisError.self) {
                try await client.send("INCR", [.string(key)])
            }
            guard case .server(let message)? = thrown?.kind else {
                Issue.record("expected a server error, got \(String(describing: thrown))")
                return
            }
            #expect(message.hasPrefix("WRONGTYPE"))

            let replies = try await client.pipeline([["INCR", .string(key)], ["NOSUCHCOMMAND"], ["LLEN", .string(key)]])
            #expect(replies.count == 3)
            #expect(replies[0].errorMessage?.hasPrefix("WRONGTYPE") == true)
            #expect(replies[1].errorMessage?.contains("unknown command") == true)
            #expect(replies[2] == .integer(1))
        }
    }

    @Test func integerReplies() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "n"
            #expect(try await client.send("INCR", [.string(key)]) == .integer(1))
            #expect(try await client.send("DECRBY", [.string(key), 11]) == .integer(-10))
            #expect(try await client.send("SET", [.string(key), .int64(Int64.max - 1)]) == .simpleString("OK"))
            #expect(try await client.send("INCR", [.string(key)]) == .integer(Int64.max))
            #expect(try await client.send("GET", [.string(key)]).int == Int64.max)
        }
    }

    @Test func bulkAndNullReplies() async throws {
        try await RedisTestSupport.withClient { client throws in
            let prefix = RedisTestSupport.keyPrefix()
            try await client.send("SET", [.string(prefix + "text"), "héllo wörld"])
            try await client.send("SET", [.string(prefix + "empty"), ""])

            let text = try await client.send("GET", [.string(prefix + "text")])
            #expect(text == .bulkString(Array("héllo wörld".utf8)))
            #expect(text.string == "héllo wörld")
            #expect(try await client.send("GET", [.string(prefix + "empty")]) == .bulkString([]))

            let missing = try await client.send("GET", [.string(prefix + "missing")])
            #expect(missing == .null)
            #expect(missing.isNull)
            #expect(missing.string == nil)
            // A null array (*-1) comes back as the same .null.
            #expect(try await client.send("BLPOP", [.string(prefix + "nolist"), "0.01"]) == .null)
        }
    }

    @Test func flatAndEmptyArrays() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "list"
            try await client.send("RPUSH", [.string(key), "a", "b", "c"])
            let list = try await client.send("LRANGE", [.string(key), 0, -1])
            #expect(list == .array([.bulkString(Array("a".utf8)), .bulkString(Array("b".utf8)), .bulkString(Array("c".utf8))]))
            #expect(list.array?.compactMap(\.string) == ["a", "b", "c"])
            #expect(try await client.send("LRANGE", [.string(key + ":none"), 0, -1]) == .array([]))
        }
    }

    @Test func nestedArraysFromStreams() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "stream"
            let id = try await client.send("XADD", [.string(key), "*", "field", "value", "other", "2"])
            let entries = try await client.send("XRANGE", [.string(key), "-", "+"])
            #expect(entries == .array([
                .array([id, .array(["field", "value", "other", "2"].map { .bulkString(Array($0.utf8)) })]),
            ]))
        }
    }

    @Test func nestedArraysAndMixedTypesFromLua() async throws {
        try await RedisTestSupport.withClient { client throws in
            let script = RedisScript("""
            return {1, 'two', {3, {'four', redis.status_reply('FIVE')}}, {}, redis.error_reply('SIX failed')}
            """)
            let reply = try await client.eval(script)
            #expect(reply == .array([
                .integer(1),
                .bulkString(Array("two".utf8)),
                .array([.integer(3), .array([.bulkString(Array("four".utf8)), .simpleString("FIVE")])]),
                .array([]),
                .error("SIX failed"),
            ]))
        }
    }

    /// hiredis 0.14.1 keeps a fixed stack of 9 read tasks and rejects replies nested deeper than 7; the
    /// connection is then unusable, and the client must drop it and carry on with a new one.
    @Test func replyNestedBeyondHiredisLimitFailsThatCommandOnly() async throws {
        try await RedisTestSupport.withClient({ $0.poolSize = 1 }) { client throws in
            let deepest = RedisScript("return {{{{{{{{{1}}}}}}}}}")
            let error = await #expect(throws: RedisError.self) { try await client.eval(deepest) }
            guard case .protocolError(let reason)? = error?.kind else {
                Issue.record("expected a protocol error, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("nested"))

            let deepestAllowed = RedisScript("return {{{{{{{1}}}}}}}")
            var expected = RESPValue.integer(1)
            for _ in 0..<7 { expected = .array([expected]) }
            #expect(try await client.eval(deepestAllowed) == expected)
        }
    }
}
