/// Something that turns a bearer token into a verified identity or refuses it (`TokenRejection`, or an AppError when
/// it cannot judge right now). The JWKS provider does it for services and the gateway; auth does it with its own
/// keys and its revocation records.
public protocol AccessTokenVerifying: Sendable {
    func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken
    /// Verifies, then runs the rest of the request with the identity. A verifier that reads more than the identity
    /// while verifying (auth: the caller's user row, in the revocation check's statement) can hand that on to the
    /// request's code here (a task-local value); the default just verifies.
    func withVerifiedAccess<R>(_ token: String, _ body: (VerifiedAccessToken) async throws -> R) async throws -> R
}

extension AccessTokenVerifying {
    public func withVerifiedAccess<R>(_ token: String, _ body: (VerifiedAccessToken) async throws -> R) async throws -> R {
        try await body(try await verifyAccessToken(token))
    }
}

extension JWKSKeyProvider: AccessTokenVerifying {
    public func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        try await verify(token)
    }
}
