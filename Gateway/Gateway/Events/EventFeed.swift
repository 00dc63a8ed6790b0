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
/// the second — the price of a plain id, accepted and documented.) A comment line is sent every 15 s so proxies
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

    func response(for request: Request, caller: Caller) async throws -> Response {
        // Without Last-Event-ID, "now" is pinned to concrete ids before the client hears it is connected: XREAD's `$`
        // would mean "after the first read is registered", and an event published in between would be lost.
        let start: String
        if let resumeFrom = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap(Self.validEntryId) {
            start = resumeFrom
        } else {
            do {
                start = try await Self.newestId(of: streams) { try await self.redis.send($0, $1) }
            } catch {
                logger.warning("event feed cannot read the streams", metadata: ["error": "\(error)"])
                throw AppError(.serviceUnavailable, "The event feed is unavailable right now; retry later.")
            }
        }
        let admitted = subscribers.withLock { count -> Bool in
            guard count < maxSubscribers else { return false }
            count += 1
            return true
        }
        guard admitted else { throw AppError(.serviceUnavailable, "Too many event subscribers; try again later.") }
        // The place is given back when the body closure goes away: after streaming, or unused when the client left
        // before the answer could be written (Hummingbird then never runs the body).
        let place = SubscriberPlace { self.subscribers.withLock { $0 -= 1 } }

        let feed = self
        let body = ResponseBody { writer in
            withExtendedLifetime(place) {}
            // The Redis reader runs in its own task (cancelled on graceful shutdown); this task only writes. A client
            // too slow to take 1024 pending events is cut off and resumes with Last-Event-ID.
            let (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingOldest(1024))
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { continuation.finish() }
                    try await cancelWhenGracefulShutdown {
                        try await feed.read(into: continuation, caller: caller, from: start)
                    }
                }
                for await chunk in chunks { try await writer.write(chunk) }
                group.cancelAll()
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

    private func read(into output: AsyncStream<ByteBuffer>.Continuation, caller: Caller, from start: String) async throws {
        func emit(_ text: String) throws {
            if case .dropped = output.yield(ByteBuffer(string: text)) { throw AppError(.serviceUnavailable, "event subscriber too slow") }
        }
        let clock = ContinuousClock()
        // ": connected" was just written. A heartbeat goes out whenever nothing was sent for `heartbeat` — also while
        // other users' events keep the streams busy, so the connection never looks idle to a proxy.
        var lastSent = clock.now
        var last = start
        try await redis.withDedicatedConnection { connection in
            while !Task.isCancelled {
                let untilHeartbeat = heartbeat - (clock.now - lastSent)
                if untilHeartbeat <= .zero {
                    try emit(": heartbeat\n\n")
                    lastSent = clock.now
                    continue
                }
                let block = untilHeartbeat.redisMilliseconds
                let ids = Array(repeating: RedisArgument.string(last), count: streams.count)
                let reply = try await connection.send(
                    ["XREAD", "COUNT", .int(Self.pageSize), "BLOCK", .int(block), "STREAMS"] + streams.map(RedisArgument.string) + ids,
                    timeout: .after(untilHeartbeat + .seconds(5))
                )
                for (id, envelope) in Self.batch(in: reply) {
                    last = id
                    guard let envelope, envelope.isVisible(to: caller.userId), !envelope.type.contains(where: \.isNewline) else { continue }
                    let data = try SharedCoders.encoder.encode(envelope)
                    try emit("id: \(id)\nevent: \(envelope.type)\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
                    lastSent = clock.now
                }
            }
        }
    }

    /// One XREAD's entries in id order, cut so that reading on after the last one loses nothing: a stream that
    /// filled its page may hold more entries older than another stream's newest, so the batch stops at the oldest
    /// full page's end (the rest is read again next time).
    static func batch(in reply: RESPValue) -> [(String, EventEnvelope?)] {
        let pages = entriesByStream(in: reply)
        var batch = pages.flatMap { $0 }.sorted { precedes($0.0, $1.0) }
        let fullPageEnds = pages.filter { $0.count >= pageSize }.compactMap { $0.last?.0 }
        if let cap = fullPageEnds.min(by: precedes) {
            batch.removeAll { precedes(cap, $0.0) }
        }
        return batch
    }

    /// The newest entry id across the streams ("0-0" when all are empty): where a subscriber without Last-Event-ID
    /// starts reading, so that every event appended after it subscribed reaches it.
    static func newestId(
        of streams: [String], send: (String, [RedisArgument]) async throws -> RESPValue
    ) async throws -> String {
        var newest = "0-0"
        for stream in streams {
            let reply = try await send("XREVRANGE", [.string(stream), "+", "-", "COUNT", "1"])
            if let id = reply.array?.first?.array?.first?.string, precedes(newest, id) { newest = id }
        }
        return newest
    }

    /// XREAD's reply: `[[stream, [[id, [field, value, …]], …]], …]` → each stream's (id, envelope) pairs, in order.
    static func entriesByStream(in reply: RESPValue) -> [[(String, EventEnvelope?)]] {
        guard let streams = reply.array else { return [] }
        var result: [[(String, EventEnvelope?)]] = []
        for stream in streams {
            guard let parts = stream.array, parts.count == 2, let items = parts[1].array else { continue }
            var page: [(String, EventEnvelope?)] = []
            for item in items {
                guard let pair = item.array, pair.count == 2, let id = pair[0].string, let fields = pair[1].array else { continue }
                var envelope: EventEnvelope?
                var index = 0
                while index + 1 < fields.count {
                    if fields[index].string == "envelope", let bytes = fields[index + 1].bytes {
                        envelope = try? SharedCoders.decoder.decode(EventEnvelope.self, from: Data(bytes))
                    }
                    index += 2
                }
                page.append((id, envelope))
            }
            result.append(page)
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
