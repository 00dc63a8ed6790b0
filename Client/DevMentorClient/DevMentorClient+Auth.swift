import Contracts
import Foundation

/// The auth service's routes under `/api/v1/auth` (docs/api.md), plus the JWKS its tokens are verified with.
extension DevMentorClient: AuthService {
    private static let auth = "/api/v1/auth"

    public func register(_ request: RegisterRequest) async throws -> User {
        let response: RegisterResponse = try await transport.fetch(.POST, "\(Self.auth)/register", body: request)
        return response.user
    }

    public func authenticate(_ request: LoginRequest) async throws -> AuthToken {
        try await transport.fetch(.POST, "\(Self.auth)/login", body: request)
    }

    public func refreshToken(_ request: RefreshRequest) async throws -> AuthToken {
        try await transport.fetch(.POST, "\(Self.auth)/refresh", body: request)
    }

    public func validateToken(_ token: String) async throws -> TokenValidation {
        try await transport.fetch(.POST, "\(Self.auth)/validate", body: TokenRequest(token: token))
    }

    public func revokeToken(_ token: String, caller: Caller) async throws {
        try await transport.send(.POST, "\(Self.auth)/revoke", caller: caller, body: TokenRequest(token: token))
    }

    public func currentUser(_ caller: Caller) async throws -> User {
        try await transport.fetch(.GET, "\(Self.auth)/me", caller: caller)
    }

    public func createSession(_ caller: Caller) async throws -> Session {
        try await transport.fetch(.POST, "\(Self.auth)/sessions", caller: caller)
    }

    public func validateSession(_ id: UUID, caller: Caller) async throws -> Bool {
        let validity: SessionValidity = try await transport.fetch(.GET, "\(Self.auth)/sessions/\(id.lowercasedString)", caller: caller)
        return validity.valid
    }

    public func terminateSession(_ id: UUID, caller: Caller) async throws {
        try await transport.send(.DELETE, "\(Self.auth)/sessions/\(id.lowercasedString)", caller: caller)
    }

    /// `GET /.well-known/jwks.json` — the public keys access tokens are signed with, several during a rotation.
    public func jwks() async throws -> JWKSet {
        try await transport.fetch(.GET, "/.well-known/jwks.json")
    }
}
