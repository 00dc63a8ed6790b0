import Contracts
import Coordination
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// "A gateway in front of X": a real gateway on a free port, routing to a running auth service and one more service.
/// Its limits are wide — the suites send far more requests per user than production allows in a second, and rate
/// limiting has tests of its own — and counted in rate-limit keys of its own.
public enum TestGateway {
    public static let generous = RateLimitPolicy(rate: 100_000, period: .seconds(60), burst: 100_000)

    /// Runs `body` with the gateway's base URL (`http://127.0.0.1:<port>`).
    public static func run<T: Sendable>(
        authPort: Int, service: ServiceName, port: Int, _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        let settings = GatewaySettings(
            service: TestEnvironment.serviceSettings(name: "gateway"),
            upstreams: [
                Upstream(name: "auth", service: .auth, baseURL: URL(string: "http://127.0.0.1:\(authPort)")!),
                Upstream(name: service.processName, service: service, baseURL: URL(string: "http://127.0.0.1:\(port)")!),
            ],
            rateLimits: RateLimitSettings(
                perUser: generous, perIP: generous, credentials: generous, failedAuthentication: generous,
                keyPrefix: "test:\(UUID().lowercasedString):ratelimit:"
            )
        )
        let gateway = try GatewayApplication.build(settings: settings, logger: TestEnvironment.logger("gateway"))
        return try await gateway.test(.live) { client in
            let gatewayPort = try #require(client.port)
            // HummingbirdTesting's client connects in the background. A body that ends before that connection is
            // up leaves it open past the client's shutdown, and the gateway's graceful shutdown then waits for it
            // forever (a 900 s hang of `aRestartReloadsTheIndexFromPostgres` in CI, 2026-12-03). One request first
            // makes it the connection that shutdown closes.
            try await client.execute(uri: "/health", method: .get) { _ in }
            return try await body("http://127.0.0.1:\(gatewayPort)")
        }
    }
}
