import Coordination
import Foundation
import Synchronization

/// The fallback when Redis cannot be reached: the same GCRA arithmetic in process memory. Limits then hold per
/// gateway replica instead of across replicas — looser by the number of replicas, never absent (fail open, not
/// wide open). The table is swept so idle subjects do not accumulate.
final class LocalRateLimiter: Sendable {
    private struct Table {
        var tats: [String: Int64] = [:]
        var writes = 0
    }

    private let table = Mutex(Table())

    func check(_ subject: String, policy: RateLimitPolicy, now: Date = Date()) throws -> RateLimitDecision {
        let micros = Int64(now.timeIntervalSince1970 * 1_000_000)
        return try table.withLock { table in
            let (decision, tat) = try GCRA.evaluate(now: micros, tat: table.tats[subject], policy: policy)
            table.tats[subject] = tat
            table.writes += 1
            if table.writes >= 10_000 {
                table.tats = table.tats.filter { $0.value > micros }
                table.writes = 0
            }
            return decision
        }
    }
}
