import Auth
import Contracts
import DevMentorClient
import Foundation
import Coordination
import Gateway
import Hummingbird
import HummingbirdTesting
import ServiceKit
import TestSupport
import Testing

/// The implementations of `AuthService` the conformance suite runs against.
enum AuthServiceTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `AuthCore`, called directly.
    case inProcess
    /// `DevMentorClient` over real HTTP to a running auth service.
    case httpClient
    /// `DevMentorClient` over real HTTP to a running gateway in front of a running auth service.
    case httpThroughGateway

    var testDescription: String { rawValue }

    /// Starts what the target needs (real sockets, real Redis and Postgres) and runs `body` with the service.
    func withService(_ body: @escaping @Sendable (any AuthService) async throws -> Void) async throws {
        let settings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("contract-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: settings, logger: TestEnvironment.logger("auth"))
        switch self {
        case .inProcess:
            let core = auth.core
            try await auth.app.test(.router) { _ in try await body(core) }
        case .httpClient:
            try await auth.app.test(.live) { client in
                let port = try #require(client.port)
                try await body(DevMentorClient(baseURL: "http://127.0.0.1:\(port)"))
            }
        case .httpThroughGateway:
            try await auth.app.test(.live) { authClient in
                let authPort = try #require(authClient.port)
                // The suite registers and logs in far more often than the credential limit allows one address;
                // rate limiting has its own tests (GatewayTests), so here it is set wide, in keys of its own.
                let generous = RateLimitPolicy(rate: 100_000, period: .seconds(60), burst: 100_000)
                let gatewaySettings = GatewaySettings(
                    service: TestEnvironment.serviceSettings(name: "gateway"),
                    upstreams: [Upstream(name: "auth", service: .auth, baseURL: URL(string: "http://127.0.0.1:\(authPort)")!)],
                    rateLimits: RateLimitSettings(perUser: generous, perIP: generous, credentials: generous, keyPrefix: "test:\(UUID()):ratelimit:")
                )
                let gateway = try GatewayApplication.build(settings: gatewaySettings, logger: TestEnvironment.logger("gateway"))
                try await gateway.test(.live) { gatewayClient in
                    let port = try #require(gatewayClient.port)
                    try await body(DevMentorClient(baseURL: "http://127.0.0.1:\(port)"))
                }
            }
        }
    }
}

/// A registered user with a live login, and the Caller its token stands for.
struct SignedInUser: Sendable {
    var user: User
    var password: String
    var token: AuthToken
    var caller: Caller

    static func make(on service: any AuthService, tag: String = "user") async throws -> SignedInUser {
        let password = "pass-\(UUID().uuidString.prefix(6))"
        let user = try await service.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        let token = try await service.authenticate(LoginRequest(email: user.email, password: password))
        let validation = try await service.validateToken(token.accessToken)
        let userId = try #require(validation.userId)
        let caller = Caller(userId: userId, roles: validation.roles ?? [], sessionId: validation.sessionId, bearerToken: token.accessToken)
        return SignedInUser(user: user, password: password, token: token, caller: caller)
    }
}
