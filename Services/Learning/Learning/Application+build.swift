import AsyncHTTPClient
import Contracts
import Coordination
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import Redis
import Resilience
import ServiceKit
import ServiceLifecycle

/// Everything the learning service is made of, wired in one place.
public struct LearningApplication {
    public static let defaultPort = LearningSettings.defaultPort

    public let app: any ApplicationProtocol
    public let core: LearningCore
    public let consumer: EventConsumer

    /// Builds the service: the curriculum (a broken one stops the build with the entry named), clients, migrations
    /// (run before the server accepts requests), the consumer group (created before it does too, so events
    /// published once `/ready` answers are seen), the agents, the event consumer and outbox relay (started once the
    /// tables exist), token verification against auth's JWKS, routes.
    public static func build(
        settings: LearningSettings, logger: Logger? = nil, clock: any ResilienceClock = SystemResilienceClock()
    ) throws -> LearningApplication {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let curriculum: Curriculum
        do throws(CurriculumError) {
            if let path = settings.curriculumPath {
                curriculum = try CurriculumLoader.load(from: URL(fileURLWithPath: path))
            } else {
                curriculum = try CurriculumLoader.bundled()
            }
        } catch {
            logger.critical("the curriculum does not load", metadata: ["entry": "\(error.entry)", "error": "\(error.message)"])
            throw error
        }
        let dependencies = try ServiceDependencies(settings: settings.service, logger: logger)
        let postgres = dependencies.postgres
        let repository = try LearningPostgresRepository(client: postgres, schema: settings.schema, logger: logger)
        let agents = LearningAgents(curriculum: curriculum, repository: repository, clock: clock, mailboxCapacity: settings.mailboxCapacity)
        let core = LearningCore(curriculum: curriculum, agents: agents)

        let migrations = try MigrationRunner(schema: settings.schema, migrations: [CreateLearningTables()])
        let schemaReady = SchemaReady()
        let relay = OutboxRelay(
            postgres: postgres, schema: settings.schema, publisher: EventPublisher(redis: dependencies.redis, logger: logger),
            logger: logger, pollInterval: settings.outboxPollInterval
        )
        let listener = agents.listener
        let consumer = EventConsumer(
            redis: dependencies.redis,
            configuration: EventConsumerConfiguration(
                group: settings.consumerGroup,
                consumer: settings.consumerName,
                sources: [ServiceName.ai.rawValue, ServiceName.projects.rawValue],
                reclaimAfter: settings.eventReclaimAfter,
                reclaimInterval: settings.eventReclaimAfter / 3 - .milliseconds(1),
                maxDeliveries: settings.eventMaxDeliveries,
                concurrency: settings.eventConcurrency,
                // Most of the fleet's events open nothing (every `project.released`, `project.updated`, …): they are
                // acknowledged as read instead of being decoded and handed to the listener to ignore.
                eventTypes: Set(FleetEventListener.reactsTo.map(\.rawValue))
            ),
            logger: logger
        ) { envelope, _ in
            try await listener.handle(envelope)
        }

        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, backgroundActivityLogger: logger)
        let keys = JWKSKeyProvider(authURL: settings.authURL, client: httpClient, tokens: settings.tokens, logger: logger)

        let router = ServiceApplication.makeRouter(routes: RouteTable.routes(of: .learning))
        router.addObservabilityRoutes(service: settings.service.name, readiness: dependencies.readinessChecks)
        let api = router.group("/api/v1/learning").add(middleware: BearerAuthenticationMiddleware(verifier: keys))
        LearningController(core: core).addRoutes(to: api)

        let app = ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: dependencies.services + [
                AfterSchemaReady(ready: schemaReady, services: [relay, consumer]),
                AgentShutdown(agents: agents),
                HTTPClientService(client: httpClient),
            ],
            logger: logger,
            beforeServerStarts: [
                {
                    try await migrations.run(on: postgres, logger: logger)
                    try await consumer.createGroups()
                    schemaReady.open()
                },
            ]
        )
        return LearningApplication(app: app, core: core, consumer: consumer)
    }
}
