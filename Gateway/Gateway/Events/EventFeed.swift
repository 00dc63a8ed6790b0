import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Redis
import ServiceKit
import ServiceLifecycle
import Synchronization

/// `GET /api/v1/events`: the caller's domain events as Server-Sent Events, read from the `events:<service>` streams.
///
/// Each event's `id:` is its stream entry id. Entry ids come from the one Redis server's clock, so a single id
/// orders events across streams: `Last-Event-ID` resumes every stream after it. (Two events appended to different
/// streams in the same millisecond with the same sequence number share an id; a resume right between them would skip
/// the second — the price of a plain id, accepted and documented.) While connected, each stream is read from its own
/// position, so that same-millisecond case never loses an event on a live feed. A comment line is sent every 15 s so proxies
/// keep the connection; the stream ends on graceful shutdown. Each subscriber holds one Redis connection, so their
/// number is capped.
final class EventFeed: Sendable {
    let redis: RedisClient
    let logger: Logger
    let sources: [String]
    let heartbeat: Duration
    let maxSubscribers: Int
    let streams: [String]
    private let subscribers = Mutex(0)

    init(redis: RedisClient, logger: Logger, sources: [String] = ["projects", "ai", "learning", "memory", "auth"], heartbeat: Duration = .seconds(15), maxSubscribers: Int = 256) {
        self.redis = redis
        self.logger = logger
        self.sources = sources
        self.heartbeat = heartbeat
        self.maxSubscribers = maxSubscribers
        self.streams = sources.map { EventStream.name(source: $0) }
    }

    /// One thing a subscriber's reader hands on: an event visible to the caller, or the moment for a heartbeat.
    enum Item: Sendable {
        case event(id: String, envelope: EventEnvelope)
        case heartbeat
    }

    /// Where a subscriber starts: after `Last-Event-ID` (header) or `?lastEventId=` (for clients that cannot set
    /// headers: browsers' WebSocket), else "now".
    static func resumeId(of request: Request) -> String? {
        let header = request.headers[HTTPField.Name("Last-Event-ID")!]
        let query = request.uri.queryParameters["lastEventId"].map { String($0) }
        return (header ?? query).flatMap(validEntryId)
    }

    /// Each stream's position for a new subscriber: `resumeFrom` in every stream, or the streams' newest ids.
    func startPositions(resumingAfter resumeFrom: String?) async throws -> [String] {
        // Without a resume id, "now" is pinned to concrete ids before the client hears it is connected: XREAD's `$`
        // would mean "after the first read is registered", and an event published in between would be lost.
        if let resumeFrom { return Array(repeating: resumeFrom, count: streams.count) }
        do {
            return try await Self.newestIds(of: streams) { try await self.redis.send($0, $1) }
        } catch {
            logger.warning("event feed cannot read the streams", metadata: ["error": "\(error)"])
            throw AppError(.serviceUnavailable, "The event feed is unavailable right now; retry later.")
        }
    }

    /// A place among the capped subscribers (SSE and WebSocket count together), given back when the returned object
    /// goes away; 503 when all are taken.
    func admit() throws -> AnyObject & Sendable {
        let admitted = subscribers.withLock { count -> Bool in
            guard count < maxSubscribers else { return false }
            count += 1
            return true
        }
        guard admitted else { throw AppError(.serviceUnavailable, "Too many event subscribers; try again later.") }
        return SubscriberPlace { self.subscribers.withLock { $0 -= 1 } }
    }

