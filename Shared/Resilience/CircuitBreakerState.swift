/// The three states of a circuit breaker. Raw values match the `state` field of
/// `GET /api/admin/circuit-breakers` (docs/api.md), so a snapshot maps onto the wire without a translation table.
public enum CircuitBreakerState: String, Sendable, Codable, CaseIterable {
    /// Calls flow; outcomes are counted in the sliding window.
    case closed
    /// Calls are refused at once until the open duration has passed.
    case open
    /// A few probe calls are let through to decide between closing and opening again.
    case halfOpen
}
