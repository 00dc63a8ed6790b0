import Contracts
import Foundation
import Synchronization

/// The first level of the read path: recently read values in process, bounded by bytes, each kept at most a short
/// time (and never past its own expiry), least recently used evicted first. Redis stays the truth; this only saves
/// the round trip for hot keys. Coherence: every write, delete, invalidate and flush on any replica removes the
/// affected entries here (`MemoryInvalidationFeed`), and a value read from Redis is only cached if no invalidation
/// of its user arrived while it was being read (`generation(for:)`), so an old value cannot be put back after its
/// invalidation. Generations are counted in a fixed number of stripes (users hashed onto them), so the bookkeeping
/// stays bounded however many users there are, and one user's writes rarely stop another's values from being cached.
public final class HotKeyCache: Sendable {
    public struct Statistics: Sendable, Equatable {
        public var hits: Int
        public var misses: Int
        public var entries: Int
        public var bytes: Int
    }

    struct Node {
        var key: String
        var userId: UUID
        var entry: MemoryEntry
        var bytes: Int
        var validUntil: ContinuousClock.Instant
        var previous: Int
        var next: Int
    }

    /// A doubly linked list threaded through `nodes` (most recent at `head`), with free slots reused.
    struct State {
        var nodes: [Node] = []
        var free: [Int] = []
        var index: [String: Int] = [:]
        var head = -1
        var tail = -1
        var bytes = 0
        var generations = [UInt64](repeating: 0, count: HotKeyCache.stripes)
        var hits = 0
        var misses = 0
    }

    public let capacityBytes: Int
    public let timeToLive: Duration
    private let state = Mutex(State())
    private let metrics = MemoryMetrics.shared

    static let stripes = 1024

    /// Rough bookkeeping cost of one entry beyond its key and JSON bytes.
    static let entryOverhead = 96

    public init(capacityBytes: Int, timeToLive: Duration) {
        self.capacityBytes = capacityBytes
        self.timeToLive = timeToLive
    }

    public var isEnabled: Bool { capacityBytes > 0 }

    /// The generation to pass to `insert` after reading one of the user's values from Redis.
    public func generation(for userId: UUID) -> UInt64 {
        let stripe = Self.stripe(userId)
        return state.withLock { $0.generations[stripe] }
    }

    static func stripe(_ userId: UUID) -> Int {
        let bytes = userId.uuid
        return (Int(bytes.14) << 8 | Int(bytes.15)) % stripes
    }

    /// The cached entry of a Redis key, counting a hit or a miss.
    public func lookup(_ redisKey: String, now: ContinuousClock.Instant = .now) -> MemoryEntry? {
        guard isEnabled else { return nil }
        let found: MemoryEntry? = state.withLock { state in
            guard let slot = state.index[redisKey] else {
                state.misses += 1
                return nil
            }
            guard state.nodes[slot].validUntil > now else {
                Self.remove(slot, from: &state)
                state.misses += 1
                return nil
            }
            Self.moveToFront(slot, in: &state)
            state.hits += 1
            return state.nodes[slot].entry
        }
        if found == nil { metrics.cacheMisses.increment() } else { metrics.cacheHits.increment() }
        return found
    }

    /// Caches a value just read from Redis, unless an invalidation arrived since `generation` was taken.
    public func insert(
        _ redisKey: String, userId: UUID, entry: MemoryEntry, jsonBytes: Int, readAt generation: UInt64,
        now: ContinuousClock.Instant = .now, wallClock: Date = Date()
    ) {
        guard isEnabled else { return }
        let bytes = redisKey.utf8.count + jsonBytes + Self.entryOverhead
        guard bytes <= capacityBytes / 4 else { return }
        var validUntil = now + timeToLive
        if let expiresAt = entry.expiresAt {
            let remaining = expiresAt.timeIntervalSince(wallClock)
            guard remaining > 0 else { return }
            validUntil = min(validUntil, now + .milliseconds(Int64(remaining * 1000)))
        }
        let stripe = Self.stripe(userId)
        let total: Int = state.withLock { state in
            guard state.generations[stripe] == generation else { return state.bytes }
            if let slot = state.index[redisKey] { Self.remove(slot, from: &state) }
            let node = Node(key: redisKey, userId: userId, entry: entry, bytes: bytes, validUntil: validUntil, previous: -1, next: state.head)
            let slot: Int
            if let reused = state.free.popLast() {
                state.nodes[reused] = node
                slot = reused
            } else {
                state.nodes.append(node)
                slot = state.nodes.count - 1
            }
            if state.head >= 0 { state.nodes[state.head].previous = slot }
            state.head = slot
            if state.tail < 0 { state.tail = slot }
            state.index[redisKey] = slot
            state.bytes += bytes
            while state.bytes > capacityBytes, state.tail >= 0 { Self.remove(state.tail, from: &state) }
            return state.bytes
        }
        metrics.cacheBytes.record(total)
    }

    /// One key of a user changed somewhere.
    public func invalidate(_ redisKey: String, userId: UUID) {
        let stripe = Self.stripe(userId)
        state.withLock { state in
            state.generations[stripe] &+= 1
            if let slot = state.index[redisKey] { Self.remove(slot, from: &state) }
        }
    }

    /// Several of a user's keys changed (invalidate by pattern, flush): drop all of that user's entries.
    public func invalidate(userId: UUID) {
        let stripe = Self.stripe(userId)
        state.withLock { state in
            state.generations[stripe] &+= 1
            let slots = state.index.values.filter { state.nodes[$0].userId == userId }
            for slot in slots { Self.remove(slot, from: &state) }
        }
    }

    /// Invalidations may have been missed: drop everything.
    public func removeAll() {
        state.withLock { state in
            let generations = state.generations.map { $0 &+ 1 }
            let (hits, misses) = (state.hits, state.misses)
            state = State()
            state.generations = generations
            state.hits = hits
            state.misses = misses
        }
    }

    public var statistics: Statistics {
        state.withLock { Statistics(hits: $0.hits, misses: $0.misses, entries: $0.index.count, bytes: $0.bytes) }
    }

    private static func moveToFront(_ slot: Int, in state: inout State) {
        guard state.head != slot else { return }
        unlink(slot, in: &state)
        state.nodes[slot].previous = -1
        state.nodes[slot].next = state.head
        if state.head >= 0 { state.nodes[state.head].previous = slot }
        state.head = slot
        if state.tail < 0 { state.tail = slot }
    }

    private static func unlink(_ slot: Int, in state: inout State) {
        let (previous, next) = (state.nodes[slot].previous, state.nodes[slot].next)
        if previous >= 0 { state.nodes[previous].next = next } else { state.head = next }
        if next >= 0 { state.nodes[next].previous = previous } else { state.tail = previous }
    }

    private static func remove(_ slot: Int, from state: inout State) {
        unlink(slot, in: &state)
        state.index[state.nodes[slot].key] = nil
        state.bytes -= state.nodes[slot].bytes
        // Release the value now rather than when the slot is reused.
        state.nodes[slot].entry = MemoryEntry(key: "", data: .null)
        state.free.append(slot)
    }
}
