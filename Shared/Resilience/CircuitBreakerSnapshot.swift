import Foundation

/// A breaker's state and window at one moment: what `GET /api/admin/circuit-breakers` shows (name, state,
/// failureRate, calls, openedAt map one to one onto `Contracts.CircuitBreakerStatus`) plus the slow-call figures.
public struct CircuitBreakerSnapshot: Sendable, Hashable, Codable {
    public var name: String
    public var state: CircuitBreakerState
    /// Failed share of the calls in the sliding window, 0...1 (0 for an empty window).
    public var failureRate: Double
    /// Slow share of the calls in the sliding window, 0...1 (0 for an empty window).
    public var slowCallRate: Double
    /// Calls in the sliding window.
    public var calls: Int
    /// Failed calls in the sliding window.
    public var failedCalls: Int
    /// Slow calls in the sliding window (failed or not).
    public var slowCalls: Int
    /// Wall-clock time the breaker last opened; nil if it has not opened since it was created or last reset.
    /// Kept after the breaker closes again, so the admin view still shows when the last outage began.
    public var openedAt: Date?

    public init(
        name: String,
        state: CircuitBreakerState,
        failureRate: Double,
        slowCallRate: Double,
        calls: Int,
        failedCalls: Int,
        slowCalls: Int,
        openedAt: Date?
    ) {
        self.name = name
        self.state = state
        self.failureRate = failureRate
        self.slowCallRate = slowCallRate
        self.calls = calls
        self.failedCalls = failedCalls
        self.slowCalls = slowCalls
        self.openedAt = openedAt
    }
}
