import Resilience

/// An actor using the async helpers on its own state. That this compiles is the test: the operations are
/// plain actor-isolated closures (not `@Sendable`), which only works because `retry`, `Bulkhead.execute` and
/// `CircuitBreaker.execute` run them on the caller's isolation.
actor IsolatedClient {
    private(set) var calls = 0
    private let breaker = CircuitBreaker(name: "isolated", clock: ManualClock())
    private let bulkhead = Bulkhead(maxConcurrent: 1)

    func fetch() async throws -> Int {
        try await retry(policy: RetryPolicy(maxAttempts: 3), sleep: { _ in }) {
            try await bulkhead.execute {
                try await breaker.execute {
                    calls += 1
                    if calls < 3 { throw TestError(attempt: calls) }
                    return calls
                }
            }
        }
    }

    var breakerCalls: Int {
        breaker.snapshot().calls
    }
}
