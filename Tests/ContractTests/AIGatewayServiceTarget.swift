import AIGateway
import Auth
import Contracts
import DevMentorClient
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import TestSupport
import Testing

/// The implementations of `AIGatewayService` the conformance suite runs against, each with auth (for the JWKS and
/// the users) and the AI gateway service on the test Redis; the last with the real gateway in front.
enum AIGatewayServiceTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `AIGatewayCore`, called directly.
    case inProcess
    /// `DevMentorClient` over real HTTP to a running AI gateway service.
    case httpClient
    /// `DevMentorClient` over real HTTP to a running gateway in front of a running AI gateway service.
    case httpThroughGateway

    var testDescription: String { rawValue }

    func withService(_ body: @escaping @Sendable (any AIGatewayService, AIUsers) async throws -> Void) async throws {
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("ai-contract-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let users = AIUsers(auth: auth.core)
        try await auth.app.test(.live) { authClient in
            let authPort = try #require(authClient.port)
            let settings = AIGatewaySettings(
                service: TestEnvironment.serviceSettings(name: "ai-gateway"), authURL: URL(string: "http://127.0.0.1:\(authPort)")!
            )
            let ai = try AIGatewayApplication.build(settings: settings, logger: TestEnvironment.logger("ai-gateway"))
            let core = ai.core
            try await ai.app.test(.live) { aiClient in
                let port = try #require(aiClient.port)
                switch self {
                case .inProcess:
                    try await body(core, users)
                case .httpClient:
                    try await body(DevMentorClient(baseURL: "http://127.0.0.1:\(port)", requestTimeout: .seconds(30)), users)
                case .httpThroughGateway:
                    try await TestGateway.run(authPort: authPort, service: .ai, port: port) { gatewayURL in
                        try await body(DevMentorClient(baseURL: gatewayURL, requestTimeout: .seconds(30)), users)
                    }
                }
            }
        }
    }
}

/// Registers and logs in users on the fixture's auth service.
struct AIUsers: Sendable {
    let auth: AuthCore

    func signIn(_ tag: String = "user") async throws -> Caller {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        return try await auth.authenticate(LoginRequest(email: user.email, password: password)).caller
    }
}
