import Foundation
import Resilience

/// One remote model provider as configured by the environment (`AI_OLLAMA_*`, `AI_OPENAI_*`; docs/ai.md).
public struct ProviderSettings: Sendable {
    public enum Dialect: String, Sendable {
        /// `/api/generate` and `/api/chat`, JSON lines when streaming.
        case ollama
        /// `/v1/chat/completions`, Server-Sent Events when streaming.
        case openai
    }

    public var name: String
    public var kind: Dialect
    /// Without a trailing slash; the protocol's paths are appended.
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Lower is tried first; the local provider always comes last.
    public var priority: Int
    /// How long opening a connection may take.
    public var connectTimeout: Duration
    /// How long a whole answer may take, streamed or not.
    public var timeout: Duration
    public var breaker: CircuitBreakerConfiguration

    public init(
        name: String, kind: Dialect, baseURL: String, model: String, apiKey: String? = nil, priority: Int,
        connectTimeout: Duration = .seconds(2), timeout: Duration = .seconds(60),
        breaker: CircuitBreakerConfiguration = ProviderSettings.defaultBreaker
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.name = name
        self.kind = kind
        self.baseURL = base
        self.model = model
        self.apiKey = apiKey
        self.priority = priority
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.breaker = breaker
    }

    /// Opens after 5 calls in 30 s of which half failed; probes again after 30 s.
    public static let defaultBreaker = CircuitBreakerConfiguration(
        slidingWindow: .seconds(30), windowBuckets: 10, failureRateThreshold: 0.5, minimumCalls: 5,
        slowCallDurationThreshold: .seconds(30), slowCallRateThreshold: 1.0, openDuration: .seconds(30), halfOpenProbes: 1,
        maxHalfOpenWait: .seconds(60)
    )
}
