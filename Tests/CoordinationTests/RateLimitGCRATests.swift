import Coordination
import Testing

/// The GCRA arithmetic with injected times (microseconds): no Redis, no sleeping.
@Suite("Rate limit: GCRA arithmetic")
struct RateLimitGCRATests {
    /// 10 per second, burst 3: T = 100 ms, capacity 300 ms.
    static let policy = RateLimitPolicy(rate: 10, period: .seconds(1), burst: 3)
    static let ms: Int64 = 1000

    /// Feeds requests through `GCRA.evaluate`, carrying the TAT the way the script stores it.
    struct Subject {
        var policy: RateLimitPolicy
        var tat: Int64?

        mutating func request(at now: Int64, cost: Int = 1) throws -> RateLimitDecision {
            let (decision, newTAT) = try GCRA.evaluate(now: now, tat: tat, policy: policy, cost: cost)
            if decision.allowed {
                tat = newTAT
            }
            return decision
        }
    }

    static func decision(_ allowed: Bool, remaining: Int, retryAfterMs: Int64, resetAfterMs: Int64, limit: Int = 3) -> RateLimitDecision {
        RateLimitDecision(
            allowed: allowed, limit: limit, remaining: remaining,
            retryAfter: .milliseconds(retryAfterMs), resetAfter: .milliseconds(resetAfterMs)
        )
    }

    @Test func derivedConstants() {
        let gcra = GCRA(policy: Self.policy)
        #expect(gcra.emissionInterval == 100 * Self.ms)
        #expect(gcra.capacity == 300 * Self.ms)
        // 1 s / 3 is not a whole number of microseconds: rounding up keeps the limit from being exceeded.
        #expect(GCRA(policy: RateLimitPolicy(rate: 3, period: .seconds(1), burst: 1)).emissionInterval == 333_334)
        #expect(GCRA(policy: RateLimitPolicy(rate: 100, period: .seconds(60), burst: 20)).emissionInterval == 600_000)
    }

    @Test func aBurstIsAllowedAtOnceThenRejectedWithRetryAndResetTimes() throws {
        var subject = Subject(policy: Self.policy)
        let t0: Int64 = 1_000_000 * Self.ms
        #expect(try subject.request(at: t0) == Self.decision(true, remaining: 2, retryAfterMs: 0, resetAfterMs: 100))
        #expect(try subject.request(at: t0) == Self.decision(true, remaining: 1, retryAfterMs: 0, resetAfterMs: 200))
        #expect(try subject.request(at: t0) == Self.decision(true, remaining: 0, retryAfterMs: 0, resetAfterMs: 300))
        #expect(try subject.request(at: t0) == Self.decision(false, remaining: 0, retryAfterMs: 100, resetAfterMs: 300))
        #expect(try subject.request(at: t0 + 40 * Self.ms) == Self.decision(false, remaining: 0, retryAfterMs: 60, resetAfterMs: 260))
        // Exactly when retryAfter said.
        #expect(try subject.request(at: t0 + 100 * Self.ms) == Self.decision(true, remaining: 0, retryAfterMs: 0, resetAfterMs: 300))
        // After an idle stretch longer than the reset time, the whole burst is back.
        #expect(try subject.request(at: t0 + 10_000 * Self.ms) == Self.decision(true, remaining: 2, retryAfterMs: 0, resetAfterMs: 100))
    }

    @Test func afterTheBurstRequestsAreSpacedByTheEmissionInterval() throws {
        var subject = Subject(policy: Self.policy)
        let t0: Int64 = 5_000 * Self.ms
        for _ in 0..<3 {
            #expect(try subject.request(at: t0).allowed)
        }
        for step in 1...20 {
            let now = t0 + Int64(step) * 100 * Self.ms
            // Slightly early is too early; on time is fine, and only once.
            #expect(try subject.request(at: now - 1).allowed == false)
            #expect(try subject.request(at: now).allowed)
            #expect(try subject.request(at: now).allowed == false)
        }
    }

