import ArgumentParser
import Contracts
import Coordination
import Foundation
import NIOCore
import NIOHTTP1
import Redis

/// `learning-events`: how many `ai.analysis_completed` events per second the learning service's listener absorbs.
/// Publishes `--events` analyses (each for a user of its own, three finding kinds each, pipelined `--batch` per
/// call) as fast as Redis takes them, then polls `/api/v1/learning/agents/status` until the event listener has
/// handled them all; the rate is events over the time from the first publish to the last one handled.
struct LearningEventsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learning-events", abstract: "ai.analysis_completed events/s absorbed by the learning service."
    )

    @OptionGroup var redis: RedisOptions

    @Option(help: "Base URL of the learning service (or the gateway), for /api/v1/learning/agents/status.")
    var baseURL = "http://127.0.0.1:28084"

    @Option(help: "Access token of the bench user.")
    var token: String

    @Option(help: "Events to publish.")
    var events = 5_000

    @Option(help: "Events per publish call (pipelined).")
    var batch = 100

    @Option(help: "Give up waiting for the listener after this many seconds.")
    var timeout = 120

    @Option(help: "Result id.")
    var id = "learning.events"

    func validate() throws {
        guard (1...1_000_000).contains(events) else { throw ValidationError("--events must be 1...1000000") }
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be 1...10000") }
    }

    func run() async throws {
        let logger = DevMentorBench.logger("learning-events")
        let client = try redis.makeClient(logger: logger)
        let caller = HTTPCaller(baseURL: baseURL, token: token, connections: 1)
        let publisher = EventPublisher(redis: client, logger: logger)
        do {
            let before = try await handled(caller)
            let envelopes = try (0..<events).map { _ in try Self.analysis() }
            let started = ContinuousClock.now
            for start in stride(from: 0, to: envelopes.count, by: batch) {
                try await publisher.publish(Array(envelopes[start..<min(start + batch, envelopes.count)]))
            }
            let published = ContinuousClock.now - started
            let deadline = started + .seconds(timeout)
            var done = try await handled(caller) - before
            while done < events, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                done = try await handled(caller) - before
            }
            let seconds = Self.seconds(ContinuousClock.now - started)
            var result = BenchResult(
                id: id, label: "ai.analysis_completed absorbed by the learning listener", count: min(done, events), seconds: seconds,
                unit: "events/s", latency: nil, errors: max(0, events - done),
                parameters: [
                    "events": "\(events)", "batch": "\(batch)",
                    "publishSeconds": String(format: "%.3f", Self.seconds(published)),
                ]
            )
            if done < events { result.note = "only \(done) of \(events) handled within \(timeout) s" }
            await caller.shutdown()
            await client.shutdown()
            try result.emit()
        } catch {
            await caller.shutdown()
            await client.shutdown()
            throw error
        }
    }

    /// Events the listener has handled since it started (its `processed` count).
    private func handled(_ caller: HTTPCaller) async throws -> Int {
        let answer = try await caller.call(.GET, "/api/v1/learning/agents/status")
        guard answer.status == 200,
              let agents = try? JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [[String: Any]],
              let listener = agents.first(where: { $0["name"] as? String == "event-listener" }),
              let processed = listener["processed"] as? Int
        else { throw UnexpectedStatus("agents/status", answer.status, answer.body) }
        return processed
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func analysis() throws -> EventEnvelope {
        let user = UUID(), analysisId = UUID()
        return try EventEnvelope.make(
            .aiAnalysisCompleted, subject: analysisId.lowercasedString, actorId: user,
            payload: AnalysisCompletedData(
                analysisId: analysisId, userId: user, language: "python", summary: "bench", findings: [],
                findingsByRule: [RuleID.sqlInjection.rawValue: 2, RuleID.weakHash.rawValue: 1, RuleID.missingTests.rawValue: 1]
            )
        )
    }
}
