import Contracts
import Foundation
import Logging
import Metrics
import Redis
import ServiceLifecycle
import Synchronization

/// Reads `events:<source>` streams as one consumer of a consumer group and hands each event to `handler`.
///
/// Guarantees, and their limits:
/// - At least once. An entry is acknowledged (XACK) only after its handler returned; a handler that throws
///   leaves it pending, and it is retried once idle longer than `reclaimAfter`, by whichever consumer of the
///   group claims it first (this one included).
/// - A consumer that dies loses nothing: its pending entries stop being renewed and are taken over by the
///   reclaim loop (XAUTOCLAIM) of a live consumer after `reclaimAfter`. A live consumer renews what it holds
///   every `reclaimInterval`, so a slow handler is never raced by a peer.
/// - Duplicates are skipped by event id: after a handler succeeds, `events:processed:<group>:<eventId>` is
///   set (with `processedTTL`) together with the XACK, and every delivery is checked against it first. A crash
///   between the handler's end and that write means the event is handled again: handlers whose effects must
///   not repeat should themselves be idempotent (an upsert, an inbox row in their own transaction).
/// - Poison entries end up in `events:<source>:dead` with the last error, after `maxDeliveries` attempts (at
///   once when the handler throws `UnprocessableEvent`), and are acknowledged in the same atomic step.
/// - Graceful shutdown (ServiceGroup) stops reading, lets handlers already running finish and acknowledge, and
///   releases entries read but not started so peers take them at once. Cancellation cancels the handlers.
///
/// The group is created at `$` (`XGROUP CREATE … $ MKSTREAM`): a new consuming service sees events published
/// after its group first exists, not the stream's history; older events are replayed deliberately (dead
/// stream, `DeadLetterReplayer`). If the group disappears while running (Redis restarted without its data) it
/// is recreated at `0`, because every entry then on the stream was published after the loss.
public final class EventConsumer: Service, Sendable {
    public typealias Handler = @Sendable (EventEnvelope, StreamEntry) async throws -> Void

    public let configuration: EventConsumerConfiguration
    private let redis: RedisClient
    private let logger: Logger
    private let handler: Handler
    private let streams: [String]
    private let deadStreams: [String: String]
    private let metrics: EventConsumerMetrics
    private let state = Mutex(EventConsumerState())

    public init(
        redis: RedisClient,
        configuration: EventConsumerConfiguration,
        logger: Logger,
        handler: @escaping Handler
    ) {
        let problems = configuration.problems
        precondition(problems.isEmpty, "invalid EventConsumerConfiguration: \(problems.joined(separator: "; "))")
        var logger = logger
        logger[metadataKey: "events.group"] = "\(configuration.group)"
        logger[metadataKey: "events.consumer"] = "\(configuration.consumer)"
        self.redis = redis
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
        self.streams = configuration.sources.map { EventStream.name(source: $0) }
        self.deadStreams = Dictionary(
            uniqueKeysWithValues: configuration.sources.map { (EventStream.name(source: $0), EventStream.deadLetterName(source: $0)) }
        )
        self.metrics = EventConsumerMetrics(streams: streams, group: configuration.group)
    }

    /// Creates the group on every stream (and the streams) if missing; idempotent. `run()` does this itself;
    /// call it first when events published right afterwards must be seen, since the group starts at `$`.
    public func createGroups() async throws {
        try await createGroups(startingAt: "$")
        state.withLock { $0.groupsReady = true }
    }

    /// Consumes until graceful shutdown or cancellation. Redis outages are waited out (logged once each), so
    /// this returns only when asked to stop.
    public func run() async throws {
        state.withLock { state in
            precondition(!state.isRunning, "EventConsumer.run() is already running")
            let groupsReady = state.groupsReady
            state = EventConsumerState()
            state.isRunning = true
            state.groupsReady = groupsReady
        }
        logger.info("event consumer starting", metadata: ["events.streams": "\(streams.joined(separator: ","))"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.watchForShutdown() }
            group.addTask { await self.reclaimLoop() }
            await self.readLoop()
            // The reclaim loop finishes the pass it is in (its Redis calls do not observe cancellation), and
            // whatever it claimed is then released below.
            self.state.withLock { $0.stopping = true }
            group.cancelAll()
        }
        await releaseHeld()
        state.withLock { $0.isRunning = false }
        logger.info("event consumer stopped")
    }

