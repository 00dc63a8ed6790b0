import Foundation
import Logging
import PostgresNIO
import Redis
import ServiceLifecycle

/// The clients every service holds: a Postgres pool and a Redis client, with their readiness checks and the
/// lifecycle services that run and close them.
public struct ServiceDependencies: Sendable {
    public let postgres: PostgresClient
    public let redis: RedisClient
    public let logger: Logger

    /// - Parameter searchPath: the schema the Postgres connections resolve unqualified names in (see
    ///   `PostgresClient(url:searchPath:logger:)`); nil for services that spell their schema out in every statement.
    public init(settings: ServiceSettings, searchPath: String? = nil, logger: Logger) throws {
        self.postgres = try PostgresClient(url: settings.databaseURL, searchPath: searchPath, logger: logger)
        self.redis = RedisClient(configuration: try RedisConfiguration(url: settings.redisURL), logger: logger)
        self.logger = logger
    }

    /// `/ready` answers 200 only when both answer.
    public var readinessChecks: [ReadinessCheck] {
        let postgres = self.postgres, redis = self.redis, logger = self.logger
        return [
            ReadinessCheck(name: "postgres") { try await postgres.query("SELECT 1", logger: logger) },
            ReadinessCheck(name: "redis") { try await redis.ping() },
        ]
    }

    /// The Postgres pool must run as a service; the Redis client closes on graceful shutdown.
    public var services: [any Service] {
        [postgres, RedisClientService(client: redis)]
    }
}
