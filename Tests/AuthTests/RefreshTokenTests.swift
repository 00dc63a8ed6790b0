import Auth
import Contracts
import Foundation
import HummingbirdTesting
import Redis
import ServiceKit
import Testing
import TestSupport

@Suite("Refresh-token rotation, reuse detection and revocation")
struct RefreshTokenTests {
    @Test func refreshRotatesAndAReusedTokenRevokesTheWholeSession() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let first = try await client.login(email: email)

            let second = try await client.refresh(first.refreshToken)
            #expect(second.status == .ok)
            let rotated = try #require(second.token)
            #expect(rotated.refreshToken != first.refreshToken)
            #expect(rotated.sessionId == first.sessionId)

            // Replaying the spent token is theft or a bug: the session (the token family) dies.
            let replay = try await client.refresh(first.refreshToken)
            #expect(replay.status == .unauthorized)
            #expect(replay.code == "TOKEN_REVOKED")
            let successor = try await client.refresh(rotated.refreshToken)
            #expect(successor.status == .unauthorized)
            #expect(successor.code == "TOKEN_REVOKED")
            let me = try await client.error(.get, "/api/v1/auth/me", token: rotated.accessToken)
            #expect(me.error?.code == "TOKEN_REVOKED")

            // Other sessions of the same user are untouched.
            let other = try await client.login(email: email)
            #expect(try await client.refresh(other.refreshToken).status == .ok)
        }
    }

    @Test func concurrentUsesOfOneRefreshTokenLetAtMostOneThrough() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let token = try await client.login(email: email)
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await client.refresh(token.refreshToken).status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == 200 }.count == 1)
            #expect(results.filter { $0 == 401 }.count == 9)
        }
    }

    @Test func unknownRefreshTokenIsUnauthorized() async throws {
        try await AuthTestFixture.withService { _, client in
            let result = try await client.refresh("not-a-token-we-issued")
            #expect(result.status == .unauthorized)
            #expect(result.code == "UNAUTHORIZED")
        }
    }

    @Test func revokingAnAccessTokenStopsItAndAnnouncesItInRedis() async throws {
        try await AuthTestFixture.withService { core, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let token = try await client.login(email: email)
            let validation = try await core.validateToken(token.accessToken)
            #expect(validation.valid)

            let revoked = try await client.json(.post, "/api/v1/auth/revoke", body: #"{"token":"\#(token.accessToken)"}"#, token: token.accessToken)
            #expect(revoked.status == .noContent)
            let me = try await client.error(.get, "/api/v1/auth/me", token: token.accessToken)
            #expect(me.status == .unauthorized)
            #expect(me.error?.code == "TOKEN_REVOKED")
            #expect(try await core.validateToken(token.accessToken) == .invalid("revoked"))

            let redis = RedisClient(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger("redis"))
            defer { Task { await redis.shutdown() } }
            let tokenId = try #require(validation.userId.map { _ in try Self.tokenId(of: token.accessToken) })
            let marker = try await redis.send("GET", [.string(RevocationKeys.token(tokenId))])
            #expect(marker.string == "1")
            let ttl = try await redis.send("TTL", [.string(RevocationKeys.token(tokenId))])
            #expect((ttl.int ?? 0) > 0)

            // The refresh token of the same session still works: only that access token was revoked.
            #expect(try await client.refresh(token.refreshToken).status == .ok)
        }
    }

    @Test func revokingARefreshTokenStopsOnlyThatToken() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let token = try await client.login(email: email)
            let revoked = try await client.json(.post, "/api/v1/auth/revoke", body: #"{"token":"\#(token.refreshToken)"}"#, token: token.accessToken)
            #expect(revoked.status == .noContent)
            let refresh = try await client.refresh(token.refreshToken)
            #expect(refresh.code == "TOKEN_REVOKED")
            #expect(try await client.json(.get, "/api/v1/auth/me", token: token.accessToken).status == .ok)
        }
    }

    @Test func nobodyRevokesSomeoneElsesToken() async throws {
        try await AuthTestFixture.withService { _, client in
            let alice = TestEnvironment.uniqueEmail("alice"), mallory = TestEnvironment.uniqueEmail("mallory")
            _ = try await client.register(email: alice)
            _ = try await client.register(email: mallory)
            let aliceToken = try await client.login(email: alice)
            let malloryToken = try await client.login(email: mallory)
            for victim in [aliceToken.accessToken, aliceToken.refreshToken] {
                let attempt = try await client.error(.post, "/api/v1/auth/revoke", body: #"{"token":"\#(victim)"}"#, token: malloryToken.accessToken)
                #expect(attempt.status == .forbidden)
                #expect(attempt.error?.code == "FORBIDDEN")
            }
            #expect(try await client.json(.get, "/api/v1/auth/me", token: aliceToken.accessToken).status == .ok)
            #expect(try await client.refresh(aliceToken.refreshToken).status == .ok)
        }
    }

    @Test func revokeNeedsABearerToken() async throws {
        try await AuthTestFixture.withService { _, client in
            let result = try await client.error(.post, "/api/v1/auth/revoke", body: #"{"token":"x.y.z"}"#)
            #expect(result.status == .unauthorized)
            #expect(result.error?.code == "UNAUTHORIZED")
        }
    }

    static func tokenId(of jwt: String) throws -> UUID {
        let payload = try #require(Base64URL.decode(String(jwt.split(separator: ".")[1])))
        let object = try JSONDecoder().decode([String: JSONValue].self, from: payload)
        return try #require(object["jti"]?.stringValue.flatMap(UUID.init(uuidString:)))
    }
}
