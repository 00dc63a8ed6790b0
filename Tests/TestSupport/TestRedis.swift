import Logging
import Redis

/// A client of the shared test Redis (or a private one), always shut down.
public enum TestRedis {
    public static func with<T>(url: String = TestEnvironment.redisURL, _ body: (RedisClient) async throws -> T) async throws -> T {
        var quiet = Logger(label: "tests.redis")
        quiet.logLevel = .critical
        let redis = RedisClient(configuration: try RedisConfiguration(url: url), logger: quiet)
        do {
            let result = try await body(redis)
            await redis.shutdown()
            return result
        } catch {
            await redis.shutdown()
            throw error
        }
    }
}