    @Test func remainingRecoversOneRequestPerInterval() throws {
        var subject = Subject(policy: Self.policy)
        let t0: Int64 = 7_000 * Self.ms
        for _ in 0..<3 {
            _ = try subject.request(at: t0)
        }
        // Peeking (cost 0) changes nothing and reports what is left.
        #expect(try subject.request(at: t0 + 99 * Self.ms, cost: 0).remaining == 0)
        #expect(try subject.request(at: t0 + 100 * Self.ms, cost: 0).remaining == 1)
        #expect(try subject.request(at: t0 + 250 * Self.ms, cost: 0) == Self.decision(true, remaining: 2, retryAfterMs: 0, resetAfterMs: 50))
        #expect(try subject.request(at: t0 + 300 * Self.ms, cost: 0) == Self.decision(true, remaining: 3, retryAfterMs: 0, resetAfterMs: 0))
    }

    @Test func costsAboveOneConsumeSeveralIntervals() throws {
        var subject = Subject(policy: Self.policy)
        let t0: Int64 = 9_000 * Self.ms
        #expect(try subject.request(at: t0, cost: 2) == Self.decision(true, remaining: 1, retryAfterMs: 0, resetAfterMs: 200))
        // One unit left is not enough for two: rejected, and nothing is consumed.
        #expect(try subject.request(at: t0, cost: 2) == Self.decision(false, remaining: 1, retryAfterMs: 100, resetAfterMs: 200))
        #expect(try subject.request(at: t0, cost: 1) == Self.decision(true, remaining: 0, retryAfterMs: 0, resetAfterMs: 300))
        // A cost equal to the burst needs a completely full bucket.
        #expect(try subject.request(at: t0 + 200 * Self.ms, cost: 3) == Self.decision(false, remaining: 2, retryAfterMs: 100, resetAfterMs: 100))
        #expect(try subject.request(at: t0 + 300 * Self.ms, cost: 3) == Self.decision(true, remaining: 0, retryAfterMs: 0, resetAfterMs: 300))
    }

    @Test func aCostAboveTheBurstCanNeverBeAdmittedSoItIsAnError() {
        #expect(throws: RateLimitError.costExceedsBurst(cost: 4, burst: 3)) {
            try GCRA.evaluate(now: 0, tat: nil, policy: Self.policy, cost: 4)
        }
        #expect(throws: RateLimitError.negativeCost(-1)) {
            try GCRA.evaluate(now: 0, tat: nil, policy: Self.policy, cost: -1)
        }
    }

    @Test func aStateLeftByALargerPolicyReportsNothingRemaining() throws {
        // Stored under a policy with a bigger burst, the TAT can sit further ahead than this capacity.
        let now: Int64 = 1_000 * Self.ms
        let (decision, newTAT) = try GCRA.evaluate(now: now, tat: now + 500 * Self.ms, policy: Self.policy)
        #expect(decision == Self.decision(false, remaining: 0, retryAfterMs: 300, resetAfterMs: 500))
        #expect(newTAT == now + 500 * Self.ms)
    }

    @Test(arguments: [
        RateLimitPolicy(rate: 10, period: .seconds(1), burst: 3),
        RateLimitPolicy(rate: 7, period: .seconds(2), burst: 1),
        RateLimitPolicy(rate: 100, period: .seconds(60), burst: 20),
        RateLimitPolicy(rate: 1000, period: .seconds(1), burst: 50),
    ])
    func noWindowEverAdmitsMoreThanRateTimesWindowPlusBurst(policy: RateLimitPolicy) throws {
        // Random arrivals, a few per emission interval on average, so the limit is hit often.
        var generator = SplitMix64(state: UInt64(policy.rate * 31 + policy.burst))
        let interval = GCRA(policy: policy).emissionInterval
        var subject = Subject(policy: policy)
        var now: Int64 = 1_000_000_000
        var admitted: [Int64] = []
        for _ in 0..<4000 {
            now += Int64.random(in: 0...(interval / 2), using: &generator)
            let cost = Int.random(in: 1...min(policy.burst, 2), using: &generator)
            if try subject.request(at: now, cost: cost).allowed {
                admitted += Array(repeating: now, count: cost)
            }
        }
        #expect(admitted.count > policy.burst)
        // For windows [admitted[i], admitted[i] + W], which are the worst placed ones.
        let period = policy.period.components.seconds * 1_000_000  // whole seconds in every case above
        for window in [interval, 10 * interval, period, 3 * period] {
            var end = 0
            for start in admitted.indices {
                while end < admitted.count, admitted[end] <= admitted[start] + window {
                    end += 1
                }
                let bound = Double(policy.rate) * Double(window) / Double(period) + Double(policy.burst)
                #expect(Double(end - start) <= bound)
            }
        }
    }
}
