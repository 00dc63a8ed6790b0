import Metrics

/// The limiter's counters, created per limiter so they bind to the metrics backend bootstrapped before
/// the service built it. No subject dimension: subjects are users and IPs, an unbounded set.
struct RateLimitMetrics: Sendable {
    let allowed = Counter(label: "coordination.ratelimit.allowed")
    let rejected = Counter(label: "coordination.ratelimit.rejected")
}
