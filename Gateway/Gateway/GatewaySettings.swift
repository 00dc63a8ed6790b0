import Contracts
import Foundation
import Resilience
import ServiceKit

/// The gateway's configuration: where it listens and where each upstream service is.
public struct GatewaySettings: Sendable {
    public var service: ServiceSettings
    public var upstreams: [Upstream]
    /// Time allowed to open a connection to an upstream before answering 503.
    public var connectTimeoutMilliseconds: Int
    /// Time allowed for an upstream's answer before answering 504.
    public var readTimeoutSeconds: Int
    /// Time a client has to send its whole request body (`BODY_TIMEOUT_SECONDS`).
    public var bodyTimeoutSeconds: Int
    /// Seconds between keep-alive comments on `/api/v1/events` (`EVENTS_HEARTBEAT_SECONDS`).
    public var eventsHeartbeatSeconds: Int
    /// What access tokens must say (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var tokens: TokenSettings
    /// Proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`, CIDR list; empty: none).
    public var trustedProxies: TrustedProxies
    /// Where clients reach the gateway (the `servers` entry of /openapi.json).
    public var publicURL: String
    public var rateLimits: RateLimitSettings
    /// The circuit breaker every upstream gets (`BREAKER_*`).
    public var breaker: CircuitBreakerConfiguration
    /// The console's files (`CONSOLE_DIR`, default: the folder shipped as the gateway's resource); nil: none found.
    public var consoleDirectory: URL?
    /// Proxied requests that every check admits at once are forwarded from the connection's handler, below the
    /// router (`GATEWAY_DIRECT_PROXY`, default true; `DirectProxy`). Off: every request goes through the router.
    public var directProxy: Bool

    public static let defaultPort = ServiceName.gateway.defaultPort

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "gateway", defaultPort: Self.defaultPort, environment: env)
        var upstreams: [Upstream] = []
        for service in Upstream.known {
            let url = try env.url(service.urlVariable, default: service.defaultURL, schemes: ["http", "https"])
            upstreams.append(Upstream(name: service.processName, service: service, baseURL: url))
        }
        self.upstreams = upstreams
        connectTimeoutMilliseconds = try env.int("UPSTREAM_CONNECT_TIMEOUT_MS", default: 1000, range: 10...60_000)
        readTimeoutSeconds = try env.int("UPSTREAM_READ_TIMEOUT_SECONDS", default: 30, range: 1...600)
        bodyTimeoutSeconds = try env.int("BODY_TIMEOUT_SECONDS", default: 10, range: 1...600)
        eventsHeartbeatSeconds = try env.int("EVENTS_HEARTBEAT_SECONDS", default: 15, range: 1...300)
        tokens = TokenSettings(environment: env)
        trustedProxies = try TrustedProxies(parsing: env.string("TRUSTED_PROXIES", default: ""))
        publicURL = env.string("PUBLIC_URL", default: "http://\(service.host):\(service.port)")
        rateLimits = try RateLimitSettings(environment: env)
        consoleDirectory = ConsoleFiles.defaultDirectory(environment: ["CONSOLE_DIR": env.string("CONSOLE_DIR", default: "")])
        directProxy = try env.bool("GATEWAY_DIRECT_PROXY", default: true)
        breaker = CircuitBreakerConfiguration(
            slidingWindow: .seconds(try env.int("BREAKER_WINDOW_SECONDS", default: 10, range: 1...600)),
            failureRateThreshold: Double(try env.int("BREAKER_FAILURE_RATE_PERCENT", default: 50, range: 1...100)) / 100,
            minimumCalls: try env.int("BREAKER_MINIMUM_CALLS", default: 10, range: 1...100_000),
            slowCallDurationThreshold: .milliseconds(try env.int("BREAKER_SLOW_CALL_MS", default: 5000, range: 1...600_000)),
            slowCallRateThreshold: Double(try env.int("BREAKER_SLOW_CALL_RATE_PERCENT", default: 100, range: 1...101)) / 100,
            openDuration: .seconds(try env.int("BREAKER_OPEN_SECONDS", default: 10, range: 1...3600)),
            halfOpenProbes: try env.int("BREAKER_HALF_OPEN_PROBES", default: 3, range: 1...1000),
            maxHalfOpenWait: .seconds(readTimeoutSeconds + 5)
        )
    }

    public init(
        service: ServiceSettings, upstreams: [Upstream], connectTimeoutMilliseconds: Int = 1000, readTimeoutSeconds: Int = 30,
        tokens: TokenSettings = .defaults, trustedProxies: TrustedProxies = .none,
        rateLimits: RateLimitSettings = .defaults,
        breaker: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        bodyTimeoutSeconds: Int = 10,
        eventsHeartbeatSeconds: Int = 15,
        directProxy: Bool = true
    ) {
        self.directProxy = directProxy
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.eventsHeartbeatSeconds = eventsHeartbeatSeconds
        self.breaker = breaker
        self.rateLimits = rateLimits
        self.service = service
        self.upstreams = upstreams
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.tokens = tokens
        self.trustedProxies = trustedProxies
        self.publicURL = "http://\(service.host):\(service.port)"
        self.consoleDirectory = ConsoleFiles.defaultDirectory(environment: [:])
    }

    public func upstream(for service: ServiceName) -> Upstream? { upstreams.first { $0.service == service } }
}
