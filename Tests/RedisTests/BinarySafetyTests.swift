import Redis
import Testing

@Suite("Keys and values are binary safe in both directions")
struct BinarySafetyTests {
    @Test func valuesWithNulBytes() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "nul"
            let value: [UInt8] = [0, 0, 65, 0, 66, 0, 13, 10, 0]
            try await client.set(key, .bytes(value))
            #expect(try await client.get(key) == value)
            #expect(try await client.send("STRLEN", [.string(key)]) == .integer(Int64(value.count)))
        }
    }

    @Test func everyByteValueInKeysAndValues() async throws {
        try await RedisTestSupport.withClient { client throws in
            let allBytes = (0...255).map { UInt8($0) }
            let key = RedisArgument.bytes(Array(RedisTestSupport.keyPrefix().utf8) + allBytes)
            let value = Array(repeating: allBytes, count: 4).flatMap { $0 } + allBytes.reversed()
            #expect(try await client.send("SET", [key, .bytes(value)]) == .simpleString("OK"))
            #expect(try await client.send("GET", [key]) == .bulkString(value))
            #expect(try await client.send("DEL", [key]) == .integer(1))
        }
    }

    @Test func largeRandomValueArrivesInManyReadsAndStaysIntact() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "big"
            var generator = SystemRandomNumberGenerator()
            let value = (0..<(3 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try await client.set(key, .bytes(value))
            #expect(try await client.get(key) == value)
        }
    }

    @Test func binaryArgumentsInPipelinesAndScripts() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "lua"
            let value: [UInt8] = [0xFF, 0x00, 0xFE, 0x0A, 0x0D, 0x00]
            let echoed = try await client.eval(
                RedisScript("redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])"),
                keys: [key],
                arguments: [.bytes(value)]
            )
            #expect(echoed == .bulkString(value))
            let replies = try await client.pipeline([["ECHO", .bytes(value)], ["GET", .string(key)]])
            #expect(replies == [.bulkString(value), .bulkString(value)])
        }
    }
}
