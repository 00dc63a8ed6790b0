import Foundation
import Logging

/// What every service reads from its environment: where to listen, how loud to log, where Redis and Postgres are,
/// and how long an idle connection may stay. The body cap is not a setting: it is docs/api.md's 1 MiB, `HTTPLimits.maxBodyBytes`,
/// in every server and in the gateway alike. Service-specific settings live in each service's own settings type beside this one.
public struct ServiceSettings: Sendable {
    public var name: String
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var redisURL: String
    public var databaseURL: URL
    /// A connection that sends nothing for this long is closed (slow or abandoned clients cannot hold sockets).
    public var idleTimeoutSeconds: Int

    public static let defaultRedisURL = "redis://127.0.0.1:6390"
    public static let defaultDatabaseURL = "postgres://postgres@127.0.0.1:5439/devmentor"

    public init(
        name: String, host: String = "127.0.0.1", port: Int, logLevel: Logger.Level = .info,
        redisURL: String = ServiceSettings.defaultRedisURL,
        databaseURL: URL = URL(string: ServiceSettings.defaultDatabaseURL)!,
        idleTimeoutSeconds: Int = 30
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.redisURL = redisURL
        self.databaseURL = databaseURL
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
            idleTimeoutSeconds: try env.int("IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)
        )
    }
}
