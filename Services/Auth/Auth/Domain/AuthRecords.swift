import Contracts
import Foundation

/// A user row as the service needs it (the hash never leaves the service).
struct UserRecord: Sendable {
    var id: UUID
    var email: String
    var displayName: String
    var passwordHash: String
    var createdAt: Date

    func user(roles: [String]) -> User {
        User(id: id, email: email, displayName: displayName, roles: roles, createdAt: createdAt)
    }
}

struct SessionRecord: Sendable {
    var id: UUID
    var userId: UUID
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?

    var session: Session { Session(id: id, userId: userId, createdAt: createdAt, expiresAt: expiresAt) }

    func isValid(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }
}

/// What presenting a refresh token led to.
enum RefreshOutcome: Sendable {
    /// The token was live: it is now spent and `newHash` replaces it.
    case rotated(userId: UUID, sessionId: UUID)
    /// The token had been spent before: someone replayed it, so its whole session was revoked.
    case reused(userId: UUID, sessionId: UUID)
    case revoked
    case expired
    case unknown
}

enum RefreshRevocation: Sendable {
    case revoked
    case notOwner
    case unknown
}
