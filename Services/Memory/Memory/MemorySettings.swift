import Contracts
import Foundation
import ServiceKit

/// The memory service's configuration, read once at start.
public struct MemorySettings: Sendable {
    public var service: ServiceSettings
    /// Where the auth service publishes its signing keys (`<AUTH_URL>/.well-known/jwks.json`).
    public var authURL: URL
    /// What access tokens must say (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var tokens: TokenSettings
    /// The Postgres schema of the embeddings. Only tests choose another (one per test, for isolation).
    public var schema: String
    /// `MEMORY_MAX_VECTORS_PER_USER`: embeddings one user may store; a new one beyond it is 409 `VECTOR_LIMIT_REACHED`.
    public var maxVectorsPerUser: Int
    /// `MEMORY_HOT_CACHE_BYTES`: the in-process hot-key cache's budget; 0 turns the cache off.
    public var hotCacheBytes: Int
    /// `MEMORY_HOT_CACHE_TTL_MS`: how long a value stays in the hot-key cache at most.
    public var hotCacheTTL: Duration
    /// `MEMORY_SEARCH_THREADS`: how many parts a large user's scan is split into (default: the cores).
    public var searchParallelism: Int
    /// The pub/sub channel the replicas of one deployment share for invalidations. Only tests choose another (one
    /// per test, so one test's replicas wait only for each other's acknowledgements).
    public var invalidationChannel: String

    public static let defaultPort = ServiceName.memory.defaultPort

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "memory", defaultPort: Self.defaultPort, environment: env)
        authURL = try env.url(ServiceName.auth.urlVariable, default: ServiceName.auth.defaultURL, schemes: ["http", "https"])
        tokens = TokenSettings(environment: env)
        schema = EmbeddingPostgresRepository.defaultSchema
        maxVectorsPerUser = try env.int("MEMORY_MAX_VECTORS_PER_USER", default: MemoryRules.defaultMaxVectorsPerUser, range: 1...10_000_000)
        hotCacheBytes = try env.int("MEMORY_HOT_CACHE_BYTES", default: 64 << 20, range: 0...(16 << 30))
        hotCacheTTL = .milliseconds(try env.int("MEMORY_HOT_CACHE_TTL_MS", default: 2000, range: 1...600_000))
        searchParallelism = try env.int("MEMORY_SEARCH_THREADS", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...256)
        invalidationChannel = MemoryInvalidation.defaultChannel
    }

    public init(
        service: ServiceSettings, authURL: URL, tokens: TokenSettings = .defaults,
        schema: String = EmbeddingPostgresRepository.defaultSchema, maxVectorsPerUser: Int = MemoryRules.defaultMaxVectorsPerUser,
        hotCacheBytes: Int = 64 << 20, hotCacheTTL: Duration = .seconds(2),
        searchParallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        invalidationChannel: String = MemoryInvalidation.defaultChannel
    ) {
        self.service = service
        self.authURL = authURL
        self.tokens = tokens
        self.schema = schema
        self.maxVectorsPerUser = maxVectorsPerUser
        self.hotCacheBytes = hotCacheBytes
        self.hotCacheTTL = hotCacheTTL
        self.searchParallelism = searchParallelism
        self.invalidationChannel = invalidationChannel
    }
}
