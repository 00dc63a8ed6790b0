/// Thrown by `CircuitBreaker.acquirePermission()` when the breaker refuses a call: it is open, or it is half-open
/// and all its probe slots are taken.
public struct CircuitBreakerOpenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The breaker's name (for the gateway: the upstream service).
    public let name: String
    /// `.open` or `.halfOpen`: the state that refused the call.
    public let state: CircuitBreakerState
    /// How long until asking again could succeed: while open, the time left until half-open; while half-open
    /// with every probe slot taken, the time by which the oldest outstanding probe must have finished (at the
    /// latest the breaker has decided by then). Suitable for a `Retry-After` header once rounded up to seconds.
    public let retryAfter: Duration

    public init(name: String, state: CircuitBreakerState, retryAfter: Duration) {
        self.name = name
        self.state = state
        self.retryAfter = retryAfter
    }

    /// `retryAfter` in whole seconds, rounded up and at least 1: the value for an HTTP `Retry-After` header,
    /// where 0 would invite an immediate retry that is certain to be refused again.
    public var retryAfterSeconds: Int {
        let (seconds, attoseconds) = retryAfter.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    public var description: String {
        "circuit breaker '\(name)' is \(state.rawValue); retry after \(retryAfter)"
    }
}
