import Auth
import Contracts
import Crypto
import Foundation
import HummingbirdTesting
import JWTKit
import ServiceKit
import Testing
import TestSupport

/// Every way to fake an access token that the API promises to refuse, checked on `/validate` and on a protected route.
@Suite("Forged, expired and confused tokens are refused")
struct ForgedTokenTests {
    enum Forgery: String, CaseIterable, Sendable {
        case tamperedPayload, algNone, hs256WithPublicKey, signedByAnotherKey, expired, wrongIssuer, wrongAudience, notYetValid, garbage
    }

    @Test(arguments: Forgery.allCases)
    func forgedTokenIsRefused(_ forgery: Forgery) async throws {
        try await AuthTestFixture.withService { core, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let genuine = try await client.login(email: email)
            let claims = try Self.claims(of: genuine.accessToken)
            let forged = try await Self.forge(forgery, genuine: genuine.accessToken, claims: claims, keys: core.keys)

            let validation = try await client.json(.post, "/api/v1/auth/validate", body: #"{"token":"\#(forged)"}"#, as: TokenValidation.self)
            #expect(validation.status == .ok)
            #expect(validation.body?.valid == false)
            #expect(validation.body?.userId == nil)
            #expect(validation.body?.reason == Self.expectedReason(forgery))

            let me = try await client.error(.get, "/api/v1/auth/me", token: forged)
            #expect(me.status == .unauthorized)
            #expect(me.error?.code == (forgery == .expired ? "TOKEN_EXPIRED" : "UNAUTHORIZED"))
        }
    }

    static func expectedReason(_ forgery: Forgery) -> String {
        switch forgery {
        case .tamperedPayload: "bad_signature"
        case .algNone, .hs256WithPublicKey: "unsupported_algorithm"
        case .signedByAnotherKey: "unknown_key"
        case .expired: "expired"
        case .wrongIssuer: "wrong_issuer"
        case .wrongAudience: "wrong_audience"
        case .notYetValid: "not_yet_valid"
        case .garbage: "malformed"
        }
    }

    static func forge(_ forgery: Forgery, genuine: String, claims: AccessTokenClaims, keys: SigningKeyRing) async throws -> String {
        let parts = genuine.split(separator: ".").map(String.init)
        let kid = keys.current.kid
        switch forgery {
        case .tamperedPayload:
            var elevated = claims
            elevated.roles = ["user", "admin"]
            return [parts[0], try encode(elevated), parts[2]].joined(separator: ".")
        case .algNone:
            let header = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT","kid":"\#(kid)"}"#.utf8))
            return "\(header).\(parts[1])."
        case .hs256WithPublicKey:
            // The classic confusion: HMAC keyed with the public key a verifier might hand to its HMAC code path.
            let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT","kid":"\#(kid)"}"#.utf8))
            let input = "\(header).\(parts[1])"
            let publicKey = SymmetricKey(data: keys.current.privateKey.publicKey.rawRepresentation)
            let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: publicKey)
            return "\(input).\(Base64URL.encode(Data(mac)))"
        case .signedByAnotherKey:
            let other = JWTKeyCollection()
            await other.add(eddsa: try EdDSA.PrivateKey(), kid: "attacker-key")
            return try await other.sign(claims, kid: "attacker-key")
        case .expired:
            var stale = claims
            stale.iat = IssuedAtClaim(value: Date().addingTimeInterval(-3600))
            stale.nbf = NotBeforeClaim(value: Date().addingTimeInterval(-3600))
            stale.exp = ExpirationClaim(value: Date().addingTimeInterval(-600))
            return try await keys.collection.sign(stale, kid: JWKIdentifier(string: kid))
        case .wrongIssuer:
            var other = claims
            other.iss = "someone-else"
            return try await keys.collection.sign(other, kid: JWKIdentifier(string: kid))
        case .wrongAudience:
            var other = claims
            other.aud = "another-api"
            return try await keys.collection.sign(other, kid: JWKIdentifier(string: kid))
        case .notYetValid:
            var early = claims
            early.nbf = NotBeforeClaim(value: Date().addingTimeInterval(3600))
            return try await keys.collection.sign(early, kid: JWKIdentifier(string: kid))
        case .garbage:
            return "this.is.not-a-jwt"
        }
    }

    static func claims(of token: String) throws -> AccessTokenClaims {
        let payload = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(AccessTokenClaims.self, from: payload)
    }

    static func encode(_ claims: AccessTokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return Base64URL.encode(try encoder.encode(claims))
    }
}
