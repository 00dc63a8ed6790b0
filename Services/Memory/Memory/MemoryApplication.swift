import AsyncHTTPClient
import Contracts
import Foundation
import Hummingbird
import Logging
import ServiceKit

/// Everything the memory service is made of, wired in one place.
public struct MemoryApplication {
    public static let defaultPort = MemorySettings.defaultPort

    public let app: any ApplicationProtocol
    public let core: MemoryCore
    /// The Postgres side on its own, for benchmarks that seed a large user (`insertBulk`).
    public let embeddings: EmbeddingPostgresRepository

    /// Builds the service: Redis and Postgres clients, the migration (run before the server accepts requests), the
    /// invalidation feed, token verification against auth's JWKS, routes.
    public static func build(settings: MemorySettings, logger: Logger? = nil) throws -> MemoryApplication {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let dependencies = try ServiceDependencies(settings: settings.service, logger: logger)
        let postgres = dependencies.postgres
        let httpClient = makeHTTPClient(logger: logger)

        let embeddings = try EmbeddingPostgresRepository(client: postgres, schema: settings.schema, logger: logger)
        let cache = HotKeyCache(capacityBytes: settings.hotCacheBytes, timeToLive: settings.hotCacheTTL)
        let indexes = EmbeddingIndexRegistry(repository: embeddings, logger: logger)
        let feed = MemoryInvalidationFeed(
            redis: dependencies.redis, cache: cache, indexes: indexes, logger: logger, channel: settings.invalidationChannel
        )
        let core = MemoryCore(
            keys: MemoryKeyStore(redis: dependencies.redis), cache: cache, embeddings: embeddings, indexes: indexes, feed: feed,
            maxVectorsPerUser: settings.maxVectorsPerUser, searchParallelism: settings.searchParallelism, logger: logger
        )
        let migrations = try MigrationRunner(schema: settings.schema, migrations: [CreateMemoryTables()])

        let keys = JWKSKeyProvider(authURL: settings.authURL, client: httpClient, tokens: settings.tokens, logger: logger)

        let router = ServiceApplication.makeRouter(routes: RouteTable.routes(of: .memory))
        router.addObservabilityRoutes(service: settings.service.name, readiness: dependencies.readinessChecks)
        let api = router.group("/api/v1/memory").add(middleware: BearerAuthenticationMiddleware(verifier: keys))
        MemoryController(core: core).addRoutes(to: api)

        let app = ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: dependencies.services + [feed, HTTPClientService(client: httpClient)],
            logger: logger,
            beforeServerStarts: [{ try await migrations.run(on: postgres, logger: logger) }]
        )
        return MemoryApplication(app: app, core: core, embeddings: embeddings)
    }

    /// The client that fetches the JWKS. A refused connection fails at once instead of being retried until the deadline.
    static func makeHTTPClient(logger: Logger) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
    }
}
