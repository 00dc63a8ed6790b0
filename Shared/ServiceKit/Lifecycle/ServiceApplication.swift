import Contracts
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the router and application every service shares, so each service's `Application+build.swift` only adds
/// its own routes and dependencies.
public enum ServiceApplication {
    /// A router with the fleet's middleware, outermost first: request id (so even errors carry it), access log,
    /// metrics, then the error renderer closest to the routes.
    ///
    /// - Parameter routes: the route-table entries this server answers (`RouteTable.routes(of:)`; the gateway: all).
    ///   A request for one of their paths with another method is answered 405 with `Allow`, not 404.
    public static func makeRouter(routes: [RouteDescriptor] = []) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware<AppRequestContext>())
        router.add(middleware: ErrorMiddleware(routes: routes))
        return router
    }

    public static func make(
        settings: ServiceSettings,
        router: Router<AppRequestContext>,
        services: [any Service],
        logger: Logger,
        beforeServerStarts: [@Sendable () async throws -> Void] = [],
        server: HTTPServerBuilder? = nil
    ) -> some ApplicationProtocol {
        var app = Application(
            router: router,
            // Plain HTTP/1.1 unless the service needs more (the gateway: WebSocket upgrades, with the same idle timeout).
            server: server ?? .http1(configuration: .init(idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: settings.name),
            services: services,
            logger: logger
        )
        for step in beforeServerStarts { app.beforeServerStarts(perform: step) }
        return app
    }

    /// A service with the shared clients and routes plus its own: the whole `build` of a small service.
    public static func make(
        settings: ServiceSettings,
        logger: Logger,
        routes: [RouteDescriptor] = [],
        addRoutes: (Router<AppRequestContext>, ServiceDependencies) throws -> Void = { _, _ in }
    ) throws -> some ApplicationProtocol {
        let dependencies = try ServiceDependencies(settings: settings, logger: logger)
        let router = makeRouter(routes: routes)
        router.addObservabilityRoutes(service: settings.name, readiness: dependencies.readinessChecks)
        try addRoutes(router, dependencies)
        return make(settings: settings, router: router, services: dependencies.services, logger: logger)
    }
}
