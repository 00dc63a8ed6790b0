import Redis
import ServiceLifecycle

/// Ties a RedisClient to the application's ServiceGroup: it closes its connections on graceful shutdown, after
/// the HTTP server (started later, stopped earlier) has finished its requests.
public struct RedisClientService: Service {
    public let client: RedisClient

    public init(client: RedisClient) { self.client = client }

    public func run() async throws {
        try? await gracefulShutdown()
        await client.shutdown()
    }
}
