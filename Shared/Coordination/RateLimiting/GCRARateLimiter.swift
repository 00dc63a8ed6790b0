import Redis

/// A rate limiter shared by every replica through Redis: one key per subject holding its GCRA state,
/// checked and updated by one script. Instances on any number of processes that use the same Redis and
/// prefix enforce one limit together.
public struct GCRARateLimiter: Sendable {
    public let redis: RedisClient
    public let keyPrefix: String
    private let metrics = RateLimitMetrics()

    public init(redis: RedisClient, keyPrefix: String = "ratelimit:") {
        self.redis = redis
        self.keyPrefix = keyPrefix
    }

    /// Admits or rejects a request of `cost` by `subject` (a user id, a client IP). Throws
    /// `RateLimitError` without touching Redis for a cost that could never be admitted.
    public func check(_ subject: String, policy: RateLimitPolicy, cost: Int = 1) async throws -> RateLimitDecision {
        try await check(subject, policy: policy, cost: cost, now: nil)
    }

    /// `now` (µs since the epoch) replaces the server's clock; only tests pass it, to compare the script
    /// with `GCRA` at chosen instants.
    func check(_ subject: String, policy: RateLimitPolicy, cost: Int, now: Int64?) async throws -> RateLimitDecision {
        let gcra = GCRA(policy: policy)
        try gcra.validate(cost: cost)
        var arguments: [RedisArgument] = [.int64(gcra.emissionInterval), .int(policy.burst), .int(cost)]
        if let now {
            arguments.append(.int64(now))
        }
        let reply = try await redis.eval(
            GCRAScript.script,
            keys: [RateLimitKeys.tat(subject, prefix: keyPrefix)],
            arguments: arguments
        )
        guard let fields = reply.array, fields.count == 4,
              let allowed = fields[0].int, let remaining = fields[1].int,
              let retryAfter = fields[2].int, let resetAfter = fields[3].int
        else {
            throw RedisError.protocolError("rate limit script answered \(reply)")
        }
        let decision = RateLimitDecision(
            allowed: allowed == 1,
            limit: policy.burst,
            remaining: Int(remaining),
            retryAfter: .microseconds(retryAfter),
            resetAfter: .microseconds(resetAfter)
        )
        if decision.allowed {
            metrics.allowed.increment()
        } else {
            metrics.rejected.increment()
        }
        return decision
    }
}
