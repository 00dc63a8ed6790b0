import Foundation
import Metrics
import Resilience
import ServiceKit

/// What the AI gateway records beside the per-route request metrics of ServiceKit:
/// `ai_agent_runs{agent, outcome}` and `ai_agent_duration{agent}`, `ai_analyses`, `ai_provider_calls{provider, outcome}`
/// and `ai_provider_breaker_state{provider}` (0 closed, 1 half-open, 2 open).
final class AIMetrics: Sendable {
    /// Bootstraps the process's metrics first (see `MemoryMetrics.shared`): `analyses` and `analysisDuration` bind
    /// to the backend of the moment they are made.
    static let shared: AIMetrics = {
        _ = Observability.registry
        return AIMetrics()
    }()

    let analyses = Counter(label: "ai_analyses")
    let analysisDuration = Timer(label: "ai_analysis_duration", preferredDisplayUnit: .seconds)

    func agentRan(_ agent: String, succeeded: Bool, duration: Duration) {
        Counter(label: "ai_agent_runs", dimensions: [("agent", agent), ("outcome", succeeded ? "success" : "failure")]).increment()
        Timer(label: "ai_agent_duration", dimensions: [("agent", agent)], preferredDisplayUnit: .seconds).recordDuration(duration)
    }

    func providerCalled(_ provider: String, outcome: String) {
        Counter(label: "ai_provider_calls", dimensions: [("provider", provider), ("outcome", outcome)]).increment()
    }

    static func record(_ state: CircuitBreakerState, provider: String) {
        let value: Double = switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
        Gauge(label: "ai_provider_breaker_state", dimensions: [("provider", provider)]).record(value)
    }
}

extension Metrics.Timer {
    func recordDuration(_ duration: Duration) {
        recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
