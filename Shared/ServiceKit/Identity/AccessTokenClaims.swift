import Contracts
import Foundation
import JWTKit

/// The claims of a DevMentor access token. Signature, issuer, audience and time checks happen in
/// `AccessTokenVerifier`, which reports a reason for each failure; `verify(using:)` is left to it.
public struct AccessTokenClaims: JWTPayload, Equatable {
    public var sub: SubjectClaim
    public var sid: String
    public var jti: IDClaim
    public var roles: [String]
    public var iat: IssuedAtClaim
    public var nbf: NotBeforeClaim
    public var exp: ExpirationClaim
    public var iss: IssuerClaim
    public var aud: AudienceClaim

    public init(userId: UUID, sessionId: UUID, tokenId: UUID, roles: [String], issuedAt: Date, expiresAt: Date, issuer: String, audience: String) {
        // JWT times are whole seconds; rounding here keeps a decoded token equal to the one that was signed.
        let issued = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        let expires = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
        self.sub = SubjectClaim(value: userId.lowercasedString)
        self.sid = sessionId.lowercasedString
        self.jti = IDClaim(value: tokenId.lowercasedString)
        self.roles = roles
        self.iat = IssuedAtClaim(value: issued)
        self.nbf = NotBeforeClaim(value: issued)
        self.exp = ExpirationClaim(value: expires)
        self.iss = IssuerClaim(value: issuer)
        self.aud = AudienceClaim(value: [audience])
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
