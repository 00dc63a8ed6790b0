import ArgumentParser
import Contracts
import Coordination
import Foundation
import Redis

/// `latency`: publish → handled. An EventConsumer in this process (a group of its own, default configuration
/// otherwise) handles events published at a steady rate; each event carries the monotonic time just before its
/// publish call, and the handler subtracts it from the time it runs. So the figure includes the XADD round
/// trip, the XREADGROUP wake-up, decoding, and the duplicate check before the handler.
struct LatencyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency", abstract: "EventPublisher → EventConsumer latency at a steady publish rate."
    )

    @OptionGroup var redis: RedisOptions

    @Option(help: "Events per second.")
    var rate = 2000

    @Option(help: "Seconds of publishing.")
    var duration: Double = 5

    @Option(help: "Publish ticks per second; each tick publishes the events that fell due since the last one.")
    var ticksPerSecond = 1000

    @Option(help: "Seconds to wait after the last publish for the stragglers.")
    var drainTimeout: Double = 10

    func validate() throws {
        guard (1...100_000).contains(rate) else { throw ValidationError("--rate must be 1...100000") }
        guard duration > 0, duration <= 120 else { throw ValidationError("--duration must be in (0, 120]") }
        guard (1...10_000).contains(ticksPerSecond) else { throw ValidationError("--ticks-per-second must be 1...10000") }
    }

    func run() async throws {
        let logger = DevMentorBench.logger("latency")
        let client = try redis.makeClient(logger: logger)
        let source = "bench-latency-\(UUID().lowercasedString)"
        let total = Int(Double(rate) * duration)
        let received = SampleSink(capacity: total)
        // Stamps are relative to this instant so they stay small, exact integers in the JSON number (a Double).
        let origin = MonotonicClock.nanoseconds()

        let consumer = EventConsumer(
            redis: client,
            configuration: EventConsumerConfiguration(group: "bench-latency", sources: [source]),
            logger: logger
        ) { envelope, _ in
            let handled = MonotonicClock.nanoseconds() - origin
            guard case .object(let fields) = envelope.data, case .number(let sent)? = fields["sentNs"] else { return }
            received.record(handled &- UInt64(sent))
        }
        // The group starts at `$`: it must exist before the first publish or that event is never seen.
        try await consumer.createGroups()
        let consuming = Task { try await consumer.run() }

        let publisher = EventPublisher(redis: client, logger: logger)
        let publishErrors = await publishSteadily(publisher, source: source, total: total, origin: origin)

        let drainDeadline = MonotonicClock.nanoseconds() + MonotonicClock.nanoseconds(seconds: drainTimeout)
        while received.count < total - publishErrors, MonotonicClock.nanoseconds() < drainDeadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        consuming.cancel()
        _ = try? await consuming.value

        let samples = received.all
        var result = BenchResult(
            id: "latency", label: "publish → handled", count: samples.count, seconds: duration, unit: "events/s",
            latency: LatencySummary(nanoseconds: samples), errors: total - samples.count,
            parameters: [
                "rate": "\(rate)", "duration": "\(duration)", "ticksPerSecond": "\(ticksPerSecond)",
                "published": "\(total - publishErrors)", "consumerConcurrency": "\(consumer.configuration.concurrency)",
            ]
        )
        if publishErrors > 0 { result.note = "\(publishErrors) events failed to publish" }
        try await client.del([EventStream.name(source: source), EventStream.deadLetterName(source: source)])
        await client.shutdown()
        try result.emit()
    }

    /// Publishes `total` events at `rate`: every tick, the events due by now go out in one call. Ticks are
    /// scheduled on absolute times, so a late tick catches up instead of drifting. Returns the events that failed.
    private func publishSteadily(_ publisher: EventPublisher, source: String, total: Int, origin: UInt64) async -> Int {
        let start = MonotonicClock.nanoseconds()
        let tick = 1_000_000_000 / UInt64(ticksPerSecond)
        var sent = 0
        var failed = 0
        var next = start
        while sent < total {
            let now = MonotonicClock.nanoseconds()
            if now < next {
                try? await Task.sleep(for: .nanoseconds(Int64(next - now)))
            }
            next += tick
            let due = min(total, Int(Double(MonotonicClock.nanoseconds() - start) / 1e9 * Double(rate)))
            guard due > sent else { continue }
            let stamp = MonotonicClock.nanoseconds() - origin
            let events = (sent..<due).map { index in
                EventEnvelope(
                    type: "bench.latency", source: source, occurredAt: EventEnvelope.now(), subject: "bench-\(index)",
                    actorId: nil, data: .object(["sentNs": .number(Double(stamp))])
                )
            }
            do {
                try await publisher.publish(events)
            } catch {
                failed += events.count
            }
            sent = due
        }
        return failed
    }
}
