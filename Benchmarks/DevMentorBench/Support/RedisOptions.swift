import ArgumentParser
import Logging
import Redis

/// Where the bench's Redis is, and the pool as the services configure it (RedisConfiguration's defaults), so the
/// numbers are those a service would see.
struct RedisOptions: ParsableArguments {
    @Option(help: "Redis to measure against.")
    var redisURL = "redis://127.0.0.1:6392"

    @Option(help: "Pooled connections (the services use RedisConfiguration's default, 4).")
    var poolSize = RedisConfiguration().poolSize

    func makeClient(logger: Logger) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: redisURL)
        configuration.poolSize = poolSize
        return RedisClient(configuration: configuration, logger: logger)
    }
}
