import Contracts
import Foundation
import Resilience
import ServiceKit

/// The AI gateway's configuration, read once at start (docs/ai.md lists every variable).
public struct AIGatewaySettings: Sendable {
    public var service: ServiceSettings
    /// Where the auth service publishes its signing keys.
    public var authURL: URL
    public var tokens: TokenSettings
    /// `AI_BLACKBOARD_TTL_SECONDS`: a board (hash and stream together) expires this long after it was created.
    public var blackboardTTL: Duration
    /// `AI_CONVERSATION_TTL_SECONDS`: a conversation expires this long after its last message.
    public var conversationTTL: Duration
    /// `AI_CONVERSATION_MAX_MESSAGES`: the history kept per conversation (the oldest go first).
    public var maxConversationMessages: Int
    /// `AI_AGENT_BUDGET_MS`: how long one agent may take in one round.
    public var agentBudget: Duration
    /// `AI_MAX_ROUNDS`: the controller stops after this many rounds even if agents are still ready.
    public var maxRounds: Int
    /// `AI_OLLAMA_*` and `AI_OPENAI_*`: the remote providers that are configured (a URL set), in no particular order.
    public var providers: [ProviderSettings]

    public static let defaultPort = ServiceName.ai.defaultPort

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: ServiceName.ai.processName, defaultPort: Self.defaultPort, environment: env)
        authURL = try env.url(ServiceName.auth.urlVariable, default: ServiceName.auth.defaultURL, schemes: ["http", "https"])
        tokens = TokenSettings(environment: env)
        blackboardTTL = .seconds(try env.int("AI_BLACKBOARD_TTL_SECONDS", default: 86_400, range: 1...2_592_000))
        conversationTTL = .seconds(try env.int("AI_CONVERSATION_TTL_SECONDS", default: 86_400, range: 1...2_592_000))
        maxConversationMessages = try env.int("AI_CONVERSATION_MAX_MESSAGES", default: 50, range: 2...1000)
        agentBudget = .milliseconds(try env.int("AI_AGENT_BUDGET_MS", default: 5_000, range: 1...600_000))
        maxRounds = try env.int("AI_MAX_ROUNDS", default: 5, range: 1...100)
        let connect = Duration.milliseconds(try env.int("AI_PROVIDER_CONNECT_TIMEOUT_MS", default: 2_000, range: 1...60_000))
        let timeout = Duration.milliseconds(try env.int("AI_PROVIDER_TIMEOUT_MS", default: 60_000, range: 1...600_000))
        let breaker = CircuitBreakerConfiguration(
            slidingWindow: .seconds(30), windowBuckets: 10, failureRateThreshold: 0.5,
            minimumCalls: try env.int("AI_PROVIDER_BREAKER_MIN_CALLS", default: 5, range: 1...1000),
            slowCallDurationThreshold: timeout, slowCallRateThreshold: 1.0,
            openDuration: .seconds(try env.int("AI_PROVIDER_BREAKER_OPEN_SECONDS", default: 30, range: 1...3600)),
            halfOpenProbes: 1, maxHalfOpenWait: timeout
        )
        var providers: [ProviderSettings] = []
        for (prefix, kind, model, priority) in [("AI_OLLAMA", ProviderSettings.Dialect.ollama, "llama3.2", 10), ("AI_OPENAI", ProviderSettings.Dialect.openai, "gpt-4o-mini", 20)] {
            guard let raw = env.string("\(prefix)_URL"), !raw.isEmpty else { continue }
            let url = try env.url("\(prefix)_URL", default: raw, schemes: ["http", "https"])
            providers.append(
                ProviderSettings(
                    name: kind.rawValue, kind: kind, baseURL: url.absoluteString,
                    model: env.string("\(prefix)_MODEL", default: model), apiKey: env.string("\(prefix)_API_KEY"),
                    priority: try env.int("\(prefix)_PRIORITY", default: priority, range: 0...1000),
                    connectTimeout: connect, timeout: timeout, breaker: breaker
                )
            )
        }
        self.providers = providers
    }

    public init(
        service: ServiceSettings, authURL: URL, tokens: TokenSettings = .defaults, blackboardTTL: Duration = .seconds(86_400),
        conversationTTL: Duration = .seconds(86_400), maxConversationMessages: Int = 50, agentBudget: Duration = .seconds(5),
        maxRounds: Int = 5, providers: [ProviderSettings] = []
    ) {
        self.service = service
        self.authURL = authURL
        self.tokens = tokens
        self.blackboardTTL = blackboardTTL
        self.conversationTTL = conversationTTL
        self.maxConversationMessages = maxConversationMessages
        self.agentBudget = agentBudget
        self.maxRounds = maxRounds
        self.providers = providers
    }
}
