import Contracts
import Foundation
import Logging
import Redis
import ServiceKit

/// The values in Redis under `memory:{userId}:{key}`, each the JSON text of its `data`, with the TTL as the key's
/// own expiry (so Redis removes expired values by itself).
public struct MemoryKeyStore: Sendable {
    let redis: RedisClient
    /// Keys deleted per `SCAN` batch: one `UNLINK` per batch of at most this many.
    static let scanCount = 1000

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// Replaces the value and its TTL; returns when it expires. The expiry is a whole second (`EXAT`), at least
    /// `ttlSeconds` away, so `expiresAt` reads the same in process and in JSON (docs/api.md timestamps have whole seconds).
    public func store(_ redisKey: String, json: [UInt8], ttlSeconds: Int?) async throws -> Date? {
        guard let ttlSeconds else {
            try await redis.set(redisKey, .bytes(json))
            return nil
        }
        let expiresAt = (Date().timeIntervalSince1970.rounded(.up) + Double(ttlSeconds))
        try await redis.send("SET", [.string(redisKey), .bytes(json), "EXAT", .int(Int(expiresAt))])
        return Date(timeIntervalSince1970: expiresAt)
    }

    /// The JSON text and the absolute expiry (`PEXPIRETIME`, Redis 7) in one round trip; nil when absent.
    public func retrieve(_ redisKey: String) async throws -> (json: [UInt8], expiresAt: Date?)? {
        let replies = try await redis.pipeline([["GET", .string(redisKey)], ["PEXPIRETIME", .string(redisKey)]])
        guard replies.count == 2 else { throw RedisError.protocolError("expected two replies, got \(replies.count)") }
        if let message = replies[0].errorMessage { throw RedisError.server(message) }
        guard let json = replies[0].bytes else { return nil }
        let expiresAt: Date? =
            if let milliseconds = replies[1].int, milliseconds > 0 { Date(timeIntervalSince1970: Double(milliseconds) / 1000) } else { nil }
        return (json, expiresAt)
    }

    public func delete(_ redisKey: String) async throws {
        try await redis.send("UNLINK", [.string(redisKey)])
    }

    /// Deletes every key matching `match` that starts with `prefix`, walking the keyspace with `SCAN … MATCH` in
    /// batches (never `KEYS`, which would block Redis for the whole keyspace). Returns how many were deleted.
    public func deleteMatching(_ match: String, prefix: String) async throws -> Int {
        var cursor = "0"
        var deleted = 0
        repeat {
            let reply = try await redis.send("SCAN", [.string(cursor), "MATCH", .string(match), "COUNT", .int(Self.scanCount)])
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else {
                throw RedisError.protocolError("unexpected SCAN reply \(reply)")
            }
            cursor = next
            // SCAN can only return keys matching `match`, which starts with the literal prefix; checked anyway, since
            // deleting another user's key is the one thing this must never do.
            let names = keys.compactMap(\.bytes).filter { $0.starts(with: prefix.utf8) }
            if !names.isEmpty {
                let reply = try await redis.send([.string("UNLINK")] + names.map(RedisArgument.bytes))
                deleted += Int(reply.int ?? 0)
            }
        } while cursor != "0"
        return deleted
    }

    /// `SCAN` batches one page of `list` may walk: a caller with few keys in a big keyspace gets a page with fewer
    /// keys (even none) and a cursor, rather than a request that walks the whole keyspace.
    static let listBatchesPerPage = 16

    /// One page of a walk over the keys matching `match` under `prefix`, with their expiry: up to `limit` names
    /// (without the prefix) and where the next page starts, nil when the walk is over. A batch with more matches
    /// than the page has room for is cut, and the cursor says how many of its matches were already returned.
    public func list(_ match: String, prefix: String, limit: Int, from cursor: MemoryKeyCursor?) async throws
        -> (keys: [MemoryKeyInfo], next: MemoryKeyCursor?)
    {
        var scan = cursor?.scan ?? 0
        var skip = cursor?.skip ?? 0
        var names: [String] = []
        var next: MemoryKeyCursor?
        for _ in 0..<Self.listBatchesPerPage {
            let reply = try await redis.send("SCAN", [.string(String(scan)), "MATCH", .string(match), "COUNT", .int(Self.scanCount)])
            guard let parts = reply.array, parts.count == 2, let following = parts[0].string.flatMap(UInt64.init), let keys = parts[1].array else {
                throw RedisError.protocolError("unexpected SCAN reply \(reply)")
            }
            let batch = keys.compactMap(\.bytes).filter { $0.starts(with: prefix.utf8) }.dropFirst(skip)
                .map { String(decoding: $0.dropFirst(prefix.utf8.count), as: UTF8.self) }
            let room = limit - names.count
            if batch.count > room {
                names += batch.prefix(room)
                next = MemoryKeyCursor(scan: scan, skip: skip + room)
                break
            }
            names += batch
            scan = following
            skip = 0
            next = scan == 0 ? nil : MemoryKeyCursor(scan: scan, skip: 0)
            if next == nil || names.count == limit { break }
        }
        guard !names.isEmpty else { return ([], next) }
        // -2: gone since the SCAN (expired or deleted), left out; -1: no TTL.
        let expiries = try await redis.pipeline(names.map { ["PEXPIRETIME", .string(prefix + $0)] })
        var listed: [MemoryKeyInfo] = []
        for (name, expiry) in zip(names, expiries) {
            if let message = expiry.errorMessage { throw RedisError.server(message) }
            guard let milliseconds = expiry.int, milliseconds != -2 else { continue }
            listed.append(MemoryKeyInfo(key: name, expiresAt: milliseconds > 0 ? Date(timeIntervalSince1970: Double(milliseconds) / 1000) : nil))
        }
        return (listed, next)
    }
}
