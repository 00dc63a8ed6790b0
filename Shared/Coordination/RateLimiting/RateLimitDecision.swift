/// The answer for one request, carrying exactly what the RateLimit and Retry-After headers need.
public struct RateLimitDecision: Sendable, Equatable {
    public let allowed: Bool
    /// The policy's burst: the most requests an idle subject may make at once.
    public let limit: Int
    /// Requests of cost 1 that would be admitted right now, after this decision.
    public let remaining: Int
    /// Zero when allowed; otherwise how long until the same request would be admitted (if nothing else
    /// is admitted meanwhile).
    public let retryAfter: Duration
    /// How long until the subject is back to a full burst (`remaining == limit`).
    public let resetAfter: Duration

    public init(allowed: Bool, limit: Int, remaining: Int, retryAfter: Duration, resetAfter: Duration) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.retryAfter = retryAfter
        self.resetAfter = resetAfter
    }
}
