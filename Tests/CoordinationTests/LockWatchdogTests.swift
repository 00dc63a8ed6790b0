import Redis
import Testing

@testable import Coordination

@Suite("Distributed lock: watchdog renewal and withLock")
struct LockWatchdogTests {
    struct Failure: Error, Equatable {}

    @Test func withLockKeepsALongJobsLockAndReleasesIt() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            // TTLs of seconds: renewals (every ttl/3) stay on time even when every suite runs at once on a busy machine
            // (at 2.5–3 s, a fresh-clone CI run on 2 cores once starved all three of these tests at once).
            let ttl = Duration.seconds(6)
            let checks = try await lock.withLock("job", owner: "worker-1", ttl: ttl, maxHold: .seconds(60)) { grant throws in
                // Over three TTLs long: only renewals keep the lock.
                var held = 0
                for _ in 0..<40 {
                    try await Task.sleep(for: .milliseconds(500))
                    if try await lock.holder(of: "job")?.fencingToken == grant.fencingToken {
                        held += 1
                    }
                }
                return held
            }
            #expect(checks == 40)
            #expect(try await lock.holder(of: "job") == nil)
        }
    }

    @Test func killingTheWatchdogFreesTheLockAtItsTTL() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let ttl = Duration.seconds(6)
            let grant = try #require(try await lock.acquire("job", owner: "worker-1", ttl: ttl))
            let watchdog = Task {
                try await LockWatchdog(lock: lock, grant: grant, maxHold: .seconds(60)).run()
            }
            try await Task.sleep(for: .seconds(8))
            #expect(try await lock.holder(of: "job")?.fencingToken == grant.fencingToken)

            watchdog.cancel()
            try await watchdog.value
            // Nobody released it: it is still held (renewed at most ttl/3 ago) until Redis expires it.
            #expect(try await lock.holder(of: "job")?.fencingToken == grant.fencingToken)
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            #expect(try await CoordinationTestSupport.eventually { try await lock.holder(of: "job") == nil })
            #expect(clock.now - cancelledAt < ttl + .seconds(5))
            #expect(try await lock.acquire("job", owner: "worker-2", ttl: ttl) != nil)
        }
    }

    @Test func maxHoldCancelsTheBodyAndThrows() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: LockError.maxHoldExceeded) {
                try await lock.withLock("job", owner: "worker-1", ttl: .seconds(6), maxHold: .seconds(14)) { _ throws in
                    try await Task.sleep(for: .seconds(60))
                }
            }
            #expect(clock.now - started < .seconds(30))
            #expect(try await lock.holder(of: "job") == nil)
        }
    }

    @Test func theCapEndsARunawayHoldEvenIfTheBodyIgnoresCancellation() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let observed = Guarded<(freedWhileRunning: Bool, sawCancellation: Bool)>((false, false))
            await #expect(throws: LockError.maxHoldExceeded) {
                try await lock.withLock("job", owner: "runaway", ttl: .milliseconds(1500), maxHold: .milliseconds(3000)) { _ throws in
                    // Keeps going after cancellation, as a stuck job would, until it sees the lock gone.
                    let clock = ContinuousClock()
                    let giveUp = clock.now + .seconds(20)
                    while clock.now < giveUp {
                        try? await Task.sleep(for: .milliseconds(50))
                        if Task.isCancelled {
                            observed.withLock { $0.sawCancellation = true }
                        }
                        if try await lock.holder(of: "job") == nil {
                            observed.withLock { $0.freedWhileRunning = true }
                        }
                        // Under load Redis may expire the lock a moment before the watchdog's cap fires; the body
                        // keeps running until it has seen both.
                        if observed.withLock({ $0.freedWhileRunning && $0.sawCancellation }) { return }
                    }
                }
            }
            observed.withLock { observed in
                #expect(observed.sawCancellation)
                // Renewals never reached past the cap, so Redis expired the lock while the body still ran.
                #expect(observed.freedWhileRunning)
            }
        }
    }

    @Test func losingTheLockCancelsTheBodyAndTheLateReleaseSparesTheNewHolder() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let lock = DistributedLock(redis: redis, keyPrefix: prefix)
            let started = AsyncStream.makeStream(of: LockGrant.self)
            let job = Task {
                try await lock.withLock("job", owner: "worker-1", ttl: .milliseconds(1500), maxHold: .seconds(60)) { grant throws in
                    started.continuation.yield(grant)
                    try await Task.sleep(for: .seconds(60))
                }
            }
            var iterator = started.stream.makeAsyncIterator()
            let first = try #require(await iterator.next())

            // Simulate the lock expiring behind the holder's back (say, a long pause) and another taking it.
            try await redis.del([LockKeys.lock("job", prefix: prefix)])
            let thief = try #require(try await lock.acquire("job", owner: "worker-2", ttl: .seconds(30)))
            #expect(thief.fencingToken > first.fencingToken)

            await #expect(throws: LockError.lost) { try await job.value }
            let holder = try #require(try await lock.holder(of: "job"))
            #expect(holder.owner == "worker-2")
            #expect(holder.fencingToken == thief.fencingToken)
            #expect(try await lock.release(thief))
        }
    }

    @Test func withLockThrowsNotAcquiredWithoutRunningTheBody() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let held = try #require(try await lock.acquire("job", owner: "other", ttl: .seconds(30)))
            let ran = Guarded(false)
            await #expect(throws: LockError.notAcquired) {
                try await lock.withLock("job", owner: "me", ttl: .seconds(5), maxHold: .seconds(120)) { _ throws in
                    ran.withLock { $0 = true }
                }
            }
            #expect(ran.value == false)
            #expect(try await lock.holder(of: "job")?.owner == "other")
            #expect(try await lock.release(held))
        }
    }

    @Test func withLockReleasesWhenTheBodyThrows() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            await #expect(throws: Failure()) {
                try await lock.withLock("job", owner: "me", ttl: .seconds(5), maxHold: .seconds(120)) { _ throws in
                    throw Failure()
                }
            }
            #expect(try await lock.holder(of: "job") == nil)
        }
    }

    @Test func withLockReleasesWhenTheCallerIsCancelled() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let started = AsyncStream.makeStream(of: Void.self)
            let job = Task {
                try await lock.withLock("job", owner: "me", ttl: .seconds(5), maxHold: .seconds(60)) { _ throws in
                    started.continuation.yield()
                    try await Task.sleep(for: .seconds(60))
                }
            }
            var iterator = started.stream.makeAsyncIterator()
            await iterator.next()
            job.cancel()
            await #expect(throws: CancellationError.self) { try await job.value }
            #expect(try await lock.holder(of: "job") == nil)
        }
    }

    @Test func withLockReturnsTheBodysValueAndPassesItsGrant() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let grant = try await lock.withLock("job", owner: "me", ttl: .seconds(5), maxHold: .seconds(120)) { grant throws in
                #expect(try await lock.holder(of: "job")?.fencingToken == grant.fencingToken)
                return grant
            }
            #expect(grant.owner == "me")
            #expect(grant.resource == "job")
            #expect(try await lock.holder(of: "job") == nil)
        }
    }
}