    // MARK: - Stopping

    private var shouldStop: Bool {
        Task.isCancelled || state.withLock { $0.stopping }
    }

    /// Returns on graceful shutdown, or throws when the task is cancelled (`run()` ending or being cancelled);
    /// either way reading stops, and a blocked XREADGROUP is woken instead of waiting out its block time.
    private func watchForShutdown() async {
        try? await gracefulShutdown()
        let blocked = state.withLock { state -> Int64? in
            state.stopping = true
            return state.blockedClientID
        }
        if let blocked {
            await unblock(blocked)
        }
    }

    private func unblock(_ clientID: Int64) async {
        do {
            try await redis.send("CLIENT", ["UNBLOCK", .int64(clientID)])
        } catch {
            logger.debug("CLIENT UNBLOCK failed; the read returns after its block time", metadata: ["error": "\(error)"])
        }
    }

    /// Sleeps, returning early on graceful shutdown or cancellation.
    private func pause(_ duration: Duration) async {
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }

    // MARK: - Groups

    private func createGroups(startingAt start: String) async throws {
        let replies = try await redis.pipeline(streams.map { stream in
            ["XGROUP", "CREATE", .string(stream), .string(configuration.group), .string(start), "MKSTREAM"]
        })
        for reply in replies {
            if let message = reply.errorMessage, !message.hasPrefix("BUSYGROUP") {
                throw RedisError.server(message)
            }
        }
    }

    private static func isMissingGroup(_ error: any Error) -> Bool {
        guard let error = error as? RedisError, case .server(let message) = error.kind else { return false }
        return message.hasPrefix("NOGROUP")
    }

    // MARK: - Reading

