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
    /// What access tokens must say; the same defaults as auth (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var issuer: String
    public var audience: String
    /// The Postgres schema of every table of the service. Only tests choose another (one per test, for isolation).
    public var schema: String
    /// How often the outbox relay looks for committed events when it found none.
    public var outboxPollInterval: Duration

    public static let defaultPort = 8082

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "projects", defaultPort: Self.defaultPort, environment: env)
        authURL = try env.url("AUTH_URL", default: "http://127.0.0.1:8081", schemes: ["http", "https"])
        aiGatewayURL = try env.url("AI_GATEWAY_URL", default: "http://127.0.0.1:8083", schemes: ["http", "https"])
        aiTimeoutSeconds = try env.int("AI_ANALYZE_TIMEOUT_SECONDS", default: 20, range: 1...300)
        issuer = env.string("JWT_ISSUER", default: TokenDefaults.issuer)
        audience = env.string("JWT_AUDIENCE", default: TokenDefaults.audience)
        schema = ProjectPostgresRepository.defaultSchema
        outboxPollInterval = .milliseconds(200)
    }

    public init(
        service: ServiceSettings, authURL: URL, aiGatewayURL: URL = URL(string: "http://127.0.0.1:8083")!, aiTimeoutSeconds: Int = 20,
        issuer: String = TokenDefaults.issuer, audience: String = TokenDefaults.audience,
        schema: String = ProjectPostgresRepository.defaultSchema, outboxPollInterval: Duration = .milliseconds(200)
    ) {
        self.service = service
        self.authURL = authURL
        self.aiGatewayURL = aiGatewayURL
        self.aiTimeoutSeconds = aiTimeoutSeconds
        self.issuer = issuer
        self.audience = audience
        self.schema = schema
        self.outboxPollInterval = outboxPollInterval
    }
}
