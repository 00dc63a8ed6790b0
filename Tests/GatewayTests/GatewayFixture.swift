import AsyncHTTPClient
import Auth
import Contracts
import Foundation
import Synchronization
import Coordination
import Gateway
import Resilience
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import ServiceKit
import Testing
import TestSupport

/// A real gateway on a free port in front of a real auth service and an echo service standing in for `projects`
/// (it answers every request with the headers it received, and counts requests), all over real sockets.
struct GatewayFixture: Sendable {
    let gatewayURL: String
    /// A second gateway replica on the same upstreams and Redis, when asked for.
    let secondGatewayURL: String?
    let auth: AuthCore
    let echo: EchoUpstream

    static func run(
        projectsURL: String? = nil,
        rateLimits: RateLimitSettings = .defaults,
        breaker: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        bodyTimeoutSeconds: Int = 10,
        eventsHeartbeatSeconds: Int = 15,
        twoGateways: Bool = false,
        trustedProxies: TrustedProxies = .none,
        clock: any ResilienceClock = SystemResilienceClock(),
        directProxy: Bool = true,
        logger: Logger? = nil,
        _ body: @escaping @Sendable (GatewayFixture) async throws -> Void
    ) async throws {
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("gateway-keys"),
            bcryptCost: 4,
            adminEmails: [adminEmail]
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let echo = EchoUpstream()
        let core = auth.core
        try await auth.app.test(.live) { authClient in
            let authPort = try #require(authClient.port)
            try await echo.application().test(.live) { echoClient in
                let echoPort = try #require(echoClient.port)
                var settings = GatewaySettings(
                    service: TestEnvironment.serviceSettings(name: "gateway"),
                    // Auth is real; every other service is the echo (projects may be pointed elsewhere).
                    upstreams: [Upstream(name: "auth", service: .auth, baseURL: URL(string: "http://127.0.0.1:\(authPort)")!)]
                        + Upstream.known.filter { $0 != .auth }.map { service in
                            let url = service == .projects ? (projectsURL ?? "http://127.0.0.1:\(echoPort)") : "http://127.0.0.1:\(echoPort)"
                            return Upstream(name: service.processName, service: service, baseURL: URL(string: url)!)
                        },
                    connectTimeoutMilliseconds: 5000,
                    readTimeoutSeconds: 10,
                    rateLimits: rateLimits.withKeyPrefix("test:\(UUID()):ratelimit:"),
                    breaker: breaker,
                    bodyTimeoutSeconds: bodyTimeoutSeconds,
                    eventsHeartbeatSeconds: eventsHeartbeatSeconds
                )
                settings.trustedProxies = trustedProxies
                settings.directProxy = directProxy
                let configured = settings
                let gateway = try GatewayApplication.build(settings: configured, logger: logger ?? TestEnvironment.logger("gateway"), clock: clock)
                try await gateway.test(.live) { gatewayClient in
                    let port = try #require(gatewayClient.port)
                    guard twoGateways else {
                        try await body(GatewayFixture(gatewayURL: "http://127.0.0.1:\(port)", secondGatewayURL: nil, auth: core, echo: echo))
                        return
                    }
                    let replica = try GatewayApplication.build(settings: configured, logger: TestEnvironment.logger("gateway-2"), clock: clock)
                    try await replica.test(.live) { replicaClient in
                        let replicaPort = try #require(replicaClient.port)
                        try await body(GatewayFixture(
                            gatewayURL: "http://127.0.0.1:\(port)", secondGatewayURL: "http://127.0.0.1:\(replicaPort)", auth: core, echo: echo
                        ))
                    }
                }
            }
        }
    }

    static let adminEmail = TestEnvironment.uniqueEmail("admin")

    /// A registered, logged-in user (the admin when `admin`).
    func signIn(tag: String = "user", admin: Bool = false) async throws -> AuthToken {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let email = admin ? Self.adminEmail : TestEnvironment.uniqueEmail(tag)
        if admin {
            // One admin account for the whole run: registering it again answers EMAIL_TAKEN, which is fine.
            _ = try? await auth.register(RegisterRequest(email: email, password: "admin-password", displayName: "Admin"))
            return try await auth.authenticate(LoginRequest(email: email, password: "admin-password"))
        }
        let user = try await auth.register(RegisterRequest(email: email, password: password, displayName: tag))
        return try await auth.authenticate(LoginRequest(email: user.email, password: password))
    }

    /// Sends a request through the gateway; returns status, headers and body text.
    func send(
        _ method: HTTPMethodName, _ path: String, token: String? = nil, headers: [(String, String)] = [], body: ByteBuffer? = nil,
        via baseURL: String? = nil
    ) async throws -> (status: Int, headers: [(String, String)], body: String) {
        var request = HTTPClientRequest(url: (baseURL ?? gatewayURL) + path)
        request.method = .init(rawValue: method.rawValue)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 4 << 20))
        return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, text)
    }

    func errorCode(_ body: String) -> String? {
        (try? JSONCoding.makeDecoder().decode(ErrorBody.self, from: Data(body.utf8)))?.error.code
    }
}

extension RateLimitSettings {
    /// Each fixture counts in its own keys, so tests never eat each other's budgets.
    func withKeyPrefix(_ prefix: String) -> RateLimitSettings {
        var copy = self
        copy.keyPrefix = prefix
        return copy
    }
}

enum HTTPMethodName: String, Sendable { case GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS }

/// Answers every request with `{"headers": {name: value}}` and counts what it served.
final class EchoUpstream: Sendable {
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(97 + $0 % 26) }
    }

    /// `…/bytes-<n>` asks for n bytes instead of the echo.
    static func byteCount(in path: String) -> Int? {
        guard let last = path.split(separator: "/").last, last.hasPrefix("bytes-"), let count = Int(last.dropFirst(6)),
              (0...1_000_000).contains(count)
        else { return nil }
        return count
    }

    /// n bytes (a repeating a…z pattern) of known length, sent in 4 KiB chunks with a pause after each, so the
    /// gateway's first read holds only part of any body above 4 KiB.
    static func bytesResponse(_ count: Int) -> Response {
        let bytes = pattern(count)
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: ResponseBody(contentLength: count) { writer in
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 4096, bytes.count)
                try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                offset = end
                try await Task.sleep(for: .milliseconds(5))
            }
            try await writer.finish(nil)
        })
    }

    private let counter = RequestCounter()
    private let failing = Mutex(false)

    var requests: Int { counter.value }

    /// While true, every request is answered 500 (a broken upstream).
    func setFailing(_ value: Bool) { failing.withLock { $0 = value } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        let counter = self.counter
        router.get("/ready") { _, _ in HTTPResponse.Status.ok }
        for method in [HTTPRequest.Method.get, .post, .patch, .delete, .put] {
            router.on("/**", method: method) { [self] request, _ -> Response in
                counter.increment()
                if failing.withLock({ $0 }) { return Response(status: .internalServerError) }
                if let count = EchoUpstream.byteCount(in: request.uri.path) { return EchoUpstream.bytesResponse(count) }
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let data = try JSONCoding.makeEncoder().encode(["headers": headers])
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}


final class RequestCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
