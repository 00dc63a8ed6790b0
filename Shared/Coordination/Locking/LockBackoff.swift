/// Delays between `tryAcquire` attempts: exponential growth capped at `maxDelay`, with full jitter
/// (a uniform draw between zero and the cap). Jitter spreads contenders out so that a released lock is
/// not hit by every waiter at the same instant; the cap bounds how long a waiter sleeps past a release.
/// Pure and generic over the random source so the bounds are unit-testable.
public struct LockBackoff: Sendable, Equatable {
    public let baseDelay: Duration
    public let maxDelay: Duration

    public init(baseDelay: Duration, maxDelay: Duration) {
        precondition(baseDelay >= .zero && maxDelay >= .zero, "backoff delays must not be negative")
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The upper bound of the delay after the `retry`-th failed attempt (0 for the first): base · 2^retry,
    /// never above `maxDelay`, computed without overflowing however many retries there were.
    public func cap(forRetry retry: Int) -> Duration {
        let base = LockDuration.nanoseconds(baseDelay)
        let maximum = LockDuration.nanoseconds(maxDelay)
        guard base > 0 else { return .zero }
        let shift = max(0, retry)
        if shift >= 62 || base > maximum >> Int64(shift) {
            return .nanoseconds(maximum)
        }
        return .nanoseconds(min(maximum, base << Int64(shift)))
    }

    /// A delay drawn uniformly from zero to `cap(forRetry:)`, both included.
    public func delay(forRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let cap = LockDuration.nanoseconds(cap(forRetry: retry))
        guard cap > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...cap, using: &generator))
    }

    public func delay(forRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(forRetry: retry, using: &generator)
    }
}
