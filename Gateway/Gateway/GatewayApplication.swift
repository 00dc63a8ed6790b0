import AsyncHTTPClient
import Contracts
import Hummingbird
import Logging
import NIOCore
import Coordination
import Redis
import Resilience
import ServiceKit
import ServiceLifecycle

/// The gateway: the one public entry. Routes come from Contracts' route table; each is authenticated at its access
/// level here, then forwarded to the service that owns it. Unknown routes are answered 404 without an upstream call.
public enum GatewayApplication {
    public static let apiVersion = "1.0.0"

    public static func build(settings: GatewaySettings, logger: Logger? = nil) throws -> some ApplicationProtocol {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let client = makeHTTPClient(settings: settings, logger: logger)
        let redis = RedisClient(configuration: try RedisConfiguration(url: settings.service.redisURL), logger: logger)
        guard let auth = settings.upstream(for: .auth) else { throw ConfigError("AUTH_URL", "must be set.") }

        var jwksURL = auth.baseURL.absoluteString
        if jwksURL.hasSuffix("/") { jwksURL.removeLast() }
        let keys = JWKSKeyProvider(
            url: jwksURL + "/.well-known/jwks.json", client: client, issuer: settings.issuer, audience: settings.audience, logger: logger
        )
        let revocations = RevocationCache()
        let authenticator = GatewayAuthenticator(keys: keys, revocations: revocations)
        let limiter = GatewayRateLimiter(
            shared: LeasingRateLimiter(
                shared: GCRARateLimiter(redis: redis, keyPrefix: settings.rateLimits.keyPrefix),
                maximumLease: settings.rateLimits.maximumLease
            ),
            settings: settings.rateLimits, logger: logger)
        let breakers = CircuitBreakerRegistry(defaultConfiguration: settings.breaker) { change in
            logger.warning("circuit breaker \(change.from.rawValue) → \(change.to.rawValue)", metadata: ["upstream": "\(change.name)"])
            UpstreamMetrics.record(change.to, breaker: change.name)
        }
        for upstream in settings.upstreams {
            UpstreamMetrics.record(breakers.breaker(named: upstream.service.rawValue).state, breaker: upstream.service.rawValue)
        }
        let proxy = ReverseProxy(
            client: client, readTimeout: .seconds(Int64(settings.readTimeoutSeconds)), bodyTimeout: .seconds(settings.bodyTimeoutSeconds),
            breakers: breakers, retryBudgets: RetryBudgets(), metrics: UpstreamMetrics(upstreams: settings.upstreams)
        )
        let health = ServiceHealth(client: client, upstreams: settings.upstreams)

        let router = ServiceApplication.makeRouter()
        router.get("/health") { _, _ in
            let report = await health.check()
            return JSONBody(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.addReadinessRoute([ReadinessCheck(name: "redis") { try await redis.ping() }])
        router.addMetricsRoute()
        router.get("/.well-known/jwks.json") { request, context in try await proxy.forward(request, context: context, to: auth) }
        // Built once: the document is ~190 KB and only changes with the code.
        let openAPI = ByteBuffer(bytes: OpenAPIDocument.json(serverURL: settings.publicURL, version: GatewayApplication.apiVersion))
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPI))
        }
        CircuitBreakerRoutes(breakers: breakers, authenticator: authenticator, limiter: limiter).addRoutes(to: router)
        let events = EventFeed(redis: redis, logger: logger, heartbeat: .seconds(settings.eventsHeartbeatSeconds))
        router.get("/api/v1/events") { request, context in
            let context = try await authenticator.authenticate(.authenticated, request: request, context: context)
            return try await limiter.limit(GatewayRateLimiter.scope(for: nil, context: context), context: context) {
                try await events.response(for: request, caller: try context.requireCaller())
            }
        }

        for route in RouteTable.all where route.service != .gateway {
            guard let upstream = settings.upstream(for: route.service) else { continue }
            let access = route.access
            router.on(RouterPath(hummingbirdPath(route.path)), method: HTTPRequest.Method(rawValue: route.method.rawValue)!) { request, context in
                let context = try await authenticator.authenticate(access, request: request, context: context)
                return try await limiter.limit(GatewayRateLimiter.scope(for: route, context: context), context: context) {
                    try await proxy.forward(request, context: context, to: upstream)
                }
            }
        }

        return ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: [
                RevocationListener(redis: redis, cache: revocations, logger: logger),
                RedisClientService(client: redis),
                HTTPClientService(client: client),
            ],
            logger: logger
        )
    }

    /// `/api/v1/projects/{id}/claim` → `/api/v1/projects/:id/claim`.
    static func hummingbirdPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }

    static func makeHTTPClient(settings: GatewaySettings, logger: Logger) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(
            connect: .milliseconds(Int64(settings.connectTimeoutMilliseconds)), read: .seconds(Int64(settings.readTimeoutSeconds))
        )
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // AsyncHTTPClient would otherwise keep re-dialling a refused upstream until the deadline; the gateway wants
        // the refusal at once (503 fast, counted by the breaker) and does its own bounded retry.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
    }
}
