import AsyncHTTPClient
import NIOCore

extension DevMentorClient {
    /// Runs `body` with a client that owns a fresh `HTTPClient`, shut down when `body` returns or throws.
    ///
    /// That client fails at once when the server refuses the connection: `HTTPClient.shared` retries connection
    /// establishment until the request's deadline, right for a long-lived service but a needless wait for a
    /// command-line call or a test against a stopped server.
    ///
    /// `readTimeout` (default: `requestTimeout`) is how long a connection may stay silent; a long-lived stream such
    /// as the event feed needs more than the gap between its heartbeats.
    public static func withDedicatedHTTPClient<T>(
        baseURL: String,
        requestTimeout: Duration = defaultRequestTimeout,
        maxResponseBytes: Int = defaultMaxResponseBytes,
        requestID: String? = nil,
        readTimeout: Duration? = nil,
        _ body: (DevMentorClient) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: TimeAmount(requestTimeout), read: TimeAmount(readTimeout ?? requestTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let client = DevMentorClient(
            baseURL: baseURL, httpClient: httpClient, requestTimeout: requestTimeout,
            maxResponseBytes: maxResponseBytes, requestID: requestID
        )
        let result: T
        do {
            result = try await body(client)
        } catch {
            // The body's error is the one worth reporting; a failed shutdown after it adds nothing.
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        return result
    }
}
