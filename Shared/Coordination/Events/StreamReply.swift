import Redis

/// Parsers for the stream replies the event bus reads. Replies are RESP2 arrays; a shape that does not match
/// is a protocol error rather than something to skip silently, since skipping would lose entries.
enum StreamReply {
    /// One entry as Redis returns it. `fields` is nil for an entry that was deleted (trimmed) while still
    /// pending: XAUTOCLAIM in Redis 6.2 and history reads report those with a null body.
    struct Entry: Sendable {
        let id: String
        let fields: [String: [UInt8]]?
    }

    /// XREADGROUP / XREAD: null on timeout, else `[[stream, [entry…]]…]`.
    static func streams(_ reply: RESPValue) throws -> [(stream: String, entries: [Entry])] {
        if reply.isNull { return [] }
        guard let streams = reply.array else { throw unexpected("XREADGROUP", reply) }
        return try streams.map { element in
            guard let pair = element.array, pair.count == 2, let name = pair[0].string, let entries = pair[1].array else {
                throw unexpected("XREADGROUP", reply)
            }
            return (name, try entries.map(entry))
        }
    }

    /// XRANGE: `[entry…]`.
    static func entries(_ reply: RESPValue) throws -> [Entry] {
        guard let entries = reply.array else { throw unexpected("XRANGE", reply) }
        return try entries.map(entry)
    }

    /// XAUTOCLAIM: `[next cursor, [entry…], [deleted id…]]` (the third element exists from Redis 7.0).
    static func autoclaim(_ reply: RESPValue) throws -> (cursor: String, entries: [Entry], deleted: [String]) {
        guard let parts = reply.array, parts.count >= 2, let cursor = parts[0].string, let entries = parts[1].array else {
            throw unexpected("XAUTOCLAIM", reply)
        }
        let deleted = parts.count > 2 ? (parts[2].array ?? []).compactMap(\.string) : []
        return (cursor, try entries.map(entry), deleted)
    }

    /// The delivery count from `XPENDING key group id id 1`: `[[id, consumer, idle, count]]`, or nil when the
    /// entry is no longer pending.
    static func deliveryCount(_ reply: RESPValue) -> Int? {
        guard let rows = reply.array, let row = rows.first?.array, row.count == 4, let count = row[3].int else { return nil }
        return Int(count)
    }

    /// RESP2 renders maps (XINFO) as flat `[key, value, key, value…]` arrays.
    static func map(_ reply: RESPValue) -> [String: RESPValue] {
        guard let flat = reply.array else { return [:] }
        var map: [String: RESPValue] = [:]
        var index = 0
        while index + 1 < flat.count {
            if let key = flat[index].string { map[key] = flat[index + 1] }
            index += 2
        }
        return map
    }

    static func entry(_ value: RESPValue) throws -> Entry {
        guard let pair = value.array, pair.count == 2, let id = pair[0].string else {
            throw unexpected("stream entry", value)
        }
        if pair[1].isNull { return Entry(id: id, fields: nil) }
        guard let flat = pair[1].array, flat.count.isMultiple(of: 2) else { throw unexpected("stream entry", value) }
        var fields: [String: [UInt8]] = [:]
        var index = 0
        while index < flat.count {
            guard let key = flat[index].string, let body = flat[index + 1].bytes else { throw unexpected("stream entry", value) }
            fields[key] = body
            index += 2
        }
        return Entry(id: id, fields: fields)
    }

    private static func unexpected(_ what: String, _ reply: RESPValue) -> RedisError {
        .protocolError("unexpected \(what) reply: \(String(describing: reply).prefix(200))")
    }
}
