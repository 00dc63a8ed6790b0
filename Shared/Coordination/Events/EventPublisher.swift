import Contracts
import Logging
import Metrics
import Redis

/// Appends events to `events:<source>` with `XADD … MAXLEN ~ maxLength`.
///
/// Each entry carries `envelope` (the JSON of `EventEnvelope`, written by `JSONCoding`) and, for consumers that
/// filter without decoding, `type` and `id`. Publishing straight from a request handler is at most once
/// with respect to the database write next to it; a service that also writes Postgres appends to its outbox
/// instead (see `Outbox`) and lets `OutboxRelay` call this.
public struct EventPublisher: Sendable {
    /// Approximate cap per stream. `~` lets Redis trim whole macro-nodes only, which is far cheaper than an
    /// exact cap; a stream may briefly hold somewhat more. Entries trimmed while still pending in some group
    /// are lost to that group, so size this well above what consumers can fall behind by.
    public let maxLength: Int
    private let redis: RedisClient
    private let logger: Logger

    public init(redis: RedisClient, maxLength: Int = 100_000, logger: Logger) {
        precondition(maxLength > 0, "maxLength must be positive")
        self.redis = redis
        self.maxLength = maxLength
        self.logger = logger
    }

    /// Publishes one event and returns its stream entry id.
    @discardableResult
    public func publish(_ event: EventEnvelope) async throws -> String {
        try await publish([event])[0]
    }

    /// Publishes the events in one pipeline (one round trip) and returns their entry ids in the same order.
    /// Events of one source land on their stream in the order given.
    @discardableResult
    public func publish(_ events: [EventEnvelope]) async throws -> [String] {
        guard !events.isEmpty else { return [] }
        return try await publish(encoded: events.map(EncodedEvent.init))
    }

    func publish(encoded events: [EncodedEvent]) async throws -> [String] {
        guard !events.isEmpty else { return [] }
        let replies = try await redis.pipeline(events.map(command(for:)))
        var entryIDs: [String?] = []
        var messages: [Int: String] = [:]
        for (index, reply) in replies.enumerated() {
            if let message = reply.errorMessage {
                entryIDs.append(nil)
                messages[index] = message
            } else if let id = reply.string {
                entryIDs.append(id)
                Counter(label: "events_published", dimensions: [("stream", events[index].stream)]).increment()
            } else {
                entryIDs.append(nil)
                messages[index] = "unexpected XADD reply \(reply)"
            }
        }
        guard messages.isEmpty else {
            let error = EventPublishError(entryIDs: entryIDs, messages: messages)
            logger.error("events not published", metadata: ["error": "\(error)"])
            throw error
        }
        logger.trace("events published", metadata: ["count": "\(events.count)"])
        return entryIDs.compactMap { $0 }
    }

    private func command(for event: EncodedEvent) -> [RedisArgument] {
        [
            "XADD", .string(event.stream), "MAXLEN", "~", .int(maxLength), "*",
            "envelope", .bytes(event.json),
            "type", .string(event.type),
            "id", .string(event.id),
        ]
    }
}
