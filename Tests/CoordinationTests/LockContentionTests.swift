import Coordination
import Redis
import Testing

@Suite("Distributed lock under contention")
struct LockContentionTests {
    /// What every holder records on entering and leaving the critical section, under one mutex so that
    /// the order of entries is the order in which the lock was really held.
    struct CriticalSection {
        var inside = 0
        var maximumInside = 0
        var entries = 0
        var lastToken: Int64 = 0
        var tokensOutOfOrder = 0
    }

    @Test func fiftyTasksNeverHoldTheLockAtTheSameTime() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let state = Guarded(CriticalSection())
            let tasks = 50
            let minimumRounds = 2
            let clock = ContinuousClock()
            // Contend for a few seconds, and long enough that every task gets the lock at least twice.
            let contendUntil = clock.now + .seconds(3)

            // The TTL is far longer than a critical section, so any overlap would be a broken lock, not an
            // expiry.
            let released = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var released = 0
                        var round = 0
                        while round < minimumRounds || clock.now < contendUntil {
                            guard let grant = try await lock.tryAcquire(
                                "shared", owner: "task-\(task)-round-\(round)", ttl: .seconds(30),
                                attempts: 10_000, baseDelay: .milliseconds(1), maxDelay: .milliseconds(20)
                            ) else {
                                throw CoordinationTestFailure("task \(task) never got the lock")
                            }
                            state.withLock { section in
                                section.inside += 1
                                section.maximumInside = max(section.maximumInside, section.inside)
                                section.entries += 1
                                if grant.fencingToken <= section.lastToken {
                                    section.tokensOutOfOrder += 1
                                }
                                section.lastToken = grant.fencingToken
                            }
                            // Hold the lock across real suspension points so that overlaps would show.
                            try await Task.sleep(for: .milliseconds(5))
                            state.withLock { $0.inside -= 1 }
                            if try await lock.release(grant) {
                                released += 1
                            }
                            round += 1
                        }
                        return released
                    }
                }
                var total = 0
                for try await released in group {
                    total += released
                }
                return total
            }

            state.withLock { section in
                #expect(section.maximumInside == 1)
                #expect(section.inside == 0)
                #expect(section.entries >= tasks * minimumRounds)
                #expect(section.tokensOutOfOrder == 0)
                // Every token was issued to exactly one tenure: no gaps, no repeats.
                #expect(section.lastToken == Int64(section.entries))
                // Every acquire was released by its own holder.
                #expect(released == section.entries)
            }
            #expect(try await lock.holder(of: "shared") == nil)
        }
    }
}
