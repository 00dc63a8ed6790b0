import AsyncHTTPClient
import Contracts
import Foundation
import Hummingbird
import HummingbirdWebSocket
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

    /// - Parameter clock: what the circuit breakers and retry budgets measure time with; tests pass a `ManualClock`.
    public static func build(
        settings: GatewaySettings, logger: Logger? = nil, clock: any ResilienceClock = SystemResilienceClock()
    ) throws -> some ApplicationProtocol {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let client = makeHTTPClient(settings: settings, logger: logger)
        let redis = RedisClient(configuration: try RedisConfiguration(url: settings.service.redisURL), logger: logger)
        guard let auth = settings.upstream(for: .auth) else { throw ConfigError("AUTH_URL", "must be set.") }

        let keys = JWKSKeyProvider(authURL: auth.baseURL, client: client, tokens: settings.tokens, logger: logger)
        let revocations = RevocationCache()
        let limiter = GatewayRateLimiter(
            shared: LeasingRateLimiter(
                shared: GCRARateLimiter(redis: redis, keyPrefix: settings.rateLimits.keyPrefix),
                maximumLease: settings.rateLimits.maximumLease
            ),
            settings: settings.rateLimits, logger: logger)
        let tickets = EventTickets(redis: redis, revocations: revocations)
        let routeGuard = RouteGuard(
            authenticator: GatewayAuthenticator(keys: keys, revocations: revocations, tickets: tickets), limiter: limiter,
            trustedProxies: settings.trustedProxies
        )
        let breakers = CircuitBreakerRegistry(defaultConfiguration: settings.breaker, clock: clock) { change in
            logger.warning("circuit breaker \(change.from.rawValue) → \(change.to.rawValue)", metadata: ["upstream": "\(change.name)"])
            UpstreamMetrics.record(change.to, breaker: change.name)
        }
        for upstream in settings.upstreams {
            UpstreamMetrics.record(breakers.breaker(named: upstream.service.rawValue).state, breaker: upstream.service.rawValue)
        }
        let connections = try UpstreamConnectionPool(connectTimeout: .milliseconds(Int64(settings.connectTimeoutMilliseconds)))
        let proxy = ReverseProxy(
            connections: connections, readTimeout: .seconds(Int64(settings.readTimeoutSeconds)),
            breakers: breakers, retryBudgets: RetryBudgets(clock: clock), metrics: UpstreamMetrics(upstreams: settings.upstreams)
        )
        let health = ServiceHealth(client: client, upstreams: settings.upstreams)
        let events = EventFeed(redis: redis, logger: logger, heartbeat: .seconds(settings.eventsHeartbeatSeconds))
        let admin = CircuitBreakerRoutes(breakers: breakers)
        // Built once: the document is ~190 KB and only changes with the code.
        let openAPI = ByteBuffer(bytes: OpenAPIDocument.json(serverURL: settings.publicURL, version: GatewayApplication.apiVersion))

        // The gateway's own routes, by operation id; every other route of the table is proxied to its service.
        let local: [String: RouteGuard.Handler] = [
            "gateway.health": { request, context in
                let report = await health.check()
                return try JSONBody(report, status: HTTPResponse.Status(code: report.httpStatus)).response(from: request, context: context)
            },
            "gateway.metrics": { _, _ in Observability.metricsResponse() },
            "gateway.jwks": { request, context in try await proxy.forward(request, context: context, to: auth) },
            "gateway.openapi": { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPI))
            },
            "gateway.circuitBreakers": admin.list,
            "gateway.resetCircuitBreaker": admin.reset,
            "gateway.events": { request, context in try await events.response(for: request, caller: try context.requireCaller()) },
            "gateway.eventTicket": { request, context in
                let caller = try context.requireCaller()
                // The token passed the guard a moment ago; verifying again (cached) yields its id for the ticket.
                guard let token = caller.bearerToken, let sessionId = caller.sessionId else { throw AppError.unauthorized }
                let verified = try await keys.verify(token)
                let ticket = try await tickets.issue(for: .init(userId: caller.userId, sessionId: sessionId, tokenId: verified.tokenId, roles: caller.roles))
                return try JSONBody(ticket, status: .created).response(from: request, context: context)
            },
            "gateway.webSocket": { request, context in try EventWebSocket.upgradeRequired(request, context: context) },
        ]
        guard let webSocketRoute = RouteTable.all.first(where: { $0.operationId == "gateway.webSocket" }) else {
            throw ConfigError("RouteTable", "gateway.webSocket is missing.")
        }
        let webSocket = EventWebSocket(feed: events, routeGuard: routeGuard, route: webSocketRoute)

        let direct = settings.directProxy ? DirectProxy(
            routes: DirectProxyRoutes(routes: RouteTable.all, upstream: settings.upstream(for:)), routeGuard: routeGuard, proxy: proxy,
            serverName: settings.service.name, logger: logger
        ) : nil

        let router = ServiceApplication.makeRouter(routes: RouteTable.all)
        router.addReadinessRoute([ReadinessCheck(name: "redis") { try await redis.ping() }])
        for route in RouteTable.all {
            if route.service == .gateway {
                guard let handler = local[route.operationId] else {
                    throw ConfigError("RouteTable", "the gateway route \(route) (\(route.operationId)) has no handler.")
                }
                routeGuard.register(route, on: router, handler: handler)
            } else if let upstream = settings.upstream(for: route.service) {
                routeGuard.register(route, on: router) { request, context in try await proxy.forward(request, context: context, to: upstream) }
            }
        }

        // The console: its files and client-side pages (docs/console.md). A gateway without them still serves the API.
        if let directory = settings.consoleDirectory {
            ConsoleRoutes(files: try ConsoleFiles(directory: directory)).register(on: router)
        } else {
            logger.warning("no console files found; / is not served")
        }

        return ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: [
                RevocationListener(redis: redis, cache: revocations, logger: logger),
                RedisClientService(client: redis),
                HTTPClientService(client: client),
                UpstreamConnectionPoolService(pool: connections),
            ],
            logger: logger,
            server: .http1WebSocketUpgrade(
                webSocketRouter: webSocket.makeRouter(),
                configuration: .init(
                    http1: .init(
                        additionalChannelHandlers: [RequestBodyDeadlineHandler(timeout: .seconds(Int64(settings.bodyTimeoutSeconds)))]
                            + (direct.map { [$0.installer()] } ?? []),
                        idleTimeout: .seconds(Int64(settings.service.idleTimeoutSeconds))
                    ),
                    ws: .init(maxFrameSize: EventWebSocket.maxMessageBytes, autoPing: .enabled(timePeriod: .seconds(settings.eventsHeartbeatSeconds)))
                )
            )
        )
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
        // The fleet carries `traceparent` itself (ReverseProxy) and bootstraps no tracer; AsyncHTTPClient's default
        // no-op tracer still parsed every request's URL for span attributes nobody records (2 % of the gateway's CPU).
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
    }
}
