import Foundation
import JWTKit
import ServiceKit

/// Signs access tokens with the key ring's current key (EdDSA, `kid` in the header).
struct AccessTokenIssuer: Sendable {
    let keys: SigningKeyRing
    let issuer: String
    let audience: String
    let ttl: Int

    struct Issued: Sendable {
        var token: String
        var tokenId: UUID
        var expiresAt: Date
    }

    func issue(userId: UUID, sessionId: UUID, roles: [String], now: Date = Date()) async throws -> Issued {
        let tokenId = UUID.random()
        let claims = AccessTokenClaims(
            userId: userId, sessionId: sessionId, tokenId: tokenId, roles: roles,
            issuedAt: now, expiresAt: now.addingTimeInterval(TimeInterval(ttl)), issuer: issuer, audience: audience
        )
        let token = try await keys.collection.sign(claims, kid: JWKIdentifier(string: keys.current.kid))
        return Issued(token: token, tokenId: tokenId, expiresAt: claims.exp.value)
    }
}
