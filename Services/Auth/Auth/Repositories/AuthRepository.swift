import Foundation
import Logging
import PostgresNIO

/// Every query of the auth service, on schema `auth`. Each method is one transaction or one statement; rules that
/// must hold under concurrency (one use per refresh token, unique emails) are enforced by the database here.
struct AuthRepository: Sendable {
    let client: PostgresClient
    let logger: Logger
    static let schema = "auth"

    /// Inserts a user; false when the (normalised) email is taken.
    func insertUser(_ user: UserRecord, normalizedEmail: String) async throws -> Bool {
        let rows = try await client.query(
            """
            INSERT INTO auth.users (id, email, email_normalized, display_name, password_hash, created_at)
            VALUES (\(user.id), \(user.email), \(normalizedEmail), \(user.displayName), \(user.passwordHash), \(user.createdAt))
            ON CONFLICT (email_normalized) DO NOTHING
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows.decode(UUID.self) { return true }
        return false
    }

    func findUser(normalizedEmail: String) async throws -> UserRecord? {
        try await firstUser(
            client.query(
                "SELECT id, email, display_name, password_hash, created_at FROM auth.users WHERE email_normalized = \(normalizedEmail)",
                logger: logger
            )
        )
    }

    func findUser(id: UUID) async throws -> UserRecord? {
        for try await row in try await client.execute(AuthStatements.UserByID(id: id), logger: logger) { return UserRecord(row: row) }
        return nil
    }

    private func firstUser(_ rows: PostgresRowSequence) async throws -> UserRecord? {
        for try await row in rows.decode(AuthStatements.UserByID.Row.self) { return UserRecord(row: row) }
        return nil
    }

    /// A new session, with its first refresh token when `refreshTokenHash` is given (login), in one transaction.
    func createSession(_ session: SessionRecord, refreshTokenHash: Data?) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO auth.sessions (id, user_id, created_at, expires_at)
                VALUES (\(session.id), \(session.userId), \(session.createdAt), \(session.expiresAt))
                """,
                logger: logger
            )
            if let refreshTokenHash {
                try await connection.query(
                    """
                    INSERT INTO auth.refresh_tokens (token_hash, session_id, issued_at, expires_at)
                    VALUES (\(refreshTokenHash), \(session.id), \(session.createdAt), \(session.expiresAt))
                    """,
                    logger: logger
                )
            }
        }
    }

    /// Spends the refresh token `hash` and records `newHash` in its place. The row lock makes two concurrent uses
    /// of one token meet in order: the first rotates, the second sees a spent token and revokes the session.
    func rotateRefreshToken(hash: Data, newHash: Data, now: Date) async throws -> RefreshOutcome {
        try await client.withTransaction(logger: logger) { connection -> RefreshOutcome in
            let rows = try await connection.query(
                """
                SELECT r.session_id, s.user_id, r.expires_at, r.spent_at, r.revoked_at, s.expires_at, s.revoked_at
                FROM auth.refresh_tokens r JOIN auth.sessions s ON s.id = r.session_id
                WHERE r.token_hash = \(hash)
                FOR UPDATE OF r, s
                """,
                logger: logger
            )
            var found: (UUID, UUID, Date, Date?, Date?, Date, Date?)?
            for try await row in rows.decode((UUID, UUID, Date, Date?, Date?, Date, Date?).self) { found = row }
            guard let (sessionId, userId, tokenExpires, spentAt, tokenRevokedAt, sessionExpires, sessionRevokedAt) = found else {
                return .unknown
            }
            if sessionRevokedAt != nil || tokenRevokedAt != nil { return .revoked }
            if spentAt != nil {
                try await connection.query(
                    "UPDATE auth.sessions SET revoked_at = \(now), revoked_reason = 'refresh_token_reuse' WHERE id = \(sessionId)",
                    logger: logger
                )
                return .reused(userId: userId, sessionId: sessionId)
            }
            if tokenExpires <= now || sessionExpires <= now { return .expired }
            try await connection.query("UPDATE auth.refresh_tokens SET spent_at = \(now) WHERE token_hash = \(hash)", logger: logger)
            try await connection.query(
                """
                INSERT INTO auth.refresh_tokens (token_hash, session_id, issued_at, expires_at)
                VALUES (\(newHash), \(sessionId), \(now), \(sessionExpires))
                """,
                logger: logger
            )
            return .rotated(userId: userId, sessionId: sessionId)
        }
    }

    /// Revokes one refresh token of `userId`. Presenting it later answers TOKEN_REVOKED without touching its session.
    func revokeRefreshToken(hash: Data, userId: UUID, now: Date) async throws -> RefreshRevocation {
        let rows = try await client.query(
            """
            SELECT s.user_id FROM auth.refresh_tokens r JOIN auth.sessions s ON s.id = r.session_id WHERE r.token_hash = \(hash)
            """,
            logger: logger
        )
        var owner: UUID?
        for try await id in rows.decode(UUID.self) { owner = id }
        guard let owner else { return .unknown }
        guard owner == userId else { return .notOwner }
        try await client.query(
            "UPDATE auth.refresh_tokens SET revoked_at = COALESCE(revoked_at, \(now)) WHERE token_hash = \(hash)",
            logger: logger
        )
        return .revoked
    }

    func findSession(id: UUID) async throws -> SessionRecord? {
        let rows = try await client.query(
            "SELECT id, user_id, created_at, expires_at, revoked_at FROM auth.sessions WHERE id = \(id)",
            logger: logger
        )
        for try await (id, userId, created, expires, revoked) in rows.decode((UUID, UUID, Date, Date, Date?).self) {
            return SessionRecord(id: id, userId: userId, createdAt: created, expiresAt: expires, revokedAt: revoked)
        }
        return nil
    }

    func revokeSession(id: UUID, reason: String, now: Date) async throws {
        try await client.query(
            "UPDATE auth.sessions SET revoked_at = COALESCE(revoked_at, \(now)), revoked_reason = COALESCE(revoked_reason, \(reason)) WHERE id = \(id)",
            logger: logger
        )
    }

    func revokeAccessToken(jti: UUID, userId: UUID, expiresAt: Date) async throws {
        try await client.query(
            """
            INSERT INTO auth.revoked_tokens (jti, user_id, expires_at) VALUES (\(jti), \(userId), \(expiresAt))
            ON CONFLICT (jti) DO NOTHING
            """,
            logger: logger
        )
    }

    /// True when the access token `jti` of session `sessionId` may no longer be used: the token was revoked, or its
    /// session was terminated, expired or never existed.
    /// Whether the access token (`jti`, of `sessionId`) may no longer be used, and the user it names (nil when
    /// there is no such user), in one statement.
    func accessCheck(jti: UUID, sessionId: UUID, userId: UUID, now: Date) async throws -> (revoked: Bool, user: UserRecord?) {
        let rows = try await client.execute(AuthStatements.AccessCheck(jti: jti, sessionID: sessionId, now: now, userID: userId), logger: logger)
        for try await row in rows {
            var user: UserRecord?
            if let id = row.2, let email = row.3, let displayName = row.4, let passwordHash = row.5, let createdAt = row.6 {
                user = UserRecord(id: id, email: email, displayName: displayName, passwordHash: passwordHash, createdAt: createdAt)
            }
            return (row.0 || row.1, user)
        }
        return (true, nil)
    }

    /// Forgets revoked access-token ids whose tokens have expired anyway.
    func purgeExpiredRevocations(now: Date) async throws {
        try await client.query("DELETE FROM auth.revoked_tokens WHERE expires_at < \(now)", logger: logger)
    }
}
