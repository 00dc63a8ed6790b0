import Contracts
import Crypto
import Foundation
import JWTKit
import NIOCore
import ServiceKit
import Testing
import TestSupport

@Suite("Gateway: authentication, identity headers, hostile input")
struct GatewaySecurityTests {
    @Test func requestsReachAuthAndBack() async throws {
        try await GatewayFixture.run { gateway in
            let email = TestEnvironment.uniqueEmail()
            let body = #"{"email":"\#(email)","password":"password123","displayName":"Gia"}"#
            let registered = try await gateway.send(.POST, "/api/v1/auth/register", body: ByteBuffer(string: body))
            #expect(registered.status == 201)
            let login = try await gateway.send(.POST, "/api/v1/auth/login", body: ByteBuffer(string: #"{"email":"\#(email)","password":"password123"}"#))
            #expect(login.status == 200)
            let token = try JSONCoding.makeDecoder().decode(AuthToken.self, from: Data(login.body.utf8))
            let me = try await gateway.send(.GET, "/api/v1/auth/me", token: token.accessToken)
            #expect(me.status == 200)
            #expect(me.body.contains(email))
        }
    }

    @Test func unknownRoutesAndMissingTokensNeverReachAnUpstream() async throws {
        try await GatewayFixture.run { gateway in
            let unknown = try await gateway.send(.GET, "/api/v1/projects/\(UUID())/nonsense")
            #expect(unknown.status == 404)
            #expect(gateway.errorCode(unknown.body) == "NOT_FOUND")
            let anonymous = try await gateway.send(.GET, "/api/v1/projects/\(UUID())")
            #expect(anonymous.status == 401)
            #expect(gateway.errorCode(anonymous.body) == "UNAUTHORIZED")
            let garbage = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: "not.a.token")
            #expect(garbage.status == 401)
            #expect(gateway.echo.requests == 0)
        }
    }

    @Test(arguments: ["algNone", "tampered", "unknownKid", "expired", "hs256"])
    func forgedTokensAreRefusedAtTheGateway(_ forgery: String) async throws {
        try await GatewayFixture.run { gateway in
            let genuine = try await gateway.signIn()
            let forged = try await Self.forge(forgery, genuine: genuine.accessToken, gateway: gateway)
            let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: forged)
            #expect(result.status == 401)
            #expect(gateway.errorCode(result.body) == (forgery == "expired" ? "TOKEN_EXPIRED" : "UNAUTHORIZED"))
            #expect(gateway.echo.requests == 0)
            // The genuine token passes, so the refusal above is about the forgery.
            #expect(try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: genuine.accessToken).status == 200)
        }
    }

