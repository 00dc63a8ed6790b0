import Metrics

/// The limiter's counters, created per limiter so they bind to the metrics backend bootstrapped before
/// the service built it. No subject dimension: subjects are users and IPs, an unbounded set.
struct RateLimitMetrics: Sendable {
    let allowed = Counter(label: "coordination.ratelimit.allowed")
    let rejected = Counter(label: "coordination.ratelimit.rejected")
}

extension RateLimitMetrics {
    /// Requests `LeasingRateLimiter` admitted from a lease, without a Redis call.
    static func leasedAdmissions() -> Counter { Counter(label: "coordination.ratelimit.leased_admissions") }
    /// Requests `LeasingRateLimiter` refused from a remembered refusal, without a Redis call.
    static func rememberedRefusals() -> Counter { Counter(label: "coordination.ratelimit.remembered_refusals") }
}
