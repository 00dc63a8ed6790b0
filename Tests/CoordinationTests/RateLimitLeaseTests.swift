import Foundation
import Redis
import Testing

@testable import Coordination

/// `LeasingRateLimiter` against a real Redis: busy subjects are charged several requests per call, the shared bound
/// still holds across instances, and small bursts are decided request by request.
@Suite("Rate limit: local leases for busy subjects")
struct RateLimitLeaseTests {
    static func limiter(_ redis: RedisClient, prefix: String, lifetime: Duration = .seconds(1)) -> LeasingRateLimiter {
        LeasingRateLimiter(shared: GCRARateLimiter(redis: redis, keyPrefix: prefix), leaseLifetime: lifetime)
    }

    @Test func aSmallBurstIsDecidedRequestByRequest() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix())
            let policy = RateLimitPolicy(rate: 5, period: .seconds(60), burst: 5)
            var decisions: [RateLimitDecision] = []
            for _ in 0..<7 { decisions.append(try await limiter.check("user", policy: policy)) }
            #expect(decisions.map(\.allowed) == [true, true, true, true, true, false, false])
            #expect(decisions.prefix(5).map(\.remaining) == [4, 3, 2, 1, 0])
            // Six calls: the seventh request is refused from the sixth's remembered refusal.
            #expect(limiter.sharedChecks == 6)
            #expect(limiter.heldTokens(for: "user") == 0)
        }
    }

    @Test func aBusySubjectLeasesAndItsRemainingCountsDownByOne() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix(), lifetime: .seconds(30))
            // One request a minute sustained: nothing refills during the test, so every count is exact.
            let policy = RateLimitPolicy(rate: 1, period: .seconds(60), burst: 1000)
            var remaining: [Int] = []
            for _ in 0..<100 {
                let decision = try await limiter.check("user", policy: policy)
                #expect(decision.allowed)
                remaining.append(decision.remaining)
            }
            #expect(remaining == Array((900...999).reversed()))
            // Leases of 1, 2, 4, 8, 16, 32, 64 cover 127 requests: far fewer calls than requests.
            #expect(limiter.sharedChecks <= 10, "\(limiter.sharedChecks) Redis calls for 100 requests")
            #expect(limiter.heldTokens(for: "user") > 0)
        }
    }

    @Test func theEndOfTheBudgetIsExact() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix(), lifetime: .seconds(30))
            let policy = RateLimitPolicy(rate: 1, period: .seconds(60), burst: 100)
            var allowed = 0
            for _ in 0..<130 where try await limiter.check("user", policy: policy).allowed { allowed += 1 }
            #expect(allowed == 100)
            #expect(limiter.heldTokens(for: "user") == 0)
        }
    }

    @Test func admissionsFromLeasesRefillAheadOfNeedAndStayCharged() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix(), lifetime: .seconds(30))
            let policy = RateLimitPolicy(rate: 1, period: .seconds(3600), burst: 10_000)
            for _ in 0..<20 { _ = try await limiter.check("user", policy: policy) }
            var admitted = 20
            var missed = 0
            for _ in 0..<2000 {
                if limiter.admitFromLease("user", policy: policy) == nil {
                    // What the gateway does then: the general way, which may wait on Redis.
                    missed += 1
                    #expect(try await limiter.check("user", policy: policy).allowed)
                }
                admitted += 1
                // A request rate Redis keeps up with: near the end of a lease, give the refill (asked for when a
                // quarter was left) time to land. Without refills the lease runs dry here once per lease anyway.
                var waited = 0
                while limiter.heldTokens(for: "user") < 2 && waited < 200 {
                    try await Task.sleep(for: .milliseconds(1))
                    waited += 1
                }
            }
            // Without refills every lease (at most 64 here) would run dry once: 2000 / 64 ≈ 31 misses at least.
            #expect(missed <= 2, "\(missed) of 2000 admissions found no lease")
            try await Task.sleep(for: .milliseconds(100))
            // Everything admitted was charged in Redis first, and nothing beyond the tokens still held here: Redis'
            // own count (asked without a lease, charging one more) lies between the two.
            let held = limiter.heldTokens(for: "user")
            let redisRemaining = try await limiter.shared.check("user", policy: policy, cost: 1).remaining
            #expect(redisRemaining <= 10_000 - admitted - 1)
            #expect(redisRemaining >= 10_000 - admitted - held - 1)
        }
    }

    @Test func unusedTokensExpireAndTheNextRequestAsksRedis() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix(), lifetime: .seconds(2))
            let policy = RateLimitPolicy(rate: 1, period: .seconds(60), burst: 1000)
            for _ in 0..<20 { _ = try await limiter.check("user", policy: policy) }
            let held = limiter.heldTokens(for: "user")
            #expect(held > 0)
            try await Task.sleep(for: .milliseconds(2100))
            let calls = limiter.sharedChecks
            let decision = try await limiter.check("user", policy: policy)
            #expect(decision.allowed)
            #expect(limiter.sharedChecks == calls + 1)
            // The dropped tokens stay charged: remaining does not count them any more.
            #expect(decision.remaining + limiter.heldTokens(for: "user") <= 1000 - 21)
        }
    }

    @Test func twoInstancesUnderConcurrencyNeverExceedTheSharedBound() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            // Leases live longer than the test, so none expires: what is charged is admitted or still held.
            let replicas = [Self.limiter(redis, prefix: prefix, lifetime: .seconds(30)), Self.limiter(redis, prefix: prefix, lifetime: .seconds(30))]
            let policy = RateLimitPolicy(rate: 200, period: .seconds(1), burst: 500)
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(1500)
            let (allowed, attempts) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var allowed = 0, attempts = 0
                        while ContinuousClock.now < deadline {
                            attempts += 1
                            if try await replicas[task % 2].check("user", policy: policy).allowed { allowed += 1 }
                            await Task.yield()
                        }
                        return (allowed, attempts)
                    }
                }
                return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let bound = Int(200 * seconds) + 500
            #expect(allowed <= bound, "\(allowed) admitted in \(elapsed), bound \(bound)")
            // A replica holds at most a lease less one (49): until the burst is charged, nothing is refused, so
            // either every attempt passed or nearly the whole burst did (however slow the machine made the loop).
            #expect(allowed >= min(attempts, 500 - 2 * 49), "\(allowed) of \(attempts) attempts admitted")
        }
    }

    @Test func concurrentCallersOfTwoInstancesShareLeases() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let replicas = [Self.limiter(redis, prefix: prefix, lifetime: .seconds(30)), Self.limiter(redis, prefix: prefix, lifetime: .seconds(30))]
            let policy = RateLimitPolicy(rate: 1, period: .seconds(60), burst: 2000)
            let allowed = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var allowed = 0
                        for _ in 0..<150 where try await replicas[task % 2].check("user", policy: policy).allowed { allowed += 1 }
                        return allowed
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(allowed == 1200)
            let calls = replicas[0].sharedChecks + replicas[1].sharedChecks
            #expect(calls * 2 < allowed, "\(calls) Redis calls for \(allowed) admissions")
            // Everything leased is either admitted or still held: nothing was charged twice or lost.
            let tat = try #require(try await redis.getString(RateLimitKeys.tat("user", prefix: prefix)).flatMap { Int64($0) })
            let charged = Double(tat - Int64(Date().timeIntervalSince1970 * 1_000_000)) / 60_000_000
            let held = replicas[0].heldTokens(for: "user") + replicas[1].heldTokens(for: "user")
            #expect(abs(charged - Double(allowed + held)) < 2, "charged \(charged), admitted \(allowed) + held \(held)")
        }
    }

    @Test func aRefusalIsRememberedWithoutAskingRedisAgain() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix())
            // One request per 30 s, burst 2: the third request is refused however slow the machine is.
            let policy = RateLimitPolicy(rate: 1, period: .seconds(30), burst: 2)
            #expect(try await limiter.check("user", policy: policy).allowed)
            #expect(try await limiter.check("user", policy: policy).allowed)
            let first = try await limiter.check("user", policy: policy)
            try #require(!first.allowed)
            let calls = limiter.sharedChecks
            var answers: [RateLimitDecision] = []
            for _ in 0..<50 { answers.append(try await limiter.check("user", policy: policy)) }
            #expect(answers.allSatisfy { !$0.allowed && $0.retryAfter <= first.retryAfter && $0.retryAfter > .zero })
            #expect(limiter.sharedChecks == calls)
        }
    }

    @Test func aRememberedRefusalEndsAtItsRetryAfter() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let limiter = Self.limiter(redis, prefix: CoordinationTestSupport.keyPrefix())
            // One request a second, burst 1: ask until refused (a stalled machine may need a few tries).
            let policy = RateLimitPolicy(rate: 1, period: .seconds(1), burst: 1)
            var refusal: RateLimitDecision?
            for _ in 0..<20 where refusal == nil {
                let decision = try await limiter.check("user", policy: policy)
                if !decision.allowed { refusal = decision }
            }
            let refused = try #require(refusal)
            try await Task.sleep(for: refused.retryAfter + .milliseconds(50))
            let calls = limiter.sharedChecks
            #expect(try await limiter.check("user", policy: policy).allowed)
            #expect(limiter.sharedChecks == calls + 1)
        }
    }
}
