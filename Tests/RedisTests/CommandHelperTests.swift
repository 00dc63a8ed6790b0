import Redis
import Testing

@Suite("Typed command helpers")
struct CommandHelperTests {
    @Test func getAndSet() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "k"
            #expect(try await client.get(key) == nil)
            #expect(try await client.getString(key) == nil)
            #expect(try await client.set(key, "one"))
            #expect(try await client.getString(key) == "one")
            #expect(try await client.get(key) == Array("one".utf8))
            #expect(try await client.set(key, "two", onlyIfAbsent: true) == false)
            #expect(try await client.getString(key) == "one")
            #expect(try await client.set(key + ":new", "x", onlyIfAbsent: true))
        }
    }

    @Test func setWithExpiry() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "ttl"
            #expect(try await client.set(key, "v", expiresInMilliseconds: 60_000))
            let ttl = try await client.send("PTTL", [.string(key)]).int ?? -1
            #expect((1...60_000).contains(ttl))
        }
    }

    @Test func delExistsIncrExpire() async throws {
        try await RedisTestSupport.withClient { client throws in
            let prefix = RedisTestSupport.keyPrefix()
            #expect(try await client.incr(prefix + "n") == 1)
            #expect(try await client.incr(prefix + "n", by: 41) == 42)
            #expect(try await client.exists(prefix + "n"))
            #expect(try await client.expire(prefix + "n", seconds: 100))
            #expect(try await client.expire(prefix + "absent", seconds: 100) == false)
            #expect(try await client.del([prefix + "n", prefix + "absent"]) == 1)
            #expect(try await client.exists(prefix + "n") == false)
            #expect(try await client.del([]) == 0)
        }
    }

    @Test func publishWithoutSubscribersReachesNobody() async throws {
        try await RedisTestSupport.withClient { client throws in
            #expect(try await client.publish(RedisTestSupport.keyPrefix() + "nobody", "hello") == 0)
        }
    }

    @Test func replyConveniences() {
        #expect(RESPValue.simpleString("OK").string == "OK")
        #expect(RESPValue.bulkString([0x34, 0x32]).int == 42)
        #expect(RESPValue.integer(7).string == nil)
        #expect(RESPValue.simpleString("OK").bytes == Array("OK".utf8))
        #expect(RESPValue.array([.null]).array == [.null])
        #expect(RESPValue.null.isNull)
        #expect(!RESPValue.bulkString([]).isNull)
        #expect(RESPValue.error("ERR x").errorMessage == "ERR x")
    }

    @Test func argumentLiterals() {
        let id = 9
        let arguments: [RedisArgument] = ["plain", "interpolated-\(id)", 12, .int(-3), .bytes([0, 255]), .double(0.5)]
        #expect(arguments.map(\.bytes) == [
            Array("plain".utf8), Array("interpolated-9".utf8), Array("12".utf8), Array("-3".utf8), [0, 255], Array("0.5".utf8),
        ])
    }
}
