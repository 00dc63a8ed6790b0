/// Proof that a circuit breaker let a call through; hand it back to `record(_:for:)` exactly once.
///
/// The permission remembers which state period admitted it, so that an outcome arriving after the breaker has
/// moved on (a slow call admitted while closed that ends while half-open) cannot be mistaken for a probe's
/// verdict, and when it started, so the breaker can measure the call for the slow-call threshold.
public struct CircuitBreakerPermission: Sendable, Hashable {
    /// When the breaker admitted the call, on the breaker's clock.
    public let startedAt: ContinuousClock.Instant
    /// Bumped by the breaker on every state change; outcomes from an older period are ignored.
    let generation: UInt64
    /// Set only for half-open probes: identifies the probe slot this call holds.
    let probeID: UInt64?

    /// Whether this call is one of the half-open probes that decide the breaker's next state.
    public var isProbe: Bool {
        probeID != nil
    }
}
