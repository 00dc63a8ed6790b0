import ArgumentParser
import Contracts
import Coordination
import Foundation
import Redis

/// `publish`: EventPublisher throughput. Each task publishes `--batch` events per call (one pipeline, one round
/// trip); `--batch 1` with 50 tasks is the like-for-like of `redis-benchmark -c 50 XADD`.
struct PublishBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "EventPublisher.publish([events]) events/s on a stream of its own."
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var window: LoadWindow

    @Option(help: "Events per publish call (pipelined).")
    var batch = 64

    @Option(help: "Result id, so several runs can sit in one results file.")
    var id = "publish"

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be 1...10000") }
    }

    func run() async throws {
        let logger = DevMentorBench.logger("publish")
        let client = try redis.makeClient(logger: logger)
        let source = "bench-publish-\(UUID().lowercasedString)"
        let publisher = EventPublisher(redis: client, maxLength: 100_000, logger: logger)
        // Envelopes are built once: encoding them to JSON is part of publish() and stays measured; building
        // UUIDs and dates is the caller's business. The same ids repeat, which XADD does not care about.
        let events = (0..<batch).map { index in
            EventEnvelope(
                type: "bench.published", source: source, occurredAt: EventEnvelope.now(), subject: "bench-\(index)",
                actorId: nil, data: .object(["index": .number(Double(index))])
            )
        }
        let outcome = await ClosedLoop(window: window).run { _, _ in
            try await publisher.publish(events)
        }
        var result = BenchResult(
            id: id, label: "EventPublisher.publish, \(batch) per call", count: outcome.samples.count * batch,
            seconds: outcome.seconds, unit: "events/s", latency: LatencySummary(nanoseconds: outcome.samples),
            errors: outcome.errors * batch,
            parameters: [
                "concurrency": "\(window.concurrency)", "batch": "\(batch)", "poolSize": "\(redis.poolSize)",
                "duration": "\(window.duration)", "latencyIs": "per publish call",
            ]
        )
        result.note = outcome.firstError
        try await client.del([EventStream.name(source: source)])
        await client.shutdown()
        try result.emit()
    }
}
