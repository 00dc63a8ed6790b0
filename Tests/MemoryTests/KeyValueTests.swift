import Contracts
import Foundation
@testable import Memory
import Testing
import TestSupport

/// Keys and values through the in-process service, on the real Redis.
@Suite("Memory keys and values")
struct KeyValueTests {
    @Test func storeRetrieveReplaceDelete() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            try await memory.store(key: "cache:a", StoreValueRequest(data: .object(["n": .number(1)])), caller: user.caller)
            let entry = try await memory.retrieve(key: "cache:a", caller: user.caller)
            #expect(entry == MemoryEntry(key: "cache:a", data: .object(["n": .number(1)]), expiresAt: nil))
            let storedAfter = Date()
            try await memory.store(key: "cache:a", StoreValueRequest(data: .array([.null, .bool(true)]), ttlSeconds: 600), caller: user.caller)
            let replaced = try await memory.retrieve(key: "cache:a", caller: user.caller)
            let readBefore = Date()
            #expect(replaced.data == .array([.null, .bool(true)]))
            // Bounded by the clock around the calls (whole seconds), not by a tolerance a stalled machine could exceed.
            let expiresAt = try #require(replaced.expiresAt)
            #expect(expiresAt >= storedAfter.addingTimeInterval(599) && expiresAt <= readBefore.addingTimeInterval(601))
            try await memory.delete(key: "cache:a", caller: user.caller)
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "cache:a", caller: user.caller) }
            // Deleting what is not there is fine.
            try await memory.delete(key: "cache:a", caller: user.caller)
        }
    }

    @Test func valuesExpireAfterTheirTTLEvenWhenCached() async throws {
        // The hot-key cache keeps values 30 s here; it must still honour the value's own 3 s (not 1 s: a CI run
        // stalled more than a second between the write and the first read, and the value was rightly gone).
        try await MemoryFixture.run(hotCacheTTL: .seconds(30)) { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            try await memory.store(key: "short", StoreValueRequest(data: .string("soon gone"), ttlSeconds: 3), caller: user.caller)
            let entry = try await memory.retrieve(key: "short", caller: user.caller)
            #expect(entry.data == .string("soon gone"))
            // Expiries fall on whole seconds, at least the TTL away: 3 to 4 s after the write (a loaded machine may
            // take a while to read it back).
            let expiresAt = try #require(entry.expiresAt)
            #expect(expiresAt.timeIntervalSince1970 == expiresAt.timeIntervalSince1970.rounded())
            #expect((0...4.1).contains(expiresAt.timeIntervalSinceNow))
            #expect(try await memory.retrieve(key: "short", caller: user.caller).data == .string("soon gone"))
            #expect(memory.cache.statistics.hits >= 1)
            // Time itself is what is tested here: wait until just past the expiry, then expect it gone from both levels.
            try await Task.sleep(for: .milliseconds(Int64(max(0, expiresAt.timeIntervalSinceNow) * 1000) + 100))
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "short", caller: user.caller) }
            // And Redis itself removed it.
            let redisKey = MemoryKeys(userId: user.id).redisKey("short")
            #expect(try await memory.keys.retrieve(redisKey) == nil)
        }
    }

    @Test func theSameKeyOfTwoUsersNeverMeets() async throws {
        try await MemoryFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let memory = fixture.memory[0]
            try await memory.store(key: "profile", StoreValueRequest(data: .string("ada's")), caller: ada.caller)
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "profile", caller: bob.caller) }
            try await memory.store(key: "profile", StoreValueRequest(data: .string("bob's")), caller: bob.caller)
            #expect(try await memory.retrieve(key: "profile", caller: ada.caller).data == .string("ada's"))
            #expect(try await memory.retrieve(key: "profile", caller: bob.caller).data == .string("bob's"))
            try await memory.delete(key: "profile", caller: bob.caller)
            #expect(try await memory.retrieve(key: "profile", caller: ada.caller).data == .string("ada's"))
        }
    }

    @Test func valuesUpTo256KiB() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            // A JSON string of n characters encodes as n + 2 bytes (the quotes).
            let largest = String(repeating: "x", count: MemoryRules.maxValueBytes - 2)
            try await memory.store(key: "big", StoreValueRequest(data: .string(largest)), caller: user.caller)
            #expect(try await memory.retrieve(key: "big", caller: user.caller).data == .string(largest))
            let error = await expectAppError(.validationFailed) {
                try await memory.store(key: "big", StoreValueRequest(data: .string(largest + "x")), caller: user.caller)
            }
            #expect(error?.details?["field"] == .string("data"))
        }
    }

    @Test func invalidateDeletesOnlyTheCallersMatchingKeys() async throws {
        try await MemoryFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let memory = fixture.memory[0]
            let keys = ["cache:1", "cache:2", "cache:x:3", "other", "../escape", "a*b", "[x]", "back\\slash"]
            for user in [ada, bob] {
                for key in keys { try await memory.store(key: key, StoreValueRequest(data: .string(key)), caller: user.caller) }
            }
            #expect(try await memory.invalidate(InvalidateRequest(pattern: "cache:*"), caller: ada.caller).deleted == 3)
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "cache:1", caller: ada.caller) }
            #expect(try await memory.retrieve(key: "other", caller: ada.caller).data == .string("other"))

            // Attempts to reach past the caller's namespace match nothing outside it.
            let bobsPrefix = "memory:\(bob.id.uuidString.lowercased()):"
            let attempts = [
                "../*", "..*", "*\(bob.id.uuidString.lowercased())*", "\\*", "[", "[*", "*[", "\\", "*\\", "[^a]*",
                "../\(bob.id.uuidString.lowercased()):*", bobsPrefix + "*", "memory:*", "*:*", "?*",
            ]
            for pattern in attempts {
                _ = try await memory.invalidate(InvalidateRequest(pattern: pattern), caller: ada.caller)
            }
            // Literal matches stay literal: `\*` matched only a key named `*` (none), `a\*b` only `a*b`.
            for key in keys {
                #expect(try await memory.retrieve(key: key, caller: bob.caller).data == .string(key), "bob's \(key)")
            }
            // `*` takes the rest of ada's, and only ada's.
            let restOfAda = try await memory.invalidate(InvalidateRequest(pattern: "*"), caller: ada.caller).deleted
            #expect(restOfAda == 0, "the escape attempts above already removed what they matched of ada's own keys")
            #expect(try await memory.invalidate(InvalidateRequest(pattern: "*"), caller: bob.caller).deleted == keys.count)
        }
    }

    @Test func escapedGlobCharactersMatchLiterally() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            for key in ["a*b", "axb", "[x]", "x"] {
                try await memory.store(key: key, StoreValueRequest(data: .null), caller: user.caller)
            }
            #expect(try await memory.invalidate(InvalidateRequest(pattern: "a\\*b"), caller: user.caller).deleted == 1)
            #expect(try await memory.retrieve(key: "axb", caller: user.caller).data == .null)
            #expect(try await memory.invalidate(InvalidateRequest(pattern: "\\[x\\]"), caller: user.caller).deleted == 1)
            #expect(try await memory.retrieve(key: "x", caller: user.caller).data == .null)
        }
    }

    @Test func invalidateWalksManyKeysInBatches() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            let count = 2_500
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in stride(from: worker, to: count, by: 8) {
                            try await memory.store(key: "bulk:\(i)", StoreValueRequest(data: .number(Double(i))), caller: user.caller)
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await memory.store(key: "keep", StoreValueRequest(data: .null), caller: user.caller)
            #expect(try await memory.invalidate(InvalidateRequest(pattern: "bulk:*"), caller: user.caller).deleted == count)
            #expect(try await memory.retrieve(key: "keep", caller: user.caller).data == .null)
        }
    }

    @Test func flushRemovesTheCallersKeysAndEmbeddingsOnly() async throws {
        try await MemoryFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let memory = fixture.memory[0]
            for user in [ada, bob] {
                try await memory.store(key: "k1", StoreValueRequest(data: .number(1)), caller: user.caller)
                try await memory.store(key: "k2", StoreValueRequest(data: .number(2), ttlSeconds: 60), caller: user.caller)
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 2, 3]), caller: user.caller)
            }
            #expect(try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 2, 3]), caller: ada.caller).count == 1)
            try await memory.flush(caller: ada.caller)
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "k1", caller: ada.caller) }
            await expectAppError(.notFound) { _ = try await memory.retrieve(key: "k2", caller: ada.caller) }
            #expect(try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 2, 3]), caller: ada.caller).isEmpty)
            #expect(try await memory.retrieve(key: "k1", caller: bob.caller).data == .number(1))
            #expect(try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 2, 3]), caller: bob.caller).count == 1)
            // The dimension is free again after a flush.
            try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 2]), caller: ada.caller)
            #expect(try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 2]), caller: ada.caller).count == 1)
        }
    }

    @Test func hotKeysAreServedFromTheCache() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            try await memory.store(key: "hot", StoreValueRequest(data: .string("v1")), caller: user.caller)
            let before = memory.cache.statistics
            for _ in 0..<10 { _ = try await memory.retrieve(key: "hot", caller: user.caller) }
            let after = memory.cache.statistics
            #expect(after.misses - before.misses == 1)
            #expect(after.hits - before.hits == 9)
            // A write on this replica is seen at once.
            try await memory.store(key: "hot", StoreValueRequest(data: .string("v2")), caller: user.caller)
            #expect(try await memory.retrieve(key: "hot", caller: user.caller).data == .string("v2"))

            let metrics = try await fixture.send("GET", "/metrics", via: fixture.memoryURLs[0])
            #expect(metrics.body.contains("memory_cache_hits"))
            #expect(metrics.body.contains("memory_cache_misses"))
        }
    }
}
