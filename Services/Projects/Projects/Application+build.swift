import AsyncHTTPClient
import Contracts
import Coordination
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import Redis
import ServiceKit
import ServiceLifecycle

/// Everything the projects service is made of, wired in one place.
public struct ProjectsApplication {
    public static let defaultPort = ProjectsSettings.defaultPort

    public let app: any ApplicationProtocol
    public let core: ProjectsCore
    /// The Postgres side on its own, for benchmarks that seed and time it (`insertGenerated`).
    public let repository: ProjectPostgresRepository

    /// Builds the service: clients, migrations (run before the server accepts requests), the outbox relay
    /// (started once the tables exist), token verification against auth's JWKS, routes.
    public static func build(settings: ProjectsSettings, logger: Logger? = nil) throws -> ProjectsApplication {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        // The schema is also the connections' search_path: the hot statements are prepared, with unqualified names.
        let dependencies = try ServiceDependencies(settings: settings.service, searchPath: settings.schema, logger: logger)
        let postgres = dependencies.postgres
        let httpClient = makeHTTPClient(logger: logger)

        let repository = try ProjectPostgresRepository(client: postgres, schema: settings.schema, logger: logger)
        let core = ProjectsCore(
            repository: repository,
            locks: ProjectLocks(lock: DistributedLock(redis: dependencies.redis, logger: logger)),
            sagaLog: try SagaLog(client: postgres, schema: settings.schema, logger: logger),
            analyzer: AIGatewayClient(baseURL: settings.aiGatewayURL, client: httpClient, timeout: .seconds(settings.aiTimeoutSeconds)),
            logger: logger
        )
        let migrations = try MigrationRunner(schema: settings.schema, migrations: ProjectMigrations.all)
        let schemaReady = SchemaReady()
        let relay = OutboxRelay(
            postgres: postgres, schema: settings.schema, publisher: EventPublisher(redis: dependencies.redis, logger: logger),
            logger: logger, pollInterval: settings.outboxPollInterval
        )

        let keys = JWKSKeyProvider(authURL: settings.authURL, client: httpClient, tokens: settings.tokens, logger: logger)

        let router = ServiceApplication.makeRouter(routes: RouteTable.routes(of: .projects))
        router.addObservabilityRoutes(service: settings.service.name, readiness: dependencies.readinessChecks)
        let api = router.group("/api/v1/projects")
            .add(middleware: RequestTraceMiddleware())
            .add(middleware: BearerAuthenticationMiddleware(verifier: keys))
        ProjectsController(core: core).addRoutes(to: api)

        let app = ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: dependencies.services + [AfterSchemaReady(ready: schemaReady, service: relay), HTTPClientService(client: httpClient)],
            logger: logger,
            beforeServerStarts: [
                {
                    try await migrations.run(on: postgres, logger: logger)
                    schemaReady.open()
                },
                { await core.recoverAbandonedSagas() },
            ]
        )
        return ProjectsApplication(app: app, core: core, repository: repository)
    }

    /// One client for both outbound uses. A refused connection fails at once instead of being retried until the
    /// deadline: the saga's analysis step should report an absent AI gateway, not wait for it.
    static func makeHTTPClient(logger: Logger) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
    }
}
