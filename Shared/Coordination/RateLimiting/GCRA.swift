/// The generic cell rate algorithm, as pure arithmetic on integer microseconds.
///
/// State per subject is one number, the theoretical arrival time (TAT): when the subject's bucket would be
/// full again. A request of cost `c` moves it `c · T` later (T = the emission interval, `period / rate`);
/// it is admitted when the moved TAT is at most `burst · T` ahead of now. `GCRAScript` runs the same
/// arithmetic inside Redis; this type is its reference, unit-tested with injected times.
///
/// T is rounded *up* to a whole microsecond, so rounding can only make the limit slightly stricter, never
/// let through more than `rate` per `period`.
public struct GCRA: Sendable, Equatable {
    public let policy: RateLimitPolicy
    /// T in microseconds.
    public let emissionInterval: Int64
    /// `burst · T` in microseconds: how far ahead of now the TAT may run.
    public let capacity: Int64

    /// Doubles (Lua's only numbers) represent every integer below 2^53 exactly. The script's largest value
    /// is a candidate TAT, at most now (~2^50.6 µs since 1970) plus twice the capacity, so a capacity
    /// below 2^51 µs (about 71 years) keeps all of its arithmetic exact.
    static let maximumCapacity: Int64 = 1 << 51

    public init(policy: RateLimitPolicy) {
        self.policy = policy
        self.emissionInterval = Self.emissionInterval(rate: policy.rate, period: policy.period)
        self.capacity = emissionInterval * Int64(policy.burst)
    }

    /// The decision for a request of `cost` arriving at `now`, given the stored TAT (nil when the subject
    /// has none), and the TAT to store afterwards. Times are microseconds since any fixed epoch. A rejected
    /// request leaves the stored TAT as it was; `newTAT` is then `max(tat, now)`, which means the same.
    /// A cost of 0 inspects the state without consuming anything.
    public static func evaluate(
        now: Int64,
        tat: Int64?,
        policy: RateLimitPolicy,
        cost: Int = 1
    ) throws(RateLimitError) -> (decision: RateLimitDecision, newTAT: Int64) {
        try GCRA(policy: policy).evaluate(now: now, tat: tat, cost: cost)
    }

    public func evaluate(now: Int64, tat storedTAT: Int64?, cost: Int = 1) throws(RateLimitError) -> (decision: RateLimitDecision, newTAT: Int64) {
        try validate(cost: cost)
        let tat = max(storedTAT ?? now, now)
        let candidate = tat + Int64(cost) * emissionInterval
        let allowed = candidate - now <= capacity
        let after = allowed ? candidate : tat
        let decision = RateLimitDecision(
            allowed: allowed,
            limit: policy.burst,
            remaining: remaining(aheadOfNow: after - now),
            retryAfter: allowed ? .zero : .microseconds(candidate - capacity - now),
            resetAfter: .microseconds(after - now)
        )
        return (decision, after)
    }

    /// Throws for a cost that can never be admitted or makes no sense; `GCRARateLimiter` checks this
    /// before it talks to Redis.
    public func validate(cost: Int) throws(RateLimitError) {
        guard cost >= 0 else { throw .negativeCost(cost) }
        guard cost <= policy.burst else { throw .costExceedsBurst(cost: cost, burst: policy.burst) }
    }

    /// Whole emission intervals left before the TAT would run more than `capacity` ahead. Clamped at 0 for a
    /// TAT stored under an earlier, larger policy.
    private func remaining(aheadOfNow ahead: Int64) -> Int {
        Int(max(0, capacity - ahead) / emissionInterval)
    }

    static func emissionInterval(rate: Int, period: Duration) -> Int64 {
        let (seconds, attoseconds) = period.components
        let attosecondsPerMicrosecond: Int64 = 1_000_000_000_000
        var microseconds = seconds * 1_000_000 + attoseconds / attosecondsPerMicrosecond
        if attoseconds % attosecondsPerMicrosecond > 0 {
            microseconds += 1
        }
        let rate = Int64(rate)
        return (microseconds + rate - 1) / rate
    }
}
