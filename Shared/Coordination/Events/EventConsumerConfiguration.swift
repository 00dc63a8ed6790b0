#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How one `EventConsumer` reads its streams. One consumer group per consuming service, one consumer name per
/// process: every replica of a service shares the group's work, each entry going to one of them.
public struct EventConsumerConfiguration: Sendable {
    /// The consumer group, named after the consuming service (`learning`). Groups are independent: each sees
    /// every event of the streams it reads.
    public var group: String
    /// This process within the group. Must be unique among live replicas (two processes sharing a name would
    /// renew and release each other's entries); the default, host name and pid, is.
    public var consumer: String
    /// Producing services whose streams (`events:<source>`) this consumer reads.
    public var sources: [String]
    /// Entries read per XREADGROUP and claimed per XAUTOCLAIM page.
    public var batchSize: Int
    /// How long one XREADGROUP waits for new entries; also bounds how long a graceful shutdown can wait for
    /// the read in flight when the wake-up (CLIENT UNBLOCK) races with it.
    public var block: Duration
    /// An entry pending this long without its consumer renewing it is taken over by another consumer of the
    /// group. Live consumers renew the entries they hold every `reclaimInterval`, so a slow handler keeps its
    /// entry; this is how long a crashed consumer's entries, and failed entries awaiting retry, wait.
    public var reclaimAfter: Duration
    /// How often the reclaim loop renews held entries, claims stalled ones and samples lag.
    public var reclaimInterval: Duration
    /// Handler attempts per entry. The attempt that fails at this count moves the entry to
    /// `events:<source>:dead`; an entry found delivered more often (its consumers kept dying) goes there
    /// without another attempt.
    public var maxDeliveries: Int
    /// How long a handled event id is remembered (`events:processed:<group>:<eventId>`); a duplicate arriving
    /// later than this is handled again.
    public var processedTTL: Duration
    /// Handlers running at once. 1 handles entries one at a time in stream order (first deliveries only: a
    /// retried entry comes back later, out of order). More trades that order for throughput.
    public var concurrency: Int
    /// Approximate cap of each dead-letter stream (`XADD … MAXLEN ~`).
    public var deadLetterMaxLength: Int
    /// The event types the handler is given (the entry's `type` field); nil for every type. An entry of another
    /// type is acknowledged as soon as it is read — not decoded, not checked or marked as handled, not given to
    /// the handler — and counted in `events_not_subscribed`. An entry without a `type` field is decoded and
    /// handled as before.
    public var eventTypes: Set<String>?

    public init(
        group: String,
        consumer: String = EventConsumerConfiguration.defaultConsumerName(),
        sources: [String],
        batchSize: Int = 64,
        block: Duration = .seconds(2),
        reclaimAfter: Duration = .seconds(30),
        reclaimInterval: Duration = .seconds(5),
        maxDeliveries: Int = 5,
        processedTTL: Duration = .seconds(24 * 3_600),
        concurrency: Int = 1,
        deadLetterMaxLength: Int = 100_000,
        eventTypes: Set<String>? = nil
    ) {
        self.group = group
        self.consumer = consumer
        self.sources = sources
        self.batchSize = batchSize
        self.block = block
        self.reclaimAfter = reclaimAfter
        self.reclaimInterval = reclaimInterval
        self.maxDeliveries = maxDeliveries
        self.processedTTL = processedTTL
        self.concurrency = concurrency
        self.deadLetterMaxLength = deadLetterMaxLength
        self.eventTypes = eventTypes
    }

    /// `<host name>-<pid>`: unique per live process, and a restarted process gets a new name, so a new
    /// process never mistakes its predecessor's pending entries for its own.
    public static func defaultConsumerName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "host"
        return "\(host.isEmpty ? "host" : host)-\(getpid())"
    }

    /// What is wrong with this configuration, if anything.
    var problems: [String] {
        var problems: [String] = []
        if group.isEmpty { problems.append("group must not be empty") }
        if consumer.isEmpty { problems.append("consumer must not be empty") }
        if sources.isEmpty { problems.append("sources must name at least one stream") }
        if Set(sources).count != sources.count { problems.append("sources must not repeat") }
        if batchSize < 1 { problems.append("batchSize must be at least 1") }
        if block <= .zero { problems.append("block must be positive (0 would block forever)") }
        if reclaimInterval <= .zero { problems.append("reclaimInterval must be positive") }
        if reclaimAfter <= reclaimInterval * 2 {
            problems.append("reclaimAfter must exceed twice reclaimInterval, or live consumers' entries would be taken over between renewals")
        }
        if maxDeliveries < 1 { problems.append("maxDeliveries must be at least 1") }
        if processedTTL <= .zero { problems.append("processedTTL must be positive") }
        if concurrency < 1 { problems.append("concurrency must be at least 1") }
        if deadLetterMaxLength < 1 { problems.append("deadLetterMaxLength must be at least 1") }
        return problems
    }
}
