import AsyncHTTPClient
import ServiceLifecycle

/// Ties an outbound `HTTPClient` (JWKS, upstreams, other services) to the application's ServiceGroup: it shuts down
/// after the HTTP server has stopped taking requests, so no in-flight request loses its client.
public struct HTTPClientService: Service {
    public let client: HTTPClient

    public init(client: HTTPClient) { self.client = client }

    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
