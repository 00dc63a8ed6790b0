import Foundation
import Redis
import Testing

@testable import Coordination

@Suite("Rate limit: GCRA in Redis")
struct RateLimitRedisTests {
    static let policy = RateLimitPolicy(rate: 10, period: .seconds(1), burst: 3)

    @Test func theScriptComputesExactlyWhatGCRAComputes() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = GCRARateLimiter(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            // Near the real time so that the key's PX expiry (relative to the server's clock) stays sane, and on a
            // slow scale (one "ms" of the table is 0.1 s) so that no key expires in real time between two steps,
            // however loaded the machine is.
            let policy = RateLimitPolicy(rate: 10, period: .seconds(100), burst: 3)
            let t0 = Int64(Date().timeIntervalSince1970 * 1_000_000)
            let steps: [(offsetMs: Int64, cost: Int)] = [
                (0, 1), (0, 1), (0, 0), (0, 1), (0, 1), (40, 1), (99, 1), (100, 1), (100, 0),
                (150, 2), (350, 2), (351, 1), (420, 3), (700, 3), (700, 0), (5000, 1), (5000, 2),
            ]
            var tat: Int64?
            for step in steps {
                let now = t0 + step.offsetMs * 100_000
                let (expected, newTAT) = try GCRA.evaluate(now: now, tat: tat, policy: policy, cost: step.cost)
                let actual = try await limiter.check("subject", policy: policy, cost: step.cost, now: now)
                #expect(actual == expected, "at +\(step.offsetMs) ms, cost \(step.cost)")
                if expected.allowed && step.cost > 0 {
                    tat = newTAT
                }
            }
        }
    }

    @Test func theKeyHoldsTheTATAndExpiresWithIt() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            // One request per second: the key lives about two seconds, long enough to read on a loaded machine.
            let policy = RateLimitPolicy(rate: 1, period: .seconds(1), burst: 3)
            let limiter = GCRARateLimiter(redis: redis, keyPrefix: prefix)
            let key = RateLimitKeys.tat("user-1", prefix: prefix)
            #expect(key == prefix + "user-1")

            // Inspecting an idle subject writes nothing.
            #expect(try await limiter.check("user-1", policy: policy, cost: 0).remaining == 3)
            #expect(try await redis.exists(key) == false)

            let before = Int64(Date().timeIntervalSince1970 * 1_000_000)
            #expect(try await limiter.check("user-1", policy: policy, cost: 2).allowed)
            let stored = try #require(try await redis.getString(key).flatMap { Int64($0) })
            #expect(stored > before && stored < before + 10_000_000)
            let pttl = try #require(try await redis.send("PTTL", [.string(key)]).int)
            #expect(pttl > 0 && pttl <= 2000)
            // Idle subjects leave no keys behind.
            #expect(try await CoordinationTestSupport.eventually { try await redis.exists(key) == false })
        }
    }

    @Test func retryAfterIsHonest() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = GCRARateLimiter(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            // One request per 2 s: slow enough that no token comes back between the checks on a loaded machine.
            let policy = RateLimitPolicy(rate: 5, period: .seconds(10), burst: 2)
            #expect(try await limiter.check("ip", policy: policy).allowed)
            #expect(try await limiter.check("ip", policy: policy).allowed)
            let rejected = try await limiter.check("ip", policy: policy)
            #expect(rejected.allowed == false)
            #expect(rejected.limit == 2)
            #expect(rejected.remaining == 0)
            #expect(rejected.retryAfter > .zero && rejected.retryAfter <= .seconds(2))
            #expect(rejected.resetAfter > .seconds(2) && rejected.resetAfter <= .seconds(4))
            try await Task.sleep(for: rejected.retryAfter)
            #expect(try await limiter.check("ip", policy: policy).allowed)
        }
    }

    @Test func subjectsAreLimitedSeparately() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = GCRARateLimiter(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let policy = RateLimitPolicy(rate: 1, period: .seconds(60), burst: 2)
            for subject in ["alice", "bob"] {
                #expect(try await limiter.check(subject, policy: policy).allowed)
                #expect(try await limiter.check(subject, policy: policy).allowed)
                #expect(try await limiter.check(subject, policy: policy).allowed == false)
            }
        }
    }

    @Test func aCostAboveTheBurstThrowsWithoutTouchingRedis() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let limiter = GCRARateLimiter(redis: redis, keyPrefix: prefix)
            await #expect(throws: RateLimitError.costExceedsBurst(cost: 4, burst: 3)) {
                try await limiter.check("user", policy: Self.policy, cost: 4)
            }
            #expect(try await redis.exists(RateLimitKeys.tat("user", prefix: prefix)) == false)
        }
    }

    @Test func twoLimitersSharingRedisNeverTogetherExceedRateTimesWindowPlusBurst() async throws {
        // Separate clients stand in for two gateway replicas: separate connection pools, one Redis.
        let first = try CoordinationTestSupport.makeClient()
        let second = try CoordinationTestSupport.makeClient()
        let prefix = CoordinationTestSupport.keyPrefix()
        let limiters = [GCRARateLimiter(redis: first, keyPrefix: prefix), GCRARateLimiter(redis: second, keyPrefix: prefix)]
        let policy = RateLimitPolicy(rate: 40, period: .seconds(1), burst: 10)
        let clock = ContinuousClock()
        let duration = Duration.milliseconds(1500)

        let started = clock.now
        let counts = try await withThrowingTaskGroup(of: (instance: Int, allowed: Int, rejected: Int).self) { group in
            for instance in 0..<2 {
                for _ in 0..<6 {
                    group.addTask {
                        var allowed = 0
                        var rejected = 0
                        // At least 40 checks each, even on a machine so loaded that the window passed before this
                        // task ran: the bound below is computed from the real elapsed time either way.
                        while clock.now - started < duration || allowed + rejected < 40 {
                            if try await limiters[instance].check("shared-subject", policy: policy).allowed {
                                allowed += 1
                            } else {
                                rejected += 1
                            }
                            try await Task.sleep(for: .milliseconds(1))
                        }
                        return (instance, allowed, rejected)
                    }
                }
            }
            var totals = [(allowed: 0, rejected: 0), (allowed: 0, rejected: 0)]
            for try await result in group {
                totals[result.instance].allowed += result.allowed
                totals[result.instance].rejected += result.rejected
            }
            return totals
        }
        // Every decision was made by the server between `started` and now.
        let elapsed = clock.now - started
        await first.shutdown()
        await second.shutdown()

        let allowed = counts[0].allowed + counts[1].allowed
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bound = Double(policy.rate) * seconds + Double(policy.burst)
        #expect(Double(allowed) <= bound, "allowed \(allowed) in \(elapsed), bound \(bound)")
        // The test has teeth only if the limit was actually reached by both instances' traffic.
        #expect(counts[0].rejected > 0 && counts[1].rejected > 0)
        #expect(allowed > policy.burst)
    }
}
