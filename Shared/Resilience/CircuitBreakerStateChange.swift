import Foundation

/// Passed to a breaker's state-change callback, for metrics gauges and log lines.
public struct CircuitBreakerStateChange: Sendable, Hashable {
    public let name: String
    public let from: CircuitBreakerState
    public let to: CircuitBreakerState
    /// Wall-clock time of the change, from the breaker's clock.
    public let at: Date

    public init(name: String, from: CircuitBreakerState, to: CircuitBreakerState, at: Date) {
        self.name = name
        self.from = from
        self.to = to
        self.at = at
    }
}
