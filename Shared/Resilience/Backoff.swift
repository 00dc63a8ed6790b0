/// Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"):
/// before retry `n` (0 for the first retry) wait a uniformly random time in `0...min(cap, base * 2^n)`.
///
/// Full jitter rather than a fixed exponential delay: clients that failed together would otherwise retry
/// together, and spreading them over the whole interval is what lets an overloaded dependency recover.
public struct Backoff: Sendable, Hashable {
    /// The ceiling before the first retry.
    public var base: Duration
    /// No delay ever exceeds this.
    public var cap: Duration

    public init(base: Duration = .milliseconds(100), cap: Duration = .seconds(10)) {
        precondition(base >= .zero, "base must not be negative")
        precondition(cap >= .zero, "cap must not be negative")
        self.base = base
        self.cap = cap
    }

    /// `min(cap, base * 2^retry)`: the largest delay retry number `retry` (0-based) may wait.
    public func ceiling(forRetry retry: Int) -> Duration {
        precondition(retry >= 0, "retry numbers start at 0")
        let capNanos = cap.saturatingNanoseconds
        let baseNanos = base.saturatingNanoseconds
        // Shifting past 62 bits, or a product that overflows, is certainly above any representable cap.
        guard retry < 63 else { return baseNanos == 0 ? .zero : cap }
        let (scaled, overflow) = baseNanos.multipliedReportingOverflow(by: Int64(1) << retry)
        return .nanoseconds(overflow ? capNanos : min(capNanos, scaled))
    }

    /// A random delay in `0...ceiling(forRetry: retry)`, drawn from `generator` so tests can seed it.
    public func delay(forRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(forRetry: retry).saturatingNanoseconds
        guard ceiling > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...ceiling, using: &generator))
    }

    /// A random delay drawn from the system's generator.
    public func delay(forRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(forRetry: retry, using: &generator)
    }
}
