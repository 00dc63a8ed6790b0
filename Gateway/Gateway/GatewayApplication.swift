import AsyncHTTPClient
import Contracts
import Hummingbird
import Logging
import NIOCore
import ServiceKit
import ServiceLifecycle

/// The gateway: one public entry that forwards `/api/v1/<service>/…` to the service that owns it.
/// (JWT checks, rate limits and circuit breakers arrive with the gateway issue; today the services check tokens.)
public enum GatewayApplication {
    /// Path prefix → upstream name.
    static let routes: [(prefix: String, upstream: String)] = [
        ("/api/v1/auth", "auth"),
        ("/api/v1/projects", "projects"),
        ("/api/v1/ai", "ai-gateway"),
        ("/api/v1/learning", "learning"),
        ("/api/v1/memory", "memory"),
    ]

    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]

    public static func build(settings: GatewaySettings, logger: Logger? = nil) throws -> some ApplicationProtocol {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(settings.connectTimeoutMilliseconds)), read: .seconds(Int64(settings.readTimeoutSeconds)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
        let proxy = ReverseProxy(client: client, readTimeout: .seconds(Int64(settings.readTimeoutSeconds)))
        let health = ServiceHealth(client: client, upstreams: settings.upstreams)

        let router = ServiceApplication.makeRouter()
        router.get("/health") { _, _ in
            let report = await health.check()
            return JSONBody(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.addReadinessRoute([])
        router.addMetricsRoute()

        guard let auth = settings.upstream(named: "auth") else { throw ConfigError("AUTH_URL", "must be set.") }
        router.get("/.well-known/jwks.json") { request, context in try await proxy.forward(request, context: context, to: auth) }
        for route in routes {
            guard let upstream = settings.upstream(named: route.upstream) else { continue }
            for method in methods {
                for path in [route.prefix, route.prefix + "/**"] {
                    router.on(RouterPath(path), method: method) { request, context in
                        try await proxy.forward(request, context: context, to: upstream)
                    }
                }
            }
        }
        return ServiceApplication.make(settings: settings.service, router: router, services: [HTTPClientService(client: client)], logger: logger)
    }
}

/// Shuts the outbound client down after the server has stopped taking requests.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
