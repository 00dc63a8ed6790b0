import AIGateway
import ArgumentParser
import CodeAnalysis
import Contracts
import Coordination
import Foundation
import Logging
import Redis
import ServiceKit

/// `analyze`: `POST /api/v1/ai/analyze` of one file, one call at a time — in process (`AIGatewayCore.analyzeCode`:
/// the board in Redis, every agent's rounds, the synthesis, the event), or over HTTP to `--base-url` (the service or
/// the gateway in front of it). Run beside `Benchmarks/peers/lizard_timing.py` on the same file.
struct AnalyzeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Latency of one analysis of a file, in process or over HTTP."
    )

    @Option(help: "The file to analyze.")
    var file: String

    @Option(help: "Its language tag (default: detected).")
    var language: String?

    @Option(help: "Timed analyses (after `--warmup` untimed ones).")
    var iterations = 1000

    @Option(help: "Untimed analyses first.")
    var warmup = 50

    @Option(help: "Redis of the in-process run (its boards and events go there).")
    var redisURL = "redis://127.0.0.1:6392"

    @Option(help: "Over HTTP: the base URL (the AI gateway service, or the gateway); in process when absent.")
    var baseURL: String?

    @Option(help: "Over HTTP: a bearer token.")
    var token: String?

    @Flag(help: "Time the static analysis library alone (tokens, structure, every agent's rules), no board, no Redis: like for like with lizard.")
    var library = false

    @Option(help: "The result's id.")
    var id = "ai.analyze.inprocess"

    @Option(help: "The result's label.")
    var label: String?

    func validate() throws {
        guard (1...1_000_000).contains(iterations) else { throw ValidationError("--iterations must be 1...1000000") }
        if baseURL != nil, token == nil { throw ValidationError("--token is needed with --base-url") }
    }

    func run() async throws {
        // The allocator as the AI gateway's `main` sets it, so the library and in-process runs measure what the
        // service does.
        AllocatorSetup.keepFreedMemoryForReuse()
        let code = try String(contentsOfFile: file, encoding: .utf8)
        let request = AnalyzeCodeRequest(code: code, language: language)
        // As `SourceFile` counts: a trailing line break does not start another line.
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).count - (code.hasSuffix("\n") ? 1 : 0)
        let analyze: @Sendable () async throws -> Void
        var cleanup: @Sendable () async -> Void = {}
        if library {
            guard let tag = SourceLanguage(tag: language ?? (file as NSString).pathExtension) ?? SourceLanguage.detect(code) else {
                throw ValidationError("the language of \(file) is not known; pass --language")
            }
            analyze = { _ = AnalysisDump.analyze(code, language: tag) }
        } else if let baseURL, let token {
            let caller = HTTPCaller(baseURL: baseURL, token: token, connections: 1)
            let body = String(decoding: try JSONCoding.makeEncoder().encode(request), as: UTF8.self)
            analyze = {
                let (status, body) = try await caller.call(.POST, "/api/v1/ai/analyze", json: body)
                guard status == 200 else { throw UnexpectedStatus("POST /api/v1/ai/analyze", status, body) }
            }
            cleanup = { await caller.shutdown() }
        } else {
            let logger = DevMentorBench.logger("analyze")
            let redis = RedisClient(configuration: try RedisConfiguration(url: redisURL), logger: logger)
            let controller = AgentController(budget: .seconds(30), maxRounds: 5, logger: logger)
            let core = AIGatewayCore(
                boards: BlackboardStore(redis: redis, timeToLive: .seconds(600)), controller: controller,
                conversations: ConversationStore(redis: redis, timeToLive: .seconds(600), maxMessages: 10),
                chain: ProviderChain(remotes: [], local: LocalProvider(analyzer: LocalAnalyzer(controller: controller)), logger: logger),
                events: EventPublisher(redis: redis, maxLength: 10_000, logger: logger), logger: logger
            )
            let caller = Caller(userId: UUID())
            analyze = { _ = try await core.analyzeCode(request, caller: caller) }
            cleanup = { await redis.shutdown() }
        }

        for _ in 0..<warmup { try await analyze() }
        var samples: [UInt64] = []
        samples.reserveCapacity(iterations)
        var errors = 0
        let started = MonotonicClock.nanoseconds()
        for _ in 0..<iterations {
            let t0 = MonotonicClock.nanoseconds()
            do {
                try await analyze()
                samples.append(MonotonicClock.nanoseconds() - t0)
            } catch {
                errors += 1
            }
        }
        let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
        await cleanup()
        let result = BenchResult(
            id: id, label: label ?? "analyze a \(lines)-line file, one at a time", count: samples.count, seconds: seconds,
            unit: "analyses/s", latency: LatencySummary(nanoseconds: samples), errors: errors,
            parameters: [
                "file": (file as NSString).lastPathComponent, "lines": "\(lines)",
                "mode": library ? "library" : baseURL == nil ? "in process" : "HTTP",
            ]
        )
        try result.emit()
    }
}
