/// Requests a limiter refuses to evaluate, as opposed to requests it rejects for being over the limit.
public enum RateLimitError: Error, Sendable, Equatable {
    /// A request costing more than the policy's burst could never be admitted, however long it waited,
    /// so answering "retry after …" would be a lie; it is a configuration error for the caller to fix.
    case costExceedsBurst(cost: Int, burst: Int)
    case negativeCost(Int)
}
