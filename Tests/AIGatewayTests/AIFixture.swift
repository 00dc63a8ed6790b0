import AIGateway
import AsyncHTTPClient
import Auth
import Contracts
import DevMentorClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import ServiceKit
import Testing
import TestSupport

/// A real auth service, a real AI gateway service (on the test Redis; its boards and conversations carry fresh
/// ids, so tests never meet each other's keys) and a real gateway in front of it, each on a free port.
struct AIFixture: Sendable {
    let auth: AuthCore
    let core: AIGatewayCore
    let serviceURL: String
    let gatewayURL: String
    let authPort: Int

    static func run(
        providers: [ProviderSettings] = [], blackboardTTL: Duration = .seconds(600), maxConversationMessages: Int = 50,
        clock: any ResilienceClock = SystemResilienceClock(),
        _ body: @escaping @Sendable (AIFixture) async throws -> Void
    ) async throws {
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("ai-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let authCore = auth.core
        try await auth.app.test(.live) { authClient in
            let authPort = try #require(authClient.port)
            let settings = Self.settings(authPort: authPort, providers: providers, blackboardTTL: blackboardTTL, maxConversationMessages: maxConversationMessages)
            let ai = try AIGatewayApplication.build(settings: settings, logger: TestEnvironment.logger("ai-gateway"), clock: clock)
            let core = ai.core
            try await ai.app.test(.live) { aiClient in
                let port = try #require(aiClient.port)
                try await TestGateway.run(authPort: authPort, service: .ai, port: port) { gatewayURL in
                    try await body(AIFixture(
                        auth: authCore, core: core, serviceURL: "http://127.0.0.1:\(port)", gatewayURL: gatewayURL, authPort: authPort
                    ))
                }
            }
        }
    }

    static func settings(
        authPort: Int, providers: [ProviderSettings] = [], blackboardTTL: Duration = .seconds(600), maxConversationMessages: Int = 50
    ) -> AIGatewaySettings {
        AIGatewaySettings(
            service: TestEnvironment.serviceSettings(name: "ai-gateway"),
            authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
            blackboardTTL: blackboardTTL, maxConversationMessages: maxConversationMessages, providers: providers
        )
    }

    func signIn(_ tag: String = "user") async throws -> TestUser {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        let token = try await auth.authenticate(LoginRequest(email: user.email, password: password))
        return TestUser(id: user.id, token: token.accessToken, caller: token.caller)
    }

    var throughGateway: DevMentorClient { DevMentorClient(baseURL: gatewayURL, requestTimeout: .seconds(30)) }
    var direct: DevMentorClient { DevMentorClient(baseURL: serviceURL, requestTimeout: .seconds(30)) }

    /// A raw request through the gateway (or `baseURL`): status, headers, body text. `bytes` sends a body that need not
    /// be valid UTF-8.
    func send(
        _ method: String, _ path: String, as user: TestUser? = nil, body: String? = nil, bytes: [UInt8]? = nil, via baseURL: String? = nil
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: (baseURL ?? gatewayURL) + path)
        request.method = .init(rawValue: method)
        if let user { request.headers.add(name: "Authorization", value: "Bearer \(user.token)") }
        if let payload = bytes ?? body.map({ Array($0.utf8) }) {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: payload))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 8 << 20))
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: text)
    }
}

/// Code samples the tests analyze.
enum Samples {
    static let python = """
        import os

        def lookup(cursor, name):
            query = "SELECT * FROM users WHERE name = '" + name + "'"
            cursor.execute(query)
            return cursor.fetchall()

        def run(command):
            os.system(command)
            return eval(command)
        """

    static let swift = """
        public func add(_ a: Int, _ b: Int) -> Int {
            a + b
        }

        /// Says hello.
        public func greet(name: String) -> String {
            if name.isEmpty {
                return "Hello, stranger"
            }
            return "Hello, \\(name)"
        }
        """
}
