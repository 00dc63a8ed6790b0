import Foundation

/// One element of `GET /api/v1/ai/providers`: a model provider and its circuit breaker.
public struct ProviderStatus: Codable, Sendable, Equatable {
    /// `ollama`, `openai`, `local`…
    public var name: String
    public var state: BreakerState
    /// Position in the fallback chain; lower is tried first.
    public var priority: Int
    /// Whether the provider is configured and its last call (or probe) succeeded.
    public var healthy: Bool

    public init(name: String, state: BreakerState, priority: Int, healthy: Bool) {
        self.name = name
        self.state = state
        self.priority = priority
        self.healthy = healthy
    }
}
