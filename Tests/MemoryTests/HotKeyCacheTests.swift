import Contracts
import Foundation
@testable import Memory
import ServiceKit
import Testing

/// The in-process level on its own, with an injected clock: byte bound, LRU order, TTL, expiry, generations.
@Suite("Hot-key cache")
struct HotKeyCacheTests {
    let user = UUID()
    let start = ContinuousClock.now

    func entry(_ key: String, bytes: Int = 100, expiresAt: Date? = nil) -> (String, MemoryEntry, Int) {
        (key, MemoryEntry(key: key, data: .string(String(repeating: "x", count: bytes)), expiresAt: expiresAt), bytes + 2)
    }

    func put(_ cache: HotKeyCache, _ key: String, bytes: Int = 100, expiresAt: Date? = nil, at now: ContinuousClock.Instant? = nil) {
        let (key, value, json) = entry(key, bytes: bytes, expiresAt: expiresAt)
        cache.insert(key, userId: user, entry: value, jsonBytes: json, readAt: cache.generation(for: user), now: now ?? start)
    }

    @Test func evictsTheLeastRecentlyUsedToStayWithinItsBytes() {
        // Each entry costs its key, its JSON and the overhead: 1 + 152 + 96 = 249 bytes here, so 1000 bytes hold four.
        let cache = HotKeyCache(capacityBytes: 1000, timeToLive: .seconds(60))
        for key in ["a", "b", "c", "d"] { put(cache, key, bytes: 150) }
        #expect(cache.statistics.entries == 4)
        #expect(cache.lookup("a", now: start) != nil)
        put(cache, "e", bytes: 150)
        #expect(cache.statistics.bytes <= 1000)
        #expect(cache.lookup("b", now: start) == nil, "b was the least recently used")
        #expect(cache.lookup("a", now: start) != nil)
        #expect(cache.lookup("e", now: start) != nil)
    }

    @Test func entriesEndAfterTheTTLOrTheirOwnExpiry() {
        let cache = HotKeyCache(capacityBytes: 1 << 20, timeToLive: .seconds(2))
        let wall = Date()
        put(cache, "short-ttl")
        let (key, value, json) = entry("expiring", expiresAt: wall.addingTimeInterval(1))
        cache.insert(key, userId: user, entry: value, jsonBytes: json, readAt: cache.generation(for: user), now: start, wallClock: wall)
        #expect(cache.lookup("expiring", now: start + .milliseconds(900)) != nil)
        #expect(cache.lookup("expiring", now: start + .milliseconds(1100)) == nil)
        #expect(cache.lookup("short-ttl", now: start + .milliseconds(1900)) != nil)
        #expect(cache.lookup("short-ttl", now: start + .milliseconds(2100)) == nil)
    }

    @Test func aValueReadBeforeAnInvalidationIsNotCached() {
        let cache = HotKeyCache(capacityBytes: 1 << 20, timeToLive: .seconds(60))
        let generation = cache.generation(for: user)
        cache.invalidate("k", userId: user)
        let (key, value, json) = entry("k")
        cache.insert(key, userId: user, entry: value, jsonBytes: json, readAt: generation, now: start)
        #expect(cache.lookup("k", now: start) == nil)
        put(cache, "k")
        #expect(cache.lookup("k", now: start) != nil)
        cache.invalidate(userId: user)
        #expect(cache.lookup("k", now: start) == nil)
    }

    @Test func offCachesNothing() {
        let cache = HotKeyCache(capacityBytes: 0, timeToLive: .seconds(60))
        put(cache, "k")
        #expect(cache.lookup("k", now: start) == nil)
        #expect(cache.statistics.entries == 0)
    }

    /// A metric binds to the backend of the moment it is made: a cache built before any service (as here) must
    /// still count on `/metrics` — once it did not, and `memory_cache_*` stayed no-ops for the whole process.
    @Test func aCacheMadeBeforeAnyServiceStillCountsOnMetrics() {
        let cache = HotKeyCache(capacityBytes: 1 << 20, timeToLive: .seconds(60))
        #expect(cache.lookup("never-stored-\(UUID())", now: start) == nil)
        let rendered = String(decoding: Observability.registry.emitToBuffer(), as: UTF8.self)
        #expect(rendered.contains("memory_cache_misses"))
    }
}
