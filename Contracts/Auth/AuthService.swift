import Foundation

/// The auth service's operations. Implemented in process by `Auth.AuthCore` and over HTTP by `DevMentorClient`;
/// the contract suite runs against both. Operations on an account take the `Caller` a verified token gave.
public protocol AuthService: Sendable {
    /// `POST /register` — creates a user; 409 `EMAIL_TAKEN` when the email (case-insensitive) is in use.
    func register(_ request: RegisterRequest) async throws -> User
    /// `POST /login` — 401 `INVALID_CREDENTIALS` alike for an unknown email and a wrong password.
    func authenticate(_ request: LoginRequest) async throws -> AuthToken
    /// `POST /refresh` — rotates the refresh token; presenting a spent one revokes its whole session.
    func refreshToken(_ request: RefreshRequest) async throws -> AuthToken
    /// `POST /validate` — never throws for a bad token: the answer says `valid: false` and why.
    func validateToken(_ token: String) async throws -> TokenValidation
    /// `POST /revoke` — the access or refresh token stops working everywhere.
    func revokeToken(_ token: String, caller: Caller) async throws
    /// `GET /me`.
    func currentUser(_ caller: Caller) async throws -> User
    /// `POST /sessions`.
    func createSession(_ caller: Caller) async throws -> Session
    /// `GET /sessions/{id}` — false for a terminated, expired or unknown session; 404 for another user's.
    func validateSession(_ id: UUID, caller: Caller) async throws -> Bool
    /// `DELETE /sessions/{id}` — every token of that session stops working.
    func terminateSession(_ id: UUID, caller: Caller) async throws
}
