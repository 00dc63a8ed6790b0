import Foundation
import JWTKit

/// Verifies DevMentor access tokens against a key set: the auth service uses its own keys, the gateway the JWKS.
/// Only EdDSA tokens with a `kid` of the set are accepted — `alg: none`, HMAC tokens keyed with a public key and
/// any other algorithm are refused before a signature is looked at.
public struct AccessTokenVerifier: Sendable {
    public let keys: JWTKeyCollection
    /// The key ids of `keys`. Checked first: jwt-kit falls back to its default key for an unknown `kid`, and a
    /// token naming a key we do not have must read as `unknown_key` (the gateway refetches the JWKS on it).
    public let keyIds: Set<String>
    public let issuer: String
    public let audience: String
    /// Allowed clock skew between the issuer and this process.
    public let leeway: TimeInterval

    public static let algorithm = "EdDSA"

    public init(keys: JWTKeyCollection, keyIds: Set<String>, issuer: String, audience: String, leeway: TimeInterval = 5) {
        self.keys = keys
        self.keyIds = keyIds
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
    }

    public func verify(_ token: String, now: Date = Date()) async throws(TokenRejection) -> VerifiedAccessToken {
        let header = try Self.header(of: token)
        guard header.alg == Self.algorithm else { throw TokenRejection(.unsupportedAlgorithm) }
        guard let kid = header.kid, keyIds.contains(kid) else { throw TokenRejection(.unknownKey) }

        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError {
            throw TokenRejection(Self.reason(for: error))
        } catch {
            throw TokenRejection(.malformed)
        }

        guard claims.iss.value == issuer else { throw TokenRejection(.wrongIssuer) }
        guard claims.aud.value.contains(audience) else { throw TokenRejection(.wrongAudience) }
        guard claims.exp.value.timeIntervalSince(now) > -leeway else { throw TokenRejection(.expired) }
        guard claims.nbf.value.timeIntervalSince(now) <= leeway else { throw TokenRejection(.notYetValid) }
        guard let userId = UUID(uuidString: claims.sub.value), let sessionId = UUID(uuidString: claims.sid),
              let tokenId = UUID(uuidString: claims.jti.value)
        else { throw TokenRejection(.malformed) }
        return VerifiedAccessToken(userId: userId, sessionId: sessionId, tokenId: tokenId, roles: claims.roles, expiresAt: claims.exp.value)
    }

    struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    /// Reads the header without trusting it, to refuse unexpected algorithms up front.
    static func header(of token: String) throws(TokenRejection) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, token.utf8.count <= 8192 else {
            throw TokenRejection(.malformed)
        }
        guard let data = Base64URL.decode(String(parts[0])), let header = try? SharedCoders.decoder.decode(Header.self, from: data) else {
            throw TokenRejection(.malformed)
        }
        return header
    }

    static func reason(for error: JWTError) -> TokenRejection.Reason {
        if error.errorType == .signatureVerificationFailed { return .badSignature }
        if error.errorType == .unknownKID || error.errorType == .missingKIDHeader { return .unknownKey }
        return .malformed
    }
}

public enum Base64URL {
    public static func decode(_ string: String) -> Data? {
        var base64 = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    public static func encode(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