    /// Reads the caller's events from `start` until cancelled, into `output` (a bounded buffer: a consumer too slow
    /// to take 1024 pending items is cut off, and resumes from its last id). The one reader behind both the SSE feed
    /// and the WebSocket.
    func items(for caller: Caller, from start: [String]) -> AsyncStream<Item> {
        let (items, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingOldest(1024))
        let task = Task {
            defer { continuation.finish() }
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.read(into: continuation, caller: caller, from: start)
                }
            } catch where !Task.isCancelled {
                self.logger.debug("event subscriber ended", metadata: ["error": "\(error)"])
            } catch {}
        }
        continuation.onTermination = { _ in task.cancel() }
        return items
    }

    func response(for request: Request, caller: Caller) async throws -> Response {
        let start = try await startPositions(resumingAfter: Self.resumeId(of: request))
        // The place is given back when the body closure goes away: after streaming, or unused when the client left
        // before the answer could be written (Hummingbird then never runs the body).
        let place = try admit()

        let feed = self
        let body = ResponseBody { writer in
            withExtendedLifetime(place) {}
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await item in feed.items(for: caller, from: start) {
                switch item {
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                case .event(let id, let envelope):
                    let data = String(decoding: envelope.jsonText(), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(id)\nevent: \(envelope.type)\ndata: \(data)\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body
        )
    }

    /// Entries read per stream and XREAD.
    static let pageSize = 100

    private func read(into output: AsyncStream<Item>.Continuation, caller: Caller, from start: [String]) async throws {
        func emit(_ item: Item) throws {
            if case .dropped = output.yield(item) { throw AppError(.serviceUnavailable, "event subscriber too slow") }
        }
        let clock = ContinuousClock()
        // ": connected" was just written. A heartbeat goes out whenever nothing was sent for `heartbeat` — also while
        // other users' events keep the streams busy, so the connection never looks idle to a proxy.
        var lastSent = clock.now
        // Where each stream is read from next: its own last entry, never another stream's (ids of different streams
        // can tie within a millisecond).
        var positions = Dictionary(uniqueKeysWithValues: zip(streams, start))
        try await redis.withDedicatedConnection { connection in
            while !Task.isCancelled {
                let untilHeartbeat = heartbeat - (clock.now - lastSent)
                if untilHeartbeat <= .zero {
                    try emit(.heartbeat)
                    lastSent = clock.now
                    continue
                }
                let block = untilHeartbeat.redisMilliseconds
                let ids = streams.map { RedisArgument.string(positions[$0] ?? "0-0") }
                let reply = try await connection.send(
                    ["XREAD", "COUNT", .int(Self.pageSize), "BLOCK", .int(block), "STREAMS"] + streams.map(RedisArgument.string) + ids,
                    timeout: .after(untilHeartbeat + .seconds(5))
                )
                for (stream, id, envelope) in Self.batch(in: reply) {
                    positions[stream] = id
                    guard let envelope, envelope.isVisible(to: caller.userId), !envelope.type.contains(where: \.isNewline) else { continue }
                    try emit(.event(id: id, envelope: envelope))
                    lastSent = clock.now
                }
            }
        }
    }

    /// One XREAD's entries in id order, cut so that reading on after the last one loses nothing: a stream that
    /// filled its page may hold more entries older than another stream's newest, so the batch stops at the oldest
    /// full page's end (the rest is read again next time).
    static func batch(in reply: RESPValue) -> [(stream: String, id: String, envelope: EventEnvelope?)] {
        let pages = entriesByStream(in: reply)
        var batch = pages.flatMap { page in page.entries.map { (stream: page.stream, id: $0.0, envelope: $0.1) } }
            .sorted { precedes($0.id, $1.id) }
        let fullPageEnds = pages.filter { $0.entries.count >= pageSize }.compactMap { $0.entries.last?.0 }
        if let cap = fullPageEnds.min(by: precedes) {
            batch.removeAll { precedes(cap, $0.id) }
        }
        return batch
    }

    /// Each stream's newest entry id ("0-0" when it is empty): where a subscriber without Last-Event-ID starts
    /// reading, so that every event appended after it subscribed reaches it.
    static func newestIds(
        of streams: [String], send: (String, [RedisArgument]) async throws -> RESPValue
    ) async throws -> [String] {
        var newest: [String] = []
        for stream in streams {
            let reply = try await send("XREVRANGE", [.string(stream), "+", "-", "COUNT", "1"])
            newest.append(reply.array?.first?.array?.first?.string ?? "0-0")
        }
        return newest
    }

    /// XREAD's reply: `[[stream, [[id, [field, value, …]], …]], …]` → each stream's (id, envelope) pairs, in order.
    static func entriesByStream(in reply: RESPValue) -> [(stream: String, entries: [(String, EventEnvelope?)])] {
        guard let streams = reply.array else { return [] }
        var result: [(stream: String, entries: [(String, EventEnvelope?)])] = []
        for stream in streams {
            guard let parts = stream.array, parts.count == 2, let name = parts[0].string, let items = parts[1].array else { continue }
            var page: [(String, EventEnvelope?)] = []
            for item in items {
                guard let pair = item.array, pair.count == 2, let id = pair[0].string, let fields = pair[1].array else { continue }
                var envelope: EventEnvelope?
                var index = 0
                while index + 1 < fields.count {
                    if fields[index].string == "envelope", let bytes = fields[index + 1].bytes {
                        envelope = try? EventEnvelope(json: bytes)
                    }
                    index += 2
                }
                page.append((id, envelope))
            }
            result.append((stream: name, entries: page))
        }
        return result
    }

    /// Stream ids are `<ms>-<seq>`; compares numerically.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        func parts(_ id: String) -> (UInt64, UInt64) {
            let split = id.split(separator: "-")
            return (UInt64(split.first ?? "") ?? 0, UInt64(split.count > 1 ? split[1] : "") ?? 0)
        }
        return parts(lhs) < parts(rhs)
    }

    static func validEntryId(_ value: String) -> String? {
        let split = value.split(separator: "-", omittingEmptySubsequences: false)
        guard split.count == 2, split.allSatisfy({ !$0.isEmpty && $0.count <= 20 && $0.allSatisfy(\.isNumber) }) else { return nil }
        return value
    }
}

/// One admitted subscriber; releases its place when deallocated.
private final class SubscriberPlace: Sendable {
    let release: @Sendable () -> Void

    init(release: @escaping @Sendable () -> Void) {
        self.release = release
    }

    deinit { release() }
}
