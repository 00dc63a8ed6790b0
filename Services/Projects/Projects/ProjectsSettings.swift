import Contracts
import Foundation
import ServiceKit

/// The projects service's configuration, read once at start.
public struct ProjectsSettings: Sendable {
    public var service: ServiceSettings
    /// Where the auth service publishes its signing keys (`<AUTH_URL>/.well-known/jwks.json`).
    public var authURL: URL
    /// The AI gateway service the saga's analysis step calls directly (`<AI_GATEWAY_URL>/api/v1/ai/analyze`).
    public var aiGatewayURL: URL
    /// The analysis step's budget. Kept below the gateway's upstream read timeout (30 s by default) so the saga's own
    /// 502 reaches the client rather than the gateway's 504.
    public var aiTimeoutSeconds: Int
    /// What access tokens must say (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var tokens: TokenSettings
    /// The Postgres schema of every table of the service. Only tests choose another (one per test, for isolation).
    public var schema: String
    /// How often the outbox relay looks for committed events when it found none.
    public var outboxPollInterval: Duration

    public static let defaultPort = ServiceName.projects.defaultPort

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "projects", defaultPort: Self.defaultPort, environment: env)
        authURL = try env.url(ServiceName.auth.urlVariable, default: ServiceName.auth.defaultURL, schemes: ["http", "https"])
        aiGatewayURL = try env.url(ServiceName.ai.urlVariable, default: ServiceName.ai.defaultURL, schemes: ["http", "https"])
        aiTimeoutSeconds = try env.int("AI_ANALYZE_TIMEOUT_SECONDS", default: 20, range: 1...300)
        tokens = TokenSettings(environment: env)
        schema = ProjectPostgresRepository.defaultSchema
        outboxPollInterval = .milliseconds(200)
    }

    public init(
        service: ServiceSettings, authURL: URL, aiGatewayURL: URL = URL(string: ServiceName.ai.defaultURL)!, aiTimeoutSeconds: Int = 20,
        tokens: TokenSettings = .defaults,
        schema: String = ProjectPostgresRepository.defaultSchema, outboxPollInterval: Duration = .milliseconds(200)
    ) {
        self.service = service
        self.authURL = authURL
        self.aiGatewayURL = aiGatewayURL
        self.aiTimeoutSeconds = aiTimeoutSeconds
        self.tokens = tokens
        self.schema = schema
        self.outboxPollInterval = outboxPollInterval
    }
}
