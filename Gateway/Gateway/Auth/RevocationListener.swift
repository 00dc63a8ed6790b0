import Foundation
import Logging
import Redis
import ServiceKit
import ServiceLifecycle

/// Keeps `RevocationCache` in step with auth: subscribes to the revocation channel, then loads the revocation keys
/// already in Redis (subscribing first means nothing published in between is missed). When the connection drops it
/// reconnects with backoff and loads again. While Redis is unreachable the cache keeps what it has (fail open:
/// a token revoked during an outage works until it expires, at most one access-token lifetime).
public struct RevocationListener: Service {
    let redis: RedisClient
    let cache: RevocationCache
    let logger: Logger

    public init(redis: RedisClient, cache: RevocationCache, logger: Logger) {
        self.redis = redis
        self.cache = cache
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await listen() }
    }

    private func listen() async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            var connected = false
            do {
                try await listenOnce { connected = true }
            } catch {
                if Task.isCancelled { break }
                if connected { delay = .milliseconds(100) }
                logger.warning("revocation feed interrupted; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
            }
            // Full jitter: replicas that lost Redis together do not come back in lockstep.
            try? await Task.sleep(for: .milliseconds(Int64.random(in: 0...delay.milliseconds)))
            delay = min(delay * 2, .seconds(5))
        }
    }

    private func listenOnce(onConnected: () -> Void) async throws {
        try await redis.withDedicatedConnection { connection in
            let messages = try await connection.subscribe(channels: [RevocationKeys.channel])
            try await loadExisting()
            onConnected()
            logger.debug("revocation feed connected", metadata: ["cached": "\(cache.count)"])
            for try await message in messages {
                if let notice = try? SharedCoders.decoder.decode(RevocationNotice.self, from: Data(message.payload)) {
                    cache.record(notice)
                }
            }
            throw RedisError.connectionClosed
        }
    }

    /// Reads every `auth:revoked:*` key with its remaining time to live.
    func loadExisting() async throws {
        var cursor = "0"
        repeat {
            let reply = try await redis.send("SCAN", [.string(cursor), "MATCH", .string(RevocationKeys.pattern), "COUNT", "1000"])
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else { return }
            cursor = next
            let names = keys.compactMap(\.string)
            if names.isEmpty { continue }
            let ttls = try await redis.pipeline(names.map { ["PTTL", .string($0)] })
            let now = Date()
            for (name, ttl) in zip(names, ttls) {
                guard let milliseconds = ttl.int, milliseconds > 0,
                      let notice = RevocationKeys.notice(forKey: name, remaining: Double(milliseconds) / 1000, now: now)
                else { continue }
                cache.record(notice, now: now)
            }
        } while cursor != "0"
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
