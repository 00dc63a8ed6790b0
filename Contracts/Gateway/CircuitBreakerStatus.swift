import Foundation

/// One element of `GET /api/admin/circuit-breakers`.
public struct CircuitBreakerStatus: Codable, Sendable, Equatable {
    /// The upstream it guards: a `ServiceName` raw value.
    public var name: String
    public var state: BreakerState
    /// Failed share of the calls in the sliding window, 0...1.
    public var failureRate: Double
    /// Calls in the sliding window.
    public var calls: Int
    /// When the breaker last opened; null while it has never opened since the last reset.
    public var openedAt: Date?

    public init(name: String, state: BreakerState, failureRate: Double, calls: Int, openedAt: Date? = nil) {
        self.name = name
        self.state = state
        self.failureRate = failureRate
        self.calls = calls
        self.openedAt = openedAt
    }

    private enum CodingKeys: String, CodingKey {
        case name, state, failureRate, calls, openedAt
    }

    /// Written by hand so `openedAt` appears as `null` instead of missing (docs/api.md lists it without `?`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(state, forKey: .state)
        try container.encode(failureRate, forKey: .failureRate)
        try container.encode(calls, forKey: .calls)
        try container.encode(openedAt, forKey: .openedAt)
    }
}
