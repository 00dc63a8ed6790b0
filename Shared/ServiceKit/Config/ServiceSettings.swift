import Foundation
import Logging

/// What every service reads from its environment: where to listen, how loud to log, where Redis and Postgres are,
/// and the HTTP limits. Service-specific settings live in each service's own settings type beside this one.
public struct ServiceSettings: Sendable {
    public var name: String
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var redisURL: String
    public var databaseURL: URL
    /// Requests whose body is larger are answered 413 PAYLOAD_TOO_LARGE.
    public var maxBodyBytes: Int
    /// A connection that sends nothing for this long is closed (slow or abandoned clients cannot hold sockets).
    public var idleTimeoutSeconds: Int

    public static let defaultRedisURL = "redis://127.0.0.1:6390"
    public static let defaultDatabaseURL = "postgres://postgres@127.0.0.1:5439/devmentor"

    public init(
        name: String, host: String = "127.0.0.1", port: Int, logLevel: Logger.Level = .info,
        redisURL: String = ServiceSettings.defaultRedisURL,
        databaseURL: URL = URL(string: ServiceSettings.defaultDatabaseURL)!,
        maxBodyBytes: Int = 1 << 20, idleTimeoutSeconds: Int = 30
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.redisURL = redisURL
        self.databaseURL = databaseURL
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    public init(name: String, defaultPort: Int, environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        self.init(
            name: name,
            host: env.string("HOST", default: "127.0.0.1"),
            port: try env.int("PORT", default: defaultPort, range: 0...65535),
            logLevel: try env.logLevel(),
            redisURL: try env.url("REDIS_URL", default: Self.defaultRedisURL, schemes: ["redis"]).absoluteString,
            databaseURL: try env.url("DATABASE_URL", default: Self.defaultDatabaseURL, schemes: ["postgres", "postgresql"]),
            maxBodyBytes: try env.int("MAX_BODY_BYTES", default: 1 << 20, range: 1024...(64 << 20)),
            idleTimeoutSeconds: try env.int("IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)
        )
    }
}
