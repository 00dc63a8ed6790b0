import Contracts
import Coordination
import Foundation
import Gateway
import NIOCore
import Testing
import TestSupport

/// Every route of the table gets the checks its entry declares, through real HTTP: a test walks the table, so a
/// route added later is covered without a new test.
@Suite("Gateway: one guard for every route")
struct RouteGuardTests {
    /// A concrete path for a route: every `{parameter}` becomes a fresh UUID (or a breaker's name).
    static func concretePath(_ route: RouteDescriptor) -> String {
        var path = route.path
        for name in route.pathParameters {
            path = path.replacingOccurrences(of: "{\(name)}", with: name == "name" ? "projects" : UUID().lowercasedString)
        }
        return path
    }

    static func method(_ route: RouteDescriptor) -> HTTPMethodName { HTTPMethodName(rawValue: route.method.rawValue)! }

    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Room for one anonymous request per route: the walk is not a flood.
    static let roomy = RateLimitSettings(
        perUser: RateLimitSettings.defaults.perUser, perIP: RateLimitSettings.defaults.perIP,
        credentials: RateLimitSettings.defaults.credentials,
        failedAuthentication: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000)
    )

    @Test func everyRouteAsksForWhatItsAccessLevelDeclares() async throws {
        try await GatewayFixture.run(rateLimits: Self.roomy) { gateway in
            let user = try await gateway.signIn()
            for route in RouteTable.all {
                let path = Self.concretePath(route)
                let anonymous = try await gateway.send(Self.method(route), path)
                switch route.access {
                case .public:
                    #expect(anonymous.status != 401, "\(route) is public but answered 401")
                case .authenticated, .admin:
                    #expect(anonymous.status == 401, "\(route) answered \(anonymous.status) without a token")
                    #expect(gateway.errorCode(anonymous.body) == "UNAUTHORIZED", "\(route)")
                }
                if route.access == .admin {
                    let denied = try await gateway.send(Self.method(route), path, token: user.accessToken)
                    #expect(denied.status == 403, "\(route) let a non-admin through (\(denied.status))")
                }
            }
            // Nothing without a valid token reached a service.
            #expect(gateway.echo.requests == 0)
        }
    }

    @Test func everyLimitedRouteCarriesItsBudgetAndUnlimitedOnesDoNot() async throws {
        try await GatewayFixture.run { gateway in
            let user = try await gateway.signIn()
            for route in RouteTable.all where route.path != "/api/v1/events" {
                let token = route.access == .public ? nil : user.accessToken
                let answer = try await gateway.send(Self.method(route), Self.concretePath(route), token: token)
                let limit = Self.header("RateLimit-Limit", in: answer.headers)
                switch route.rateLimit {
                case .none:
                    #expect(limit == nil, "\(route) is not limited but answered RateLimit-Limit \(limit ?? "")")
                case .standard where route.access == .public:
                    #expect(limit == String(RateLimitSettings.defaults.perIP.burst), "\(route): \(limit ?? "none")")
                case .standard:
                    #expect(limit == String(RateLimitSettings.defaults.perUser.burst), "\(route): \(limit ?? "none")")
                case .credentials:
                    #expect(limit == String(RateLimitSettings.defaults.credentials.burst), "\(route): \(limit ?? "none")")
                }
            }
        }
    }

    static let failedAuthTight = RateLimitSettings(
        perUser: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000),
        perIP: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000),
        credentials: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000),
        failedAuthentication: RateLimitPolicy(rate: 5, period: .seconds(60), burst: 5)
    )

    /// The test connects from 127.0.0.1, which is made a trusted proxy, so `X-Forwarded-For` stands for the
    /// clients behind it: one flooding forged tokens, one an ordinary user.
    @Test func aFloodOfForgedTokensIsRefusedWith429WhileAUserOnAnotherAddressIsUnaffected() async throws {
        let proxies = try TrustedProxies(parsing: "127.0.0.1/32")
        try await GatewayFixture.run(rateLimits: Self.failedAuthTight, trustedProxies: proxies) { gateway in
            let user = try await gateway.signIn()
            let forged = "eyJhbGciOiJFZERTQSIsImtpZCI6Im5vcGUifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
            var statuses: [Int] = []
            for index in 0..<12 {
                // Forged, garbage and absent tokens all count as failed authentications.
                let token: String? = index % 3 == 2 ? nil : (index % 3 == 0 ? forged : "not-a-jwt")
                let answer = try await gateway.send(.GET, "/api/v1/auth/me", token: token, headers: [("X-Forwarded-For", "203.0.113.9")])
                statuses.append(answer.status)
                if answer.status == 429 {
                    #expect(gateway.errorCode(answer.body) == "RATE_LIMITED")
                    #expect(Int(Self.header("Retry-After", in: answer.headers) ?? "") ?? 0 >= 1)
                }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == 401 }, "\(statuses)")
            #expect(statuses.suffix(7).allSatisfy { $0 == 429 }, "\(statuses)")
            // Even a valid token from the flooding address waits: the address is refused before its token is looked at.
            let fromFlooder = try await gateway.send(.GET, "/api/v1/auth/me", token: user.accessToken, headers: [("X-Forwarded-For", "203.0.113.9")])
            #expect(fromFlooder.status == 429)
            // The user on another address is unaffected, and so is a stranger's failed attempt there.
            for _ in 0..<5 {
                let ok = try await gateway.send(.GET, "/api/v1/auth/me", token: user.accessToken, headers: [("X-Forwarded-For", "198.51.100.4")])
                #expect(ok.status == 200)
            }
            let stranger = try await gateway.send(.GET, "/api/v1/auth/me", token: forged, headers: [("X-Forwarded-For", "198.51.100.5")])
            #expect(stranger.status == 401)
        }
    }

    static let perIPTight = RateLimitSettings(
        perUser: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000),
        perIP: RateLimitPolicy(rate: 3, period: .seconds(60), burst: 3),
        credentials: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000)
    )

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() async throws {
        // Untrusted peer: the header changes nothing, every "client" shares the peer's budget.
        try await GatewayFixture.run(rateLimits: Self.perIPTight) { gateway in
            var statuses: [Int] = []
            for index in 0..<5 {
                statuses.append(try await gateway.send(.GET, "/openapi.json", headers: [("X-Forwarded-For", "203.0.113.\(index)")]).status)
            }
            #expect(statuses == [200, 200, 200, 429, 429])
        }
        // Trusted peer: each forwarded client has its own budget; the rightmost untrusted hop is the client, so what a
        // client writes to the left of it (a spoofed address) does not buy it a new budget.
        let proxies = try TrustedProxies(parsing: "127.0.0.0/8, 10.0.0.0/8")
        try await GatewayFixture.run(rateLimits: Self.perIPTight, trustedProxies: proxies) { gateway in
            for index in 0..<5 {
                let answer = try await gateway.send(.GET, "/openapi.json", headers: [("X-Forwarded-For", "203.0.113.\(index)")])
                #expect(answer.status == 200)
            }
            var spoofed: [Int] = []
            for index in 0..<5 {
                let chain = "198.51.100.\(index), 203.0.113.77, 10.1.2.3"
                spoofed.append(try await gateway.send(.GET, "/openapi.json", headers: [("X-Forwarded-For", chain)]).status)
            }
            #expect(spoofed == [200, 200, 200, 429, 429])
        }
    }

    @Test func aKnownPathWithAnUndeclaredMethodIs405WithAllow() async throws {
        try await GatewayFixture.run { gateway in
            let cases: [(HTTPMethodName, String, String)] = [
                (.PUT, "/api/v1/projects/\(UUID())", "GET, PATCH, DELETE"),
                (.DELETE, "/api/v1/projects", "GET, POST"),
                (.GET, "/api/v1/memory/flush", "POST"),
                (.POST, "/health", "GET"),
                (.PATCH, "/api/v1/auth/login", "POST"),
            ]
            for (method, path, allow) in cases {
                let answer = try await gateway.send(method, path)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(gateway.errorCode(answer.body) == "METHOD_NOT_ALLOWED")
                #expect(Self.header("Allow", in: answer.headers) == allow, "\(method) \(path)")
            }
            let unknown = try await gateway.send(.PUT, "/api/v1/nothing-here")
            #expect(unknown.status == 404)
            #expect(gateway.echo.requests == 0)
        }
    }

    @Test func healthIsTheContractsReportAndDegradedIsNot503() async throws {
        try await GatewayFixture.run { gateway in
            let answer = try await gateway.send(.GET, "/health")
            let report = try JSONCoding.makeDecoder().decode(HealthReport.self, from: Data(answer.body.utf8))
            // Every upstream answers /ready here (auth for real, the echo for the rest).
            #expect(answer.status == 200)
            #expect(report.status == .ok)
            #expect(Set(report.services.keys) == Set(Upstream.known.map(\.rawValue)))
        }
        // Projects pointed at a port nobody listens on: down, so 503 — with the report saying which.
        try await GatewayFixture.run(projectsURL: "http://127.0.0.1:1") { gateway in
            let answer = try await gateway.send(.GET, "/health")
            let report = try JSONCoding.makeDecoder().decode(HealthReport.self, from: Data(answer.body.utf8))
            #expect(answer.status == 503)
            #expect(report.status == .degraded)
            #expect(report.services["projects"] == .down)
            #expect(report.services["auth"] == .ok)
        }
    }

    @Test func idsAreLowerCaseInBodiesAndMatchTheTokenSubject() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            let me = try await gateway.send(.GET, "/api/v1/auth/me", token: token.accessToken)
            let user = try JSONSerialization.jsonObject(with: Data(me.body.utf8)) as? [String: Any]
            let id = try #require(user?["id"] as? String)
            #expect(id == id.lowercased())
            let payload = try #require(token.accessToken.split(separator: ".").dropFirst().first)
            var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            let claims = try JSONSerialization.jsonObject(with: Data(base64Encoded: base64)!) as? [String: Any]
            #expect(claims?["sub"] as? String == id)
            let login = try await gateway.send(.POST, "/api/v1/auth/refresh", body: ByteBuffer(string: #"{"refreshToken":"\#(token.refreshToken)"}"#))
            let sessionId = (try JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any])?["sessionId"] as? String
            #expect(sessionId == sessionId?.lowercased())
        }
    }
}
