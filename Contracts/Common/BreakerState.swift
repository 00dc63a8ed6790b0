import Foundation

/// A circuit breaker's state, as shown by `/api/admin/circuit-breakers` and the AI `/providers` route.
public enum BreakerState: String, Codable, Sendable, CaseIterable {
    case closed
    case open
    case halfOpen
}
