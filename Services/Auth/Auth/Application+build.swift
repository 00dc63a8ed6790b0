import Contracts
import Hummingbird
import Logging
import PostgresNIO
import Redis
import ServiceKit
import ServiceLifecycle

/// Everything the auth service is made of, wired in one place.
public struct AuthApplication {
    public let app: any ApplicationProtocol
    public let core: AuthCore

    /// Builds the service: clients, keys, migrations (run before the server accepts requests), routes.
    public static func build(settings: AuthSettings, logger: Logger? = nil) async throws -> AuthApplication {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let dependencies = try ServiceDependencies(settings: settings.service, logger: logger)
        let postgres = dependencies.postgres
        let keys = try await SigningKeyRing.load(settings: settings, logger: logger)
        let core = AuthCore(settings: settings, keys: keys, postgres: postgres, redis: dependencies.redis, logger: logger)
        let migrations = try MigrationRunner(schema: AuthRepository.schema, migrations: [CreateAuthTables()])

        let router = ServiceApplication.makeRouter(routes: RouteTable.routes(of: .auth))
        router.addObservabilityRoutes(service: settings.service.name, readiness: dependencies.readinessChecks)
        let jwks = keys.jwks
        router.get("/.well-known/jwks.json") { _, _ in JSONBody(jwks) }
        AuthController(core: core).addRoutes(to: router.group("/api/v1/auth"))

        let app = ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: dependencies.services,
            logger: logger,
            beforeServerStarts: [
                { try await migrations.run(on: postgres, logger: logger) },
                { try await core.repository.purgeExpiredRevocations(now: .now) },
            ]
        )
        return AuthApplication(app: app, core: core)
    }
}
