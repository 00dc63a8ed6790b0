import ArgumentParser
import Contracts
import Coordination
import Foundation
import Redis

/// `lock`: DistributedLock acquire + release pairs, each task on a resource of its own, so this is the cost of
/// the primitive (two EVALSHA round trips and their Lua), not of contention.
struct LockBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "DistributedLock acquire+release pairs/s and pair latency."
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var window: LoadWindow

    @Option(help: "Result id, so several runs can sit in one results file.")
    var id = "lock"

    func run() async throws {
        let logger = DevMentorBench.logger("lock")
        let client = try redis.makeClient(logger: logger)
        // A prefix per run: fencing counters of earlier runs never collide, and cleanup is one pattern.
        let prefix = "bench:lock:\(UUID().lowercasedString):"
        let lock = DistributedLock(redis: client, keyPrefix: prefix, logger: logger)
        let outcome = await ClosedLoop(window: window).run { task, _ in
            guard let grant = try await lock.acquire("r\(task)", owner: "bench-\(task)", ttl: .seconds(30)) else {
                throw LockBenchError.notAcquired(task)
            }
            guard try await lock.release(grant) else { throw LockBenchError.notReleased(task) }
        }
        var result = BenchResult(
            id: id, label: "DistributedLock acquire+release", count: outcome.samples.count, seconds: outcome.seconds,
            unit: "pairs/s", latency: LatencySummary(nanoseconds: outcome.samples), errors: outcome.errors,
            parameters: [
                "concurrency": "\(window.concurrency)", "poolSize": "\(redis.poolSize)", "duration": "\(window.duration)",
            ]
        )
        result.note = outcome.firstError
        try await cleanUp(client, prefix: prefix)
        await client.shutdown()
        try result.emit()
    }

    /// Only the fencing counters remain (released locks are gone); one key per task.
    private func cleanUp(_ client: RedisClient, prefix: String) async throws {
        let keys = (0..<window.concurrency).flatMap { ["\(prefix)r\($0)", "\(prefix)r\($0):fence"] }
        try await client.del(keys)
    }
}

enum LockBenchError: Error, CustomStringConvertible {
    case notAcquired(Int)
    case notReleased(Int)

    var description: String {
        switch self {
        case .notAcquired(let task): "task \(task) found its own uncontended resource locked"
        case .notReleased(let task): "task \(task) could not release its lock (expired?)"
        }
    }
}
