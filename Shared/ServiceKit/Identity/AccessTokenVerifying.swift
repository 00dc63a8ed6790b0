/// Something that turns a bearer token into a verified identity or refuses it (`TokenRejection`, or an AppError when
/// it cannot judge right now). The JWKS provider does it for services and the gateway; auth does it with its own
/// keys and its revocation records.
public protocol AccessTokenVerifying: Sendable {
    func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken
}

extension JWKSKeyProvider: AccessTokenVerifying {
    public func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        try await verify(token)
    }
}
