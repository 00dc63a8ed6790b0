import AsyncHTTPClient
import Contracts
import Coordination
import Foundation
import Hummingbird
import Logging
import Redis
import Resilience
import ServiceKit

/// Everything the AI gateway is made of, wired in one place. It owns only Redis (boards, conversations, its event
/// stream), so `/ready` checks only Redis.
public struct AIGatewayApplication {
    public static let defaultPort = AIGatewaySettings.defaultPort

    public let app: any ApplicationProtocol
    public let core: AIGatewayCore

    public static func build(
        settings: AIGatewaySettings, logger: Logger? = nil, clock: any ResilienceClock = SystemResilienceClock()
    ) throws -> AIGatewayApplication {
        let logger = logger ?? Observability.setUp(service: settings.service.name, level: settings.service.logLevel)
        let redis = RedisClient(configuration: try RedisConfiguration(url: settings.service.redisURL), logger: logger)
        let httpClient = makeHTTPClient(connectTimeout: .seconds(2), logger: logger)
        var clients = [httpClient]

        let controller = AgentController(budget: settings.agentBudget, maxRounds: settings.maxRounds, logger: logger)
        let remotes = settings.providers.map { provider -> GuardedProvider in
            // Each provider gets a client of its own: the connect timeout is a client setting.
            let client = makeHTTPClient(connectTimeout: provider.connectTimeout, logger: logger)
            clients.append(client)
            let remote: any RemoteModelProvider = switch provider.kind {
            case .ollama: OllamaProvider(settings: provider, client: client)
            case .openai: OpenAIProvider(settings: provider, client: client)
            }
            return GuardedProvider(remote: remote, priority: provider.priority, configuration: provider.breaker, clock: clock)
        }
        let chain = ProviderChain(remotes: remotes, local: LocalProvider(analyzer: LocalAnalyzer(controller: controller)), logger: logger)
        let core = AIGatewayCore(
            boards: BlackboardStore(redis: redis, timeToLive: settings.blackboardTTL),
            controller: controller,
            conversations: ConversationStore(
                redis: redis, timeToLive: settings.conversationTTL, maxMessages: settings.maxConversationMessages
            ),
            chain: chain,
            events: EventPublisher(redis: redis, logger: logger),
            logger: logger
        )

        let keys = JWKSKeyProvider(authURL: settings.authURL, client: httpClient, tokens: settings.tokens, logger: logger)
        let router = ServiceApplication.makeRouter(routes: RouteTable.routes(of: .ai))
        router.addObservabilityRoutes(
            service: settings.service.name, readiness: [ReadinessCheck(name: "redis") { try await redis.ping() }]
        )
        let api = router.group("/api/v1/ai").add(middleware: BearerAuthenticationMiddleware(verifier: keys))
        AIController(core: core).addRoutes(to: api)

        let app = ServiceApplication.make(
            settings: settings.service,
            router: router,
            services: [RedisClientService(client: redis)] + clients.map { HTTPClientService(client: $0) },
            logger: logger
        )
        return AIGatewayApplication(app: app, core: core)
    }

    /// A refused connection fails at once instead of being retried until the deadline: the chain moves on.
    static func makeHTTPClient(connectTimeout: Duration, logger: Logger) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
    }
}
