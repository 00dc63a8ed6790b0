import TestSupport
import Redis
import Testing

@Suite("Lua scripts by SHA-1")
struct ScriptTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        // 55 and 64 bytes straddle the padding boundary.
        (String(repeating: "x", count: 55), "cef734ba81a024479e09eb5a75b6ddae62e6abf1"),
        (String(repeating: "x", count: 64), "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163"),
    ])
    func sha1MatchesKnownVectors(input: String, digest: String) {
        #expect(RedisScript(input).sha1 == digest)
    }

    @Test func sha1OfAMillionBytes() {
        #expect(RedisScript(String(repeating: "a", count: 1_000_000)).sha1 == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func sha1MatchesWhatTheServerComputes() async throws {
        try await RedisTestSupport.withClient { client throws in
            let script = RedisScript("return {KEYS[1], ARGV[1], 'ünïcode'}")
            let loaded = try await client.send("SCRIPT", ["LOAD", .string(script.source)])
            #expect(loaded.string == script.sha1)
        }
    }

    @Test func evalShaFallsBackToEvalAfterScriptFlush() async throws {
        try await RedisServerProcess.with { server throws in
            try await RedisTestSupport.withClient(url: server.url) { client throws in
                let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
                let key = RedisTestSupport.keyPrefix() + "n"
                let exists: () async throws -> RESPValue = {
                    try await client.send("SCRIPT", ["EXISTS", .string(script.sha1)])
                }

                #expect(try await exists() == .array([.integer(0)]))
                #expect(try await client.eval(script, keys: [key], arguments: [5]) == .integer(5))
                // Only EVAL can have put it in the cache: EVALSHA alone would have failed with NOSCRIPT.
                #expect(try await exists() == .array([.integer(1)]))
                #expect(try await client.eval(script, keys: [key], arguments: [2]) == .integer(7))

                #expect(try await client.send("SCRIPT", ["FLUSH"]) == .simpleString("OK"))
                #expect(try await exists() == .array([.integer(0)]))
                #expect(try await client.eval(script, keys: [key], arguments: [3]) == .integer(10))
                #expect(try await exists() == .array([.integer(1)]))
            }
        }
    }

    @Test func scriptErrorsOtherThanNoScriptAreThrown() async throws {
        try await RedisTestSupport.withClient { client throws in
            let error = await #expect(throws: RedisError.self) {
                try await client.eval(RedisScript("return redis.call('NOSUCHCOMMAND')"))
            }
            guard case .server(let message)? = error?.kind else {
                Issue.record("expected a server error, got \(String(describing: error))")
                return
            }
            #expect(!message.hasPrefix("NOSCRIPT"))
        }
    }
}
