import Contracts
import Foundation
import Logging
import Redis
import ServiceKit
import ServiceLifecycle
import Synchronization

/// Keeps this replica's hot-key cache and embedding indexes coherent with the others over Redis pub/sub.
///
/// A change is applied here, then published on the deployment's channel; every other replica applies it and
/// acknowledges it on the origin's own ack channel, and `publish` returns once every replica the message reached has
/// acknowledged (or after `ackTimeout`). So when a write is answered, the other replicas' caches already forgot the
/// old value: a read anywhere right after it sees the new one.
///
/// Pub/sub rather than a stream: an invalidation is only useful now, and a replica that was not listening has
/// nothing cached that it could apply it to. When the subscription drops, messages may have been missed, so on every
/// (re)connect the whole cache and every index are dropped; until then entries still end after the cache's short TTL.
public final class MemoryInvalidationFeed: Service, Sendable {
    public let instanceId = UUID.random()
    public let channel: String
    let ackChannel: String
    let ackTimeout: Duration
    let redis: RedisClient
    let cache: HotKeyCache
    let indexes: EmbeddingIndexRegistry
    let logger: Logger

    private struct Subscription {
        var active = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// A published message waiting for its acknowledgements; `expected` is known once PUBLISH answered.
    private struct PendingAck {
        var received = 0
        var expected: Int?
        var continuation: CheckedContinuation<Void, Never>?
    }

    private let subscription = Mutex(Subscription())
    private let pending = Mutex<[UUID: PendingAck]>([:])

    public init(
        redis: RedisClient, cache: HotKeyCache, indexes: EmbeddingIndexRegistry, logger: Logger,
        channel: String = MemoryInvalidation.defaultChannel, ackTimeout: Duration = .milliseconds(250)
    ) {
        self.redis = redis
        self.cache = cache
        self.indexes = indexes
        self.logger = logger
        self.channel = channel
        self.ackChannel = MemoryInvalidation.ackChannel(channel, origin: instanceId)
        self.ackTimeout = ackTimeout
    }

    // MARK: Publishing

    /// Tells every replica (this one included, at once) about a change.
    public func publish(_ kind: MemoryInvalidation.Kind, userId: UUID, key: String? = nil) async {
        await publish(MemoryInvalidation(origin: instanceId, kind: kind, userId: userId, key: key))
    }

    /// Tells the other replicas about an embedding this one stored (and applied to its own index already).
    public func publishEmbedding(userId: UUID, _ embedding: StoredEmbedding) async {
        await publish(MemoryInvalidation.embedding(origin: instanceId, userId: userId, embedding))
    }

    private func publish(_ message: MemoryInvalidation) async {
        applyLocally(message)
        let payload: Data
        do {
            payload = try SharedCoders.encoder.encode(message)
        } catch {
            logger.error("could not encode a memory invalidation", metadata: ["error": "\(error)"])
            return
        }
        pending.withLock { $0[message.id] = PendingAck() }
        do {
            let receivers = try await redis.publish(channel, .bytes(Array(payload)))
            let listening = subscription.withLock { $0.active }
            await waitForAcks(message.id, expected: max(0, receivers - (listening ? 1 : 0)))
        } catch {
            _ = pending.withLock { $0.removeValue(forKey: message.id) }
            // The change itself is done; other replicas see it when their entries expire (the cache's TTL) or
            // when their feed reconnects.
            logger.warning("could not publish a memory invalidation", metadata: ["error": "\(error)", "kind": "\(message.kind.rawValue)"])
        }
    }

    private func waitForAcks(_ id: UUID, expected: Int) async {
        let done = pending.withLock { state -> Bool in
            state[id]?.expected = expected
            guard let entry = state[id], entry.received < expected else {
                state[id] = nil
                return true
            }
            return false
        }
        guard !done else { return }
        let timeout = ackTimeout
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let ready = self.pending.withLock { state -> Bool in
                        guard var entry = state[id] else { return true }
                        if entry.received >= expected {
                            state[id] = nil
                            return true
                        }
                        entry.continuation = continuation
                        state[id] = entry
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                if let entry = self.pending.withLock({ $0.removeValue(forKey: id) }) {
                    self.logger.warning(
                        "memory invalidation not acknowledged by every replica in time",
                        metadata: ["expected": "\(expected)", "received": "\(entry.received)"]
                    )
                    entry.continuation?.resume()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    private func acknowledged(_ id: UUID) {
        let continuation = pending.withLock { state -> CheckedContinuation<Void, Never>? in
            guard var entry = state[id] else { return nil }
            entry.received += 1
            if let expected = entry.expected, entry.received >= expected {
                state[id] = nil
                return entry.continuation
            }
            state[id] = entry
            return nil
        }
        continuation?.resume()
    }

    // MARK: Applying

    private func applyLocally(_ message: MemoryInvalidation) {
        switch message.kind {
        case .key:
            if let key = message.key { cache.invalidate(MemoryKeys(userId: message.userId).redisKey(key), userId: message.userId) }
        case .keys:
            cache.invalidate(userId: message.userId)
        case .embedding:
            break
        case .flush:
            cache.invalidate(userId: message.userId)
            indexes.drop(userId: message.userId)
        }
    }

    func applyRemote(_ message: MemoryInvalidation) {
        guard message.origin != instanceId else { return }
        MemoryMetrics.shared.invalidationsReceived.increment()
        applyLocally(message)
        if message.kind == .embedding {
            if let embedding = message.storedEmbedding {
                indexes.applyRemote(userId: message.userId, embedding)
            } else {
                indexes.drop(userId: message.userId)
            }
        }
    }

    // MARK: Listening

    /// Returns once the feed is subscribed (at start, and again after a reconnect).
    public func waitUntilSubscribed() async {
        await withCheckedContinuation { continuation in
            let ready = subscription.withLock { state -> Bool in
                if state.active { return true }
                state.waiting.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func setSubscribed(_ value: Bool) {
        let waiting = subscription.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.active = value
            guard value else { return [] }
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.listen() }
    }

    private func listen() async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            var connected = false
            do {
                try await redis.withDedicatedConnection { connection in
                    let messages = try await connection.subscribe(channels: [channel, ackChannel])
                    // Whatever was published while unsubscribed is unknown: start clean.
                    cache.removeAll()
                    indexes.dropAll()
                    connected = true
                    setSubscribed(true)
                    for try await message in messages {
                        await handle(message)
                    }
                    throw RedisError.connectionClosed
                }
            } catch {
                setSubscribed(false)
                if Task.isCancelled { break }
                if connected { delay = .milliseconds(100) }
                logger.warning("memory invalidation feed interrupted; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
            }
            let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
            try? await Task.sleep(for: .milliseconds(Int64.random(in: 0...max(1, milliseconds))))
            delay = min(delay * 2, .seconds(5))
        }
        // Shutting down: release anyone still waiting.
        setSubscribed(true)
    }

    private func handle(_ message: RedisPubSubMessage) async {
        if message.channel == ackChannel {
            if let id = UUID(uuidString: message.string) { acknowledged(id) }
            return
        }
        guard let decoded = try? SharedCoders.decoder.decode(MemoryInvalidation.self, from: Data(message.payload)),
              decoded.origin != instanceId
        else { return }
        applyRemote(decoded)
        do {
            try await redis.publish(MemoryInvalidation.ackChannel(channel, origin: decoded.origin), .string(decoded.id.lowercasedString))
        } catch {
            logger.debug("could not acknowledge a memory invalidation", metadata: ["error": "\(error)"])
        }
    }
}