    @Test func clientSentIdentityHeadersNeverReachTheUpstream() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            let validation = try await gateway.auth.validateToken(token.accessToken)
            let forgedUser = UUID().lowercasedString
            let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken, headers: [
                ("X-DevMentor-User-Id", forgedUser), ("X-DevMentor-Roles", "admin"), ("x-devmentor-session-id", "evil"),
                ("X-Request-ID", "trace-77"), ("Connection", "keep-alive, X-Secret-Hop"), ("X-Secret-Hop", "do-not-forward"),
                ("Proxy-Authorization", "Basic Zm9vOmJhcg=="),
            ])
            #expect(result.status == 200)
            let echoed = try JSONDecoder().decode([String: [String: String]].self, from: Data(result.body.utf8))["headers"] ?? [:]
            #expect(echoed["x-devmentor-user-id"] == validation.userId?.uuidString.lowercased())
            #expect(echoed["x-devmentor-roles"] == "user")
            #expect(echoed["x-devmentor-session-id"] == validation.sessionId?.uuidString.lowercased())
            #expect(echoed["x-request-id"] == "trace-77")
            #expect(echoed["x-secret-hop"] == nil)
            #expect(echoed["proxy-authorization"] == nil)
            #expect(echoed["x-forwarded-for"] == "127.0.0.1")
            #expect(echoed["x-forwarded-proto"] == "http")
            #expect(echoed["traceparent"]?.hasPrefix("00-") == true)
            #expect(result.headers.first { $0.0.lowercased() == "x-request-id" }?.1 == "trace-77")
        }
    }

    @Test func aRevokedTokenStopsWorkingWithinASecond() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            #expect(try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken).status == 200)
            let validation = try await gateway.auth.validateToken(token.accessToken)
            let caller = Caller(userId: try #require(validation.userId), sessionId: validation.sessionId, bearerToken: token.accessToken)
            try await gateway.auth.revokeToken(token.accessToken, caller: caller)

            let deadline = ContinuousClock.now + .seconds(1)
            var last = 0
            while ContinuousClock.now < deadline {
                let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken)
                last = result.status
                if last == 401 {
                    #expect(gateway.errorCode(result.body) == "TOKEN_REVOKED")
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(last == 401)
        }
    }

    @Test func aTerminatedSessionStopsItsTokensAtTheGateway() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            let terminated = try await gateway.send(.DELETE, "/api/v1/auth/sessions/\(token.sessionId)", token: token.accessToken)
            #expect(terminated.status == 204)
            var status = 0
            for _ in 0..<50 {
                status = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken).status
                if status == 401 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(status == 401)
        }
    }

    @Test func oversizedBodiesAre413AndTheGatewayKeepsServing() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: 2 << 20)
            let result = try await gateway.send(.PATCH, "/api/v1/projects/\(UUID())", token: token.accessToken, body: big)
            #expect(result.status == 413)
            #expect(gateway.errorCode(result.body) == "PAYLOAD_TOO_LARGE")
            #expect(gateway.echo.requests == 0)
            #expect(try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken).status == 200)
        }
    }

    @Test func anUnreachableUpstreamIs503Fast() async throws {
        try await GatewayFixture.run(projectsURL: "http://127.0.0.1:1") { gateway in
            let token = try await gateway.signIn()
            let start = ContinuousClock.now
            let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken)
            #expect(result.status == 503)
            #expect(gateway.errorCode(result.body) == "SERVICE_UNAVAILABLE")
            // A refused connection answers at once: far below the connect (5 s) and read (10 s) timeouts.
            #expect(ContinuousClock.now - start < .seconds(5))
            let health = try await gateway.send(.GET, "/health")
            #expect(health.status == 503)
            #expect(health.body.contains("\"projects\":\"down\""))
        }
    }

    static func forge(_ forgery: String, genuine: String, gateway: GatewayFixture) async throws -> String {
        let parts = genuine.split(separator: ".").map(String.init)
        let payload = try #require(Base64URL.decode(parts[1]))
        var claims = try JSONSerialization.jsonObject(with: payload) as? [String: Any] ?? [:]
        let header = try #require(Base64URL.decode(parts[0]))
        let kid = (try JSONSerialization.jsonObject(with: header) as? [String: Any])?["kid"] as? String ?? ""
        func encode(_ object: [String: Any]) throws -> String { Base64URL.encode(try JSONSerialization.data(withJSONObject: object)) }
        switch forgery {
        case "algNone":
            return try encode(["alg": "none", "typ": "JWT", "kid": kid]) + "." + parts[1] + "."
        case "tampered":
            claims["roles"] = ["user", "admin"]
            return parts[0] + "." + (try encode(claims)) + "." + parts[2]
        case "hs256":
            let jwks = try await gateway.send(.GET, "/.well-known/jwks.json")
            let set = try JSONDecoder().decode(JWKSet.self, from: Data(jwks.body.utf8))
            let firstKey = try #require(set.keys.first)
            let secret = SymmetricKey(data: try #require(Base64URL.decode(firstKey.x)))
            let input = try encode(["alg": "HS256", "typ": "JWT", "kid": kid]) + "." + parts[1]
            return input + "." + Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: secret)))
        case "unknownKid":
            let other = JWTKeyCollection()
            await other.add(eddsa: try EdDSA.PrivateKey(), kid: "someone-else")
            let decoded = try JSONDecoder().decode(AccessTokenClaims.self, from: payload)
            return try await other.sign(decoded, kid: "someone-else")
        default:
            // Expired: signed by auth's real key, so only the time is wrong.
            var decoded = try JSONDecoder().decode(AccessTokenClaims.self, from: payload)
            decoded.exp = ExpirationClaim(value: Date().addingTimeInterval(-120))
            decoded.iat = IssuedAtClaim(value: Date().addingTimeInterval(-1000))
            decoded.nbf = NotBeforeClaim(value: Date().addingTimeInterval(-1000))
            return try await gateway.auth.keys.collection.sign(decoded, kid: JWKIdentifier(string: kid))
        }
    }
}

@Suite("Gateway: its own routes")
struct GatewayOwnRoutesTests {
    @Test func openAPIDocumentIsServed() async throws {
        try await GatewayFixture.run { gateway in
            let result = try await gateway.send(.GET, "/openapi.json")
            #expect(result.status == 200)
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(result.body.utf8))
            guard case .object(let root) = document, case .object(let paths)? = root["paths"] else {
                Issue.record("not an OpenAPI document")
                return
            }
            #expect(root["openapi"] == .string("3.1.0"))
            for route in RouteTable.all {
                #expect(paths[route.path] != nil, "missing \(route.path)")
            }
        }
    }

    @Test func healthAggregatesTheServices() async throws {
        try await GatewayFixture.run { gateway in
            let result = try await gateway.send(.GET, "/health")
            #expect(result.status == 200)
            #expect(result.body.contains("\"auth\":\"ok\""))
            #expect(result.body.contains("\"projects\":\"ok\""))
        }
    }
}
