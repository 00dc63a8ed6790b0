import Foundation

/// `auth.user_registered` (subject: the user id).
public struct UserRegisteredData: Codable, Sendable, Equatable {
    public var userId: UUID
    public var displayName: String

    public init(userId: UUID, displayName: String) {
        self.userId = userId
        self.displayName = displayName
    }
}

/// `auth.session_revoked` (subject: the session id): every token of the session stopped working.
public struct SessionRevokedData: Codable, Sendable, Equatable {
    public var sessionId: UUID
    public var userId: UUID

    public init(sessionId: UUID, userId: UUID) {
        self.sessionId = sessionId
        self.userId = userId
    }
}

/// `auth.token_revoked` (subject: the token id, `jti`): the token stopped working; `expiresAt` is when it would have
/// expired anyway, so a consumer caching revocations knows when to forget it.
public struct TokenRevokedData: Codable, Sendable, Equatable {
    public var tokenId: String
    public var userId: UUID
    public var sessionId: UUID?
    public var expiresAt: Date

    public init(tokenId: String, userId: UUID, sessionId: UUID? = nil, expiresAt: Date) {
        self.tokenId = tokenId
        self.userId = userId
        self.sessionId = sessionId
        self.expiresAt = expiresAt
    }
}
