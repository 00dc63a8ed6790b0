/// How much a subject may do: `rate` requests per `period` sustained, and up to `burst` at once.
///
/// `burst` is the capacity of the bucket: an idle subject may make `burst` requests back to back, after
/// which requests are admitted one every `period / rate`. Over any stretch of time W a subject is admitted
/// at most `rate · W / period + burst` requests (the bound the integration tests check). The RateLimit
/// headers' limit is therefore `burst`: it is what `remaining` counts down from.
/// Example: `RateLimitPolicy(rate: 100, period: .seconds(60), burst: 20)` allows 20 at once, then one
/// every 0.6 s.
public struct RateLimitPolicy: Sendable, Equatable, Hashable {
    public let rate: Int
    public let period: Duration
    public let burst: Int

    /// Invalid values are programming or configuration errors and stop the process: a limiter that
    /// silently allowed everything (or nothing) would be worse.
    public init(rate: Int, period: Duration, burst: Int) {
        precondition(rate >= 1, "a rate limit needs a rate of at least 1, got \(rate)")
        precondition(period > .zero, "a rate limit needs a positive period, got \(period)")
        precondition(burst >= 1, "a rate limit needs a burst of at least 1, got \(burst)")
        self.rate = rate
        self.period = period
        self.burst = burst
        // The Lua script computes with doubles, exact only below 2^53; see `GCRA.maximumCapacity`.
        let (capacity, overflow) = GCRA.emissionInterval(rate: rate, period: period)
            .multipliedReportingOverflow(by: Int64(burst))
        precondition(!overflow && capacity < GCRA.maximumCapacity, "rate limit \(rate)/\(period) with burst \(burst) spans too long a time")
    }
}
