import Contracts
import Foundation
import Logging
import Redis

/// Lists dead-letter streams and moves their entries back for another try, once the cause is fixed.
///
/// A replay is a new entry on `events:<source>` carrying the original envelope plus `replayFor: <group>`:
/// the group that gave up handles it again (its consumers never marked that event id handled), and every
/// other group acknowledges it without handling, because it already handled the original. Moving is atomic
/// (a Lua script appends the new entry and deletes the dead one), so a crash never loses nor doubles one.
public struct DeadLetterReplayer: Sendable {
    /// The `MAXLEN ~` applied to the stream a replay is appended to; use the publishers' value.
    public let maxLength: Int
    private let redis: RedisClient
    private let logger: Logger

    public init(redis: RedisClient, maxLength: Int = 100_000, logger: Logger) {
        precondition(maxLength > 0, "maxLength must be positive")
        self.redis = redis
        self.maxLength = maxLength
        self.logger = logger
    }

    /// Dead letters of `source`, oldest first, starting after the entry id `after` (exclusive).
    public func deadLetters(source: String, after: String? = nil, count: Int = 100) async throws -> [DeadLetter] {
        let start = after.map { "(\($0)" } ?? "-"
        let reply = try await redis.send("XRANGE", [
            .string(EventStream.deadLetterName(source: source)), .string(start), "+", "COUNT", .int(max(1, count)),
        ])
        let decoder = JSONCoding.makeDecoder()
        return try StreamReply.entries(reply).map { entry in
            let fields = entry.fields ?? [:]
            let text = { (name: String) in fields[name].map { String(decoding: $0, as: UTF8.self) } }
            let raw = fields["envelope"] ?? []
            return DeadLetter(
                entryID: entry.id,
                originalID: text("originalId"),
                group: text("group"),
                error: text("error"),
                deliveryCount: text("deliveries").flatMap { Int($0) },
                eventID: text("id"),
                type: text("type"),
                envelope: try? decoder.decode(EventEnvelope.self, from: Data(raw)),
                rawEnvelope: raw
            )
        }
    }

    /// Moves the given dead entries back to `events:<source>`, in the order given. Returns each new entry
    /// id, or nil for an id no longer on the dead stream (already replayed, or trimmed).
    @discardableResult
    public func replay(source: String, ids: [String]) async throws -> [String?] {
        let keys = [EventStream.deadLetterName(source: source), EventStream.name(source: source)]
        var newIDs: [String?] = []
        for id in ids {
            let reply = try await redis.eval(EventBusScripts.replay, keys: keys, arguments: [.string(id), .int(maxLength)])
            newIDs.append(reply.string)
        }
        let moved = newIDs.compactMap { $0 }.count
        logger.info("dead letters replayed", metadata: ["events.source": "\(source)", "count": "\(moved)", "requested": "\(ids.count)"])
        return newIDs
    }

    /// Replays up to `limit` dead letters of `source`, oldest first; with `group`, only those that group gave
    /// up on. Returns how many were moved.
    @discardableResult
    public func replayAll(source: String, group: String? = nil, limit: Int = 1_000) async throws -> Int {
        var moved = 0
        var cursor: String?
        while moved < limit {
            let page = try await deadLetters(source: source, after: cursor, count: min(100, limit - moved))
            guard let last = page.last else { break }
            cursor = last.entryID
            let chosen = page.filter { group == nil || $0.group == group }.map(\.entryID)
            moved += try await replay(source: source, ids: chosen).compactMap { $0 }.count
        }
        return moved
    }
}
