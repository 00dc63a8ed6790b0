import Contracts
import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Publishes the committed rows of `<schema>.outbox` to their streams, oldest first, and marks them sent.
///
/// Guarantees, and their limits:
/// - Nothing is lost: a row is marked sent only in the transaction that read it, after XADD succeeded; a
///   Redis outage makes passes fail (logged once per outage) and the relay backs off until Redis returns.
/// - Order: one relay at a time works on a schema (a transaction-scoped advisory lock; replicas that do not
///   get it skip the pass), rows go out in `seq` order within one pipeline, and a pass that publishes only
///   part of its batch marks only the leading, certainly-published rows.
/// - Duplicates are possible, never silent loss: if the process dies or Postgres fails between XADD and the
///   commit, the rows are published again by the next pass. Consumers skip them by event id.
/// - Sent rows are kept for `retention` (for inspection: `stream_entry_id` tells where each went), then purged.
public final class OutboxRelay: Service, Sendable {
    public let schema: String
    public let pollInterval: Duration
    public let batchSize: Int
    public let maxBackoff: Duration
    public let retention: Duration
    private let postgres: PostgresClient
    private let publisher: EventPublisher
    private let logger: Logger
    private let published: Counter
    private let failures: Counter

    /// How often sent rows older than `retention` are deleted (first on the first successful pass).
    private static let purgeInterval: Duration = .seconds(60)

    public init(
        postgres: PostgresClient,
        schema: String,
        publisher: EventPublisher,
        logger: Logger,
        pollInterval: Duration = .milliseconds(200),
        batchSize: Int = 100,
        maxBackoff: Duration = .seconds(5),
        retention: Duration = .seconds(24 * 3_600)
    ) {
        precondition((try? Outbox.validate(schema)) != nil, OutboxError.invalidSchema(schema).description)
        precondition(batchSize > 0, "batchSize must be positive")
        precondition(pollInterval > .zero && maxBackoff > .zero, "pollInterval and maxBackoff must be positive")
        var logger = logger
        logger[metadataKey: "outbox.schema"] = "\(schema)"
        self.postgres = postgres
        self.schema = schema
        self.publisher = publisher
        self.logger = logger
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.maxBackoff = maxBackoff
        self.retention = retention
        self.published = Counter(label: "outbox_published", dimensions: [("schema", schema)])
        self.failures = Counter(label: "outbox_publish_failures", dimensions: [("schema", schema)])
    }

    /// Polls until graceful shutdown or cancellation. A pass in progress when graceful shutdown arrives is
    /// finished, not abandoned, so its rows are not published twice.
    public func run() async throws {
        var backoff = RetryBackoff(initial: pollInterval, maximum: maxBackoff)
        var outage = OutageLog(what: "outbox relay")
        var lastPurge: ContinuousClock.Instant?
        logger.info("outbox relay starting")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let count = try await publishPending()
                outage.recovered(logger: logger)
                backoff.reset()
                if lastPurge.map({ ContinuousClock.now - $0 >= Self.purgeInterval }) ?? true {
                    lastPurge = .now
                    try await purgeSent()
                }
                // A full batch means more may be waiting: go again at once.
                if count < batchSize {
                    await pause(pollInterval)
                }
            } catch {
                if Task.isCancelled { break }
                failures.increment()
                outage.failed(error, logger: logger)
                await pause(backoff.next())
            }
        }
        logger.info("outbox relay stopped")
    }

    /// One pass: publishes up to `batchSize` unsent rows in order and marks them sent. Returns how many were
    /// published; 0 also when another relay is in the middle of a pass. Throws when Redis or Postgres fails
    /// (after marking whatever leading rows were published).
    @discardableResult
    public func publishPending() async throws -> Int {
        let outcome = try await postgres.withTransaction(logger: logger) { connection -> PassOutcome in
            try await self.pass(on: connection)
        }
        switch outcome {
        case .busy:
            return 0
        case .published(let count):
            if count > 0 {
                published.increment(by: count)
                logger.debug("outbox rows published", metadata: ["count": "\(count)"])
            }
            return count
        case .failed(let count, let error):
            published.increment(by: count)
            throw error
        }
    }

    private enum PassOutcome: Sendable {
        case busy
        case published(Int)
        case failed(published: Int, any Error)
    }

    /// Runs inside the transaction. A publish failure is returned rather than thrown so the transaction
    /// still commits the rows that did get published.
    private func pass(on connection: PostgresConnection) async throws -> PassOutcome {
        // Two 32-bit keys: a key space apart from the single-bigint locks (MigrationRunner's).
        let lock = try await connection.query(
            "SELECT pg_try_advisory_xact_lock(hashtext('devmentor.outbox'), hashtext(\(schema)))",
            logger: logger
        )
        var locked = false
        for try await value in lock.decode(Bool.self) { locked = value }
        guard locked else { return .busy }

        // SKIP LOCKED: rows a stray transaction holds (an operator's manual fix) are skipped instead of
        // stalling the relay; the advisory lock above is what keeps replicas from interleaving.
        let rows = try await connection.query(
            """
            SELECT seq, event_id, source, type, envelope FROM \(unescaped: schema).outbox
            WHERE sent_at IS NULL ORDER BY seq LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
            """,
            logger: logger
        )
        var sequence: [Int64] = []
        var events: [EncodedEvent] = []
        for try await (seq, eventID, source, type, envelope) in rows.decode((Int64, UUID, String, String, String).self) {
            sequence.append(seq)
            events.append(EncodedEvent(id: eventID.lowercasedString, type: type, source: source, json: Array(envelope.utf8)))
        }
        guard !events.isEmpty else { return .published(0) }

        var entryIDs: [String]
        var failure: (any Error)?
        do {
            entryIDs = try await publisher.publish(encoded: events)
        } catch let error as EventPublishError {
            // Later rows may be on their streams too; they are published again after the failed one, which
            // keeps the order at the price of a duplicate.
            entryIDs = error.entryIDs.prefix(error.publishedPrefix).compactMap { $0 }
            failure = error
        } catch {
            return .failed(published: 0, error)
        }

        if !entryIDs.isEmpty {
            let sent = Array(sequence.prefix(entryIDs.count))
            try await connection.query(
                """
                UPDATE \(unescaped: schema).outbox AS o SET sent_at = now(), stream_entry_id = s.entry_id
                FROM unnest(\(sent)::bigint[], \(entryIDs)::text[]) AS s(seq, entry_id)
                WHERE o.seq = s.seq
                """,
                logger: logger
            )
        }
        if let failure {
            return .failed(published: entryIDs.count, failure)
        }
        return .published(entryIDs.count)
    }

    private func purgeSent() async throws {
        let seconds = Double(retention.components.seconds)
        try await postgres.query(
            "DELETE FROM \(unescaped: schema).outbox WHERE sent_at < now() - make_interval(secs => \(seconds))",
            logger: logger
        )
    }

    /// Sleeps, returning early on graceful shutdown or cancellation.
    private func pause(_ duration: Duration) async {
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }
}
