/// How often and how patiently `retry` tries an operation.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first one included: 1 means no retries.
    public var maxAttempts: Int
    /// The wait before each retry.
    public var backoff: Backoff

    public init(maxAttempts: Int = 3, backoff: Backoff = Backoff()) {
        precondition(maxAttempts >= 1, "at least one attempt is needed")
        self.maxAttempts = maxAttempts
        self.backoff = backoff
    }

    /// A single attempt: for callers that take a policy but must not retry (non-idempotent requests).
    public static let none = RetryPolicy(maxAttempts: 1, backoff: Backoff(base: .zero, cap: .zero))
}
