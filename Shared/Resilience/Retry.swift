/// Runs `operation`, retrying failures that `isRetryable` accepts with `policy`'s backoff between attempts,
/// until it succeeds, an error is not retryable, the attempts run out, or `budget` refuses a retry. The last
/// error is rethrown unchanged, so callers see the dependency's error rather than a retry wrapper.
///
/// A `CancellationError`, or any error once the task is cancelled, is never retried: the caller has gone.
///
/// - Parameters:
///   - budget: when given, one deposit is made per call and every retry must withdraw from it, so that during
///     an outage retries stay a bounded fraction of traffic instead of multiplying it.
///   - random: the jitter source; pass a `SeededRandomNumberGenerator` for reproducible delays.
///   - sleep: how to wait between attempts; `ManualClock.sleep(for:)` or a recording closure in tests.
///   - isolation: the operation runs on the caller's actor, so it need not be `Sendable`.
public func retry<T>(
    policy: RetryPolicy,
    budget: RetryBudget? = nil,
    random: some RandomNumberGenerator = SystemRandomNumberGenerator(),
    sleep: (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
    isRetryable: (any Error) -> Bool = { _ in true },
    isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> T
) async throws -> T {
    var generator = random
    budget?.deposit()
    var retryNumber = 0
    while true {
        do {
            return try await operation()
        } catch {
            let attemptsMade = retryNumber + 1
            guard attemptsMade < policy.maxAttempts,
                !(error is CancellationError),
                !Task.isCancelled,
                isRetryable(error),
                budget?.tryWithdraw() ?? true
            else { throw error }
            try await sleep(policy.backoff.delay(forRetry: retryNumber, using: &generator))
            retryNumber += 1
        }
    }
}