    private func readLoop() async {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(5))
        var outage = OutageLog(what: "event consumer reading from Redis")
        var groupStart = "$"
        while !shouldStop {
            do {
                if !state.withLock({ $0.groupsReady }) {
                    try await createGroups(startingAt: groupStart)
                    state.withLock { $0.groupsReady = true }
                }
                try await redis.withDedicatedConnection { connection in
                    guard let clientID = try await connection.send("CLIENT", ["ID"]).int else {
                        throw RedisError.protocolError("CLIENT ID did not answer an integer")
                    }
                    while !self.shouldStop {
                        try await self.process(self.state.withLock { $0.takeReclaimed() })
                        guard let deliveries = try await self.readNew(on: connection, clientID: clientID) else { break }
                        outage.recovered(logger: self.logger)
                        backoff.reset()
                        try await self.process(deliveries)
                    }
                }
            } catch let error where Self.isMissingGroup(error) {
                logger.warning("consumer group missing (Redis lost its data?); recreating it at the start of the streams")
                state.withLock { $0.groupsReady = false }
                groupStart = "0"
            } catch {
                if Task.isCancelled { return }
                outage.failed(error, logger: logger)
                await pause(backoff.next())
            }
        }
    }

    /// One blocking XREADGROUP for new entries. Nil when stopping.
    private func readNew(on connection: RedisConnection, clientID: Int64) async throws -> [EventDelivery]? {
        let proceed = state.withLock { state -> Bool in
            guard !state.stopping, !state.hasReclaimedWaiting else { return false }
            state.blockedClientID = clientID
            return true
        }
        guard proceed else {
            // Reclaimed entries arrived in between: handle them before blocking.
            return shouldStop ? nil : []
        }
        let reply: RESPValue
        do {
            reply = try await connection.send(
                [
                    "XREADGROUP", "GROUP", .string(configuration.group), .string(configuration.consumer),
                    "COUNT", .int(configuration.batchSize), "BLOCK", .int(configuration.block.redisMilliseconds),
                    "STREAMS",
                ] + streams.map(RedisArgument.string) + streams.map { _ in ">" },
                timeout: .after(configuration.block + redis.configuration.commandTimeout)
            )
            state.withLock { $0.blockedClientID = nil }
        } catch {
            state.withLock { $0.blockedClientID = nil }
            throw error
        }
        var deliveries: [EventDelivery] = []
        for (stream, entries) in try StreamReply.streams(reply) {
            for entry in entries {
                // `>` only returns entries never delivered to the group, so this is delivery number 1.
                deliveries.append(EventDelivery(
                    entry: StreamEntry(id: entry.id, stream: stream, deliveryCount: 1),
                    fields: entry.fields ?? [:]
                ))
            }
        }
        return state.withLock { $0.hold(deliveries) }
    }

    // MARK: - Handling

    /// Handles held deliveries: replays meant for another group and already-handled event ids are
    /// acknowledged unseen, undecodable entries are dead-lettered, the rest go to the handler. Throws only
    /// when the duplicate check itself fails; the batch is then left to the reclaim loop.
    private func process(_ deliveries: [EventDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        var skipped: [EventDelivery] = []
        var candidates: [(delivery: EventDelivery, envelope: EventEnvelope)] = []
        for delivery in deliveries {
            if let target = delivery.replayFor, target != configuration.group {
                skipped.append(delivery)
                continue
            }
            if let types = configuration.eventTypes, let type = delivery.type, !types.contains(type) {
                metrics[delivery.entry.stream].notSubscribed.increment()
                skipped.append(delivery)
                continue
            }
            switch delivery.envelope() {
            case .success(let envelope):
                candidates.append((delivery, envelope))
            case .failure(let failure):
                await deadLetter(delivery, error: failure.description)
            }
        }

        let markers: [RESPValue]
        do {
            markers = try await redis.pipeline(candidates.map { candidate in
                ["EXISTS", .string(EventBusKeys.processed(group: configuration.group, eventID: candidate.envelope.id.lowercasedString))]
            })
        } catch {
            state.withLock { state in
                for delivery in deliveries { state.forget(delivery.key) }
            }
            throw error
        }
        var work: [(delivery: EventDelivery, envelope: EventEnvelope)] = []
        for (candidate, marker) in zip(candidates, markers) {
            if marker.int == 1 {
                metrics[candidate.delivery.entry.stream].duplicates.increment()
                logger.debug("event already handled by the group; acknowledging", metadata: metadata(candidate.delivery, candidate.envelope))
                skipped.append(candidate.delivery)
            } else {
                work.append(candidate)
            }
        }
        await acknowledgeUnhandled(skipped)

        if configuration.concurrency == 1 {
            for item in work {
                await handle(item.delivery, item.envelope)
            }
        } else {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for item in work {
                    if running == configuration.concurrency {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.handle(item.delivery, item.envelope) }
                    running += 1
                }
            }
        }
    }

    private func handle(_ delivery: EventDelivery, _ envelope: EventEnvelope) async {
        guard state.withLock({ $0.start(delivery.key) }) else { return }
        let streamMetrics = metrics[delivery.entry.stream]
        let started = ContinuousClock.now
        do {
            try await handler(envelope, delivery.entry)
        } catch {
            streamMetrics.handlerDuration.record(duration: .now - started)
            // Cancelled, not failed: the entry stays held and is released with its delivery counted.
            if Task.isCancelled { return }
            await handlerFailed(delivery, envelope, error: error)
            return
        }
        streamMetrics.handlerDuration.record(duration: .now - started)
        streamMetrics.handled.increment()
        if delivery.entry.deliveryCount > 1 {
            logger.info("event handled after \(delivery.entry.deliveryCount) deliveries", metadata: metadata(delivery, envelope))
        }
        await acknowledgeHandled(delivery, envelope)
    }

    private func handlerFailed(_ delivery: EventDelivery, _ envelope: EventEnvelope, error: any Error) async {
        if error is UnprocessableEvent || delivery.entry.deliveryCount >= configuration.maxDeliveries {
            await deadLetter(delivery, error: "\(error)")
            return
        }
        // No longer renewed, so it becomes claimable once idle for `reclaimAfter`: the retry delay.
        state.withLock { $0.forget(delivery.key) }
        metrics[delivery.entry.stream].retried.increment()
        var metadata = metadata(delivery, envelope)
        metadata["error"] = "\(error)"
        logger.warning("event handler failed; the entry stays pending and is retried", metadata: metadata)
    }

    /// Marks the event handled and acknowledges the entry in one round trip. No longer held (so not renewed) but
    /// not taken in again by this consumer's reclaim pass meanwhile; a failure here leaves the entry to the
    /// reclaim loop, whose duplicate check then finds the marker (when it was written) and acknowledges without
    /// handling again.
    private func acknowledgeHandled(_ delivery: EventDelivery, _ envelope: EventEnvelope) async {
        state.withLock { $0.finish(delivery.key) }
        defer { state.withLock { $0.finished(delivery.key) } }
        let marker = EventBusKeys.processed(group: configuration.group, eventID: envelope.id.lowercasedString)
        do {
            let replies = try await redis.pipeline([
                ["SET", .string(marker), "1", "NX", "EX", .int(configuration.processedTTL.redisSeconds)],
                ["XACK", .string(delivery.entry.stream), .string(configuration.group), .string(delivery.entry.id)],
            ])
            if let message = replies.lazy.compactMap(\.errorMessage).first {
                throw RedisError.server(message)
            }
        } catch {
            var metadata = metadata(delivery, envelope)
            metadata["error"] = "\(error)"
            logger.warning("event handled but not acknowledged; it will be redelivered", metadata: metadata)
        }
    }

    private func acknowledgeUnhandled(_ deliveries: [EventDelivery]) async {
        guard !deliveries.isEmpty else { return }
        state.withLock { state in
            for delivery in deliveries { state.forget(delivery.key) }
        }
        do {
            let replies = try await redis.pipeline(deliveries.map { delivery in
                ["XACK", .string(delivery.entry.stream), .string(configuration.group), .string(delivery.entry.id)]
            })
            if let message = replies.lazy.compactMap(\.errorMessage).first {
                throw RedisError.server(message)
            }
        } catch {
            logger.warning("could not acknowledge skipped entries; they will be redelivered", metadata: ["error": "\(error)"])
        }
    }

    private func deadLetter(_ delivery: EventDelivery, error: String) async {
        // Not renewed from here on, but not taken in again by this consumer's reclaim pass until the move is done
        // either: a stall longer than `reclaimAfter` would otherwise hand it to the handler a second time.
        state.withLock { $0.finish(delivery.key) }
        defer { state.withLock { $0.finished(delivery.key) } }
        let entry = delivery.entry
        guard let deadStream = deadStreams[entry.stream] else { return }
        var fields: [RedisArgument] = [
            "envelope", .bytes(delivery.fields["envelope"] ?? []),
            "error", .string(error),
            "originalId", .string(entry.id),
            "group", .string(configuration.group),
            "deliveries", .int(entry.deliveryCount),
        ]
        for name in ["type", "id"] {
            if let value = delivery.fields[name] { fields += [.string(name), .bytes(value)] }
        }
        var metadata: Logger.Metadata = [
            "events.stream": "\(entry.stream)", "events.entry": "\(entry.id)",
            "events.deliveries": "\(entry.deliveryCount)", "error": "\(error)",
        ]
        if let id = delivery.fields["id"] { metadata["events.id"] = "\(String(decoding: id, as: UTF8.self))" }
        do {
            let reply = try await redis.eval(
                EventBusScripts.deadLetter,
                keys: [entry.stream, deadStream],
                arguments: [.string(configuration.group), .string(entry.id), .int(configuration.deadLetterMaxLength)] + fields
            )
            guard let deadID = reply.string else {
                logger.debug("entry already acknowledged elsewhere; not dead-lettered", metadata: metadata)
                return
            }
            metadata["events.deadEntry"] = "\(deadID)"
            metrics[entry.stream].deadLettered.increment()
            logger.error("event moved to the dead-letter stream \(deadStream)", metadata: metadata)
        } catch {
            // Left pending and not renewed: the reclaim loop finds it over-delivered and tries again.
            metadata["deadLetter.error"] = "\(error)"
            logger.warning("could not dead-letter the entry; it stays pending", metadata: metadata)
        }
    }

    // MARK: - Reclaiming

    private func reclaimLoop() async {
        var outage = OutageLog(what: "event consumer reclaim loop")
        while !shouldStop {
            if state.withLock({ $0.groupsReady }) {
                do {
                    try await reclaimPass()
                    outage.recovered(logger: logger)
                } catch {
                    if Task.isCancelled { return }
                    outage.failed(error, logger: logger)
                }
            }
            await pause(configuration.reclaimInterval)
        }
    }

    /// Renews what this consumer holds, claims entries stalled elsewhere (only while the read loop has none
    /// waiting, so a slow consumer does not hoard), and samples lag.
    private func reclaimPass() async throws {
        try await renewHeld()
        if !state.withLock({ $0.hasReclaimedWaiting }) {
            var claimed: [EventDelivery] = []
            for stream in streams where !shouldStop {
                claimed += try await claimStalled(on: stream)
            }
            if !claimed.isEmpty {
                let blocked = state.withLock { state -> Int64? in
                    state.enqueueReclaimed(claimed)
                    return state.blockedClientID
                }
                if let blocked {
                    await unblock(blocked)
                }
            }
        }
        try await sampleLag()
    }

    private func renewHeld() async throws {
        for (stream, ids) in state.withLock({ $0.heldIDsByStream() }) {
            let lost = try await claimIfOwned(stream: stream, entries: ids.map { ($0, -1) }, idle: .zero)
            guard !lost.isEmpty else { continue }
            // Most are entries finished since the snapshot above; only those still held were really lost.
            let (taken, started) = state.withLock { $0.lose(lost.map { EventConsumerState.Key(stream: stream, id: $0) }) }
            guard !taken.isEmpty else { continue }
            logger.warning(
                "entries were taken over by another consumer (this one went longer than reclaimAfter without renewing)",
                metadata: [
                    "events.stream": "\(stream)", "events.entries": "\(taken.map(\.id).joined(separator: ","))",
                    "handlers.running": "\(started.count)",
                ]
            )
        }
    }

    /// XCLAIM … JUSTID on entries still owned by this consumer; returns the ids it no longer owns.
    private func claimIfOwned(stream: String, entries: [(id: String, retryCount: Int)], idle: Duration) async throws -> [String] {
        guard !entries.isEmpty else { return [] }
        var arguments: [RedisArgument] = [.string(configuration.group), .string(configuration.consumer), .int(idle.redisMilliseconds)]
        for entry in entries {
            arguments += [.string(entry.id), .int(entry.retryCount)]
        }
        let reply = try await redis.eval(EventBusScripts.claimIfOwned, keys: [stream], arguments: arguments)
        return (reply.array ?? []).compactMap(\.string)
    }

    /// One XAUTOCLAIM page, continuing from where the previous pass stopped.
    private func claimStalled(on stream: String) async throws -> [EventDelivery] {
        let cursor = state.withLock { $0.claimCursors[stream] } ?? "0-0"
        let reply = try await redis.send("XAUTOCLAIM", [
            .string(stream), .string(configuration.group), .string(configuration.consumer),
            .int(configuration.reclaimAfter.redisMilliseconds), .string(cursor), "COUNT", .int(configuration.batchSize),
        ])
        let page = try StreamReply.autoclaim(reply)
        state.withLock { $0.claimCursors[stream] = page.cursor }

        // Trimmed while pending (Redis 6.2 reports them with a null body; 7 drops them from the list itself).
        let trimmed = page.entries.filter { $0.fields == nil }.map(\.id)
        if !trimmed.isEmpty {
            try await redis.send("XACK", [.string(stream), .string(configuration.group)] + trimmed.map(RedisArgument.string))
            logger.warning("pending entries were trimmed from the stream before being handled", metadata: ["events.stream": "\(stream)", "events.entries": "\(trimmed.joined(separator: ","))"])
        }
        let present = page.entries.filter { $0.fields != nil }
        guard !present.isEmpty else { return [] }

        // XAUTOCLAIM does not report delivery counts; the claim itself counted one more.
        let counts = try await redis.pipeline(present.map { entry in
            ["XPENDING", .string(stream), .string(configuration.group), .string(entry.id), .string(entry.id), 1]
        })
        var deliveries: [EventDelivery] = []
        for (entry, count) in zip(present, counts) {
            guard let deliveryCount = StreamReply.deliveryCount(count) else { continue }
            deliveries.append(EventDelivery(
                entry: StreamEntry(id: entry.id, stream: stream, deliveryCount: deliveryCount),
                fields: entry.fields ?? [:]
            ))
        }
        let claimed = state.withLock { $0.hold(deliveries) }
        guard !claimed.isEmpty else { return [] }
        metrics[stream].reclaimed.increment(by: claimed.count)
        logger.info("reclaimed stalled entries", metadata: ["events.stream": "\(stream)", "count": "\(claimed.count)"])

        var runnable: [EventDelivery] = []
        for delivery in claimed {
            if delivery.entry.deliveryCount > configuration.maxDeliveries {
                // Its consumers kept dying (or hanging) while handling it: no further attempt.
                await deadLetter(
                    delivery,
                    error: "not acknowledged after \(delivery.entry.deliveryCount - 1) deliveries (consumers died or stalled while handling it)"
                )
            } else {
                runnable.append(delivery)
            }
        }
        return runnable
    }

    private func sampleLag() async throws {
        let replies = try await redis.pipeline(streams.map { ["XINFO", "GROUPS", .string($0)] })
        for (stream, reply) in zip(streams, replies) {
            guard let groups = reply.array else { continue }
            for group in groups {
                let fields = StreamReply.map(group)
                guard fields["name"]?.string == configuration.group else { continue }
                // `lag` is null when Redis cannot tell (entries deleted mid-stream); keep the last value then.
                if let lag = fields["lag"]?.int { metrics[stream].lag.record(lag) }
                if let pending = fields["pending"]?.int { metrics[stream].pending.record(pending) }
            }
        }
    }

    /// Hands every entry still held back to the group with its idle time set to `reclaimAfter`, so a peer's
    /// next reclaim pass takes it instead of waiting. Entries never started get their delivery back.
    private func releaseHeld() async {
        let held = state.withLock { $0.takeAllHeld() }
        guard !held.isEmpty else { return }
        var byStream: [String: [(id: String, retryCount: Int)]] = [:]
        for (key, entry) in held {
            byStream[key.stream, default: []].append((key.id, entry.started ? -1 : max(0, entry.deliveryCount - 1)))
        }
        for (stream, entries) in byStream {
            do {
                _ = try await claimIfOwned(stream: stream, entries: entries, idle: configuration.reclaimAfter)
                logger.info("released entries for other consumers", metadata: ["events.stream": "\(stream)", "count": "\(entries.count)"])
            } catch {
                logger.warning(
                    "could not release held entries; peers take them after reclaimAfter",
                    metadata: ["events.stream": "\(stream)", "count": "\(entries.count)", "error": "\(error)"]
                )
            }
        }
    }

    private func metadata(_ delivery: EventDelivery, _ envelope: EventEnvelope) -> Logger.Metadata {
        [
            "events.stream": "\(delivery.entry.stream)",
            "events.entry": "\(delivery.entry.id)",
            "events.id": "\(envelope.id)",
            "events.type": "\(envelope.type)",
            "events.deliveries": "\(delivery.entry.deliveryCount)",
        ]
    }
}
