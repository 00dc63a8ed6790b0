import Contracts
import Foundation
import Logging
import PostgresNIO
import Redis
import ServiceKit

/// The auth service in process: the `AuthService` operations over Postgres (truth), the key ring (signing) and
/// Redis (announcing revocations). The HTTP routes and the contract tests both drive this type.
public struct AuthCore: AuthService, AccessTokenVerifying {
    let repository: AuthRepository
    let hasher: PasswordHasher
    let issuer: AccessTokenIssuer
    let revocations: RevocationPublisher
    let settings: AuthSettings
    public let keys: SigningKeyRing
    public let verifier: AccessTokenVerifier
    let verifiedTokens = VerifiedTokenCache()
    let logger: Logger

    public init(settings: AuthSettings, keys: SigningKeyRing, postgres: PostgresClient, redis: RedisClient, logger: Logger) {
        self.settings = settings
        self.keys = keys
        self.repository = AuthRepository(client: postgres, logger: logger)
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.issuer = AccessTokenIssuer(keys: keys, issuer: settings.tokens.issuer, audience: settings.tokens.audience, ttl: settings.accessTokenTTL)
        self.verifier = AccessTokenVerifier(keys: keys.collection, keyIds: Set(keys.all.map(\.kid)), issuer: settings.tokens.issuer, audience: settings.tokens.audience)
        self.revocations = RevocationPublisher(redis: redis, logger: logger, accessTokenLifetime: TimeInterval(settings.accessTokenTTL) + verifier.leeway)
        self.logger = logger
    }

    static func normalize(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    func roles(forEmail email: String) -> [String] {
        settings.adminEmails.contains(Self.normalize(email: email)) ? [Role.user, Role.admin] : [Role.user]
    }

    // MARK: AuthService

    public func register(_ request: RegisterRequest) async throws -> User {
        try request.validate()
        let email = request.email.trimmingCharacters(in: .whitespacesAndNewlines)
        let record = UserRecord(
            id: UUID.random(), email: email,
            displayName: request.displayName.trimmingCharacters(in: .whitespacesAndNewlines),
            passwordHash: try await hasher.hash(request.password),
            createdAt: Date.now.wholeSeconds
        )
        guard try await repository.insertUser(record, normalizedEmail: Self.normalize(email: email)) else {
            throw AppError(.emailTaken, "An account with this email already exists.", details: ["field": .string("email")])
        }
        logger.info("user registered", metadata: ["user_id": "\(record.id)"])
        return record.user(roles: roles(forEmail: email))
    }

    public func authenticate(_ request: LoginRequest) async throws -> AuthToken {
        try request.validate()
        let invalid = AppError(.invalidCredentials, "The email or password is not correct.")
        guard let user = try await repository.findUser(normalizedEmail: Self.normalize(email: request.email)) else {
            _ = try await hasher.verify(request.password, hash: hasher.decoyHash)
            throw invalid
        }
        guard try await hasher.verify(request.password, hash: user.passwordHash) else { throw invalid }

        let now = Date.now.wholeSeconds
        let session = SessionRecord(
            id: UUID.random(), userId: user.id, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(settings.refreshTokenTTL)), revokedAt: nil
        )
        let refreshToken = RefreshTokenCodec.generate()
        try await repository.createSession(session, refreshTokenHash: RefreshTokenCodec.hash(refreshToken))
        return try await token(userId: user.id, email: user.email, sessionId: session.id, refreshToken: refreshToken, now: now)
    }

    public func refreshToken(_ request: RefreshRequest) async throws -> AuthToken {
        try request.validate()
        let now = Date.now.wholeSeconds
        let newRefreshToken = RefreshTokenCodec.generate()
        let outcome = try await repository.rotateRefreshToken(
            hash: RefreshTokenCodec.hash(request.refreshToken), newHash: RefreshTokenCodec.hash(newRefreshToken), now: now
        )
        switch outcome {
        case .rotated(let userId, let sessionId):
            guard let user = try await repository.findUser(id: userId) else { throw AppError.unauthorized }
            return try await token(userId: userId, email: user.email, sessionId: sessionId, refreshToken: newRefreshToken, now: now)
        case .reused(let userId, let sessionId):
            logger.warning("refresh token reused; session revoked", metadata: ["user_id": "\(userId)", "session_id": "\(sessionId)"])
            await revocations.sessionRevoked(sessionId)
            throw AppError(.tokenRevoked, "This refresh token was already used; its session has been revoked. Log in again.")
        case .revoked:
            throw AppError(.tokenRevoked, "This refresh token has been revoked. Log in again.")
        case .expired:
            throw AppError(.tokenExpired, "This refresh token has expired. Log in again.")
        case .unknown:
            throw AppError(.unauthorized, "The refresh token is not valid.")
        }
    }

    public func validateToken(_ token: String) async throws -> TokenValidation {
        do {
            let verified = try await verifyAccessToken(token)
            return TokenValidation(valid: true, userId: verified.userId, sessionId: verified.sessionId, expiresAt: verified.expiresAt, roles: verified.roles)
        } catch let rejection as TokenRejection {
            return .invalid(rejection.reason.rawValue)
        }
    }

    public func revokeToken(_ token: String, caller: Caller) async throws {
        try TokenRequest(token: token).validate()
        let now = Date.now
        if RefreshTokenCodec.looksLikeJWT(token) {
            // Per RFC 7009 a token that is not ours, or no longer valid, needs no revoking: that is not an error.
            let verified: VerifiedAccessToken
            do {
                verified = try await verifier.verify(token, now: now)
            } catch {
                return
            }
            guard verified.userId == caller.userId || caller.isAdmin else { throw AppError.forbidden }
            try await repository.revokeAccessToken(jti: verified.tokenId, userId: verified.userId, expiresAt: verified.expiresAt)
            await revocations.tokenRevoked(verified.tokenId, expiresAt: verified.expiresAt, now: now)
        } else {
            switch try await repository.revokeRefreshToken(hash: RefreshTokenCodec.hash(token), userId: caller.userId, now: now) {
            case .revoked, .unknown: return
            case .notOwner: throw AppError.forbidden
            }
        }
    }

    public func currentUser(_ caller: Caller) async throws -> User {
        var user = Self.callerRecord.flatMap { $0.id == caller.userId ? $0 : nil }
        if user == nil { user = try await repository.findUser(id: caller.userId) }
        guard let user else { throw AppError.notFound("The user") }
        return user.user(roles: roles(forEmail: user.email))
    }

    /// Another user's id and display name, for any signed-in caller (a lock's holder, a collaborator).
    public func userProfile(_ id: UUID) async throws -> UserProfile {
        guard let user = try await repository.findUser(id: id) else { throw AppError.notFound("The user") }
        return UserProfile(id: user.id, displayName: user.displayName)
    }

    /// The profile of the user registered with `email` (adding a collaborator by email); 404 when there is none.
    public func findUser(email: String) async throws -> UserProfile {
        try email.check(as: AuthRules.email, "email")
        guard let user = try await repository.findUser(normalizedEmail: Self.normalize(email: email)) else { throw AppError.notFound("A user with that email") }
        return UserProfile(id: user.id, displayName: user.displayName)
    }

    public func createSession(_ caller: Caller) async throws -> Session {
        let now = Date.now.wholeSeconds
        let session = SessionRecord(
            id: UUID.random(), userId: caller.userId, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(settings.refreshTokenTTL)), revokedAt: nil
        )
        try await repository.createSession(session, refreshTokenHash: nil)
        return session.session
    }

    public func validateSession(_ id: UUID, caller: Caller) async throws -> Bool {
        try await ownedSession(id, caller: caller).isValid(at: Date.now)
    }

    public func terminateSession(_ id: UUID, caller: Caller) async throws {
        let session = try await ownedSession(id, caller: caller)
        guard session.revokedAt == nil else { return }
        try await repository.revokeSession(id: session.id, reason: "terminated", now: Date.now)
        await revocations.sessionRevoked(session.id)
    }

    // MARK: Helpers shared with the routes

    /// Signature, claims, then revocation (Postgres is the truth; the Redis copy is for the gateway).
    public func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        try await checkedAccess(token).verified
    }

    /// The request's code runs with the caller's user row at hand (`callerRecord`), read by the revocation check's
    /// own statement: `GET /me` answers from it instead of asking Postgres a second time.
    public func withVerifiedAccess<R>(_ token: String, _ body: (VerifiedAccessToken) async throws -> R) async throws -> R {
        let (verified, user) = try await checkedAccess(token)
        return try await Self.$callerRecord.withValue(user) { try await body(verified) }
    }

    /// The caller's user row as the access check of this request read it; nil outside a verified request (or when
    /// the user no longer exists).
    @TaskLocal static var callerRecord: UserRecord?

    private func checkedAccess(_ token: String) async throws -> (verified: VerifiedAccessToken, user: UserRecord?) {
        // A client sends the same token for its whole life: its signature is checked once (the keys never change
        // while the process runs); revocation is asked every time.
        let verifier = self.verifier
        let verified = try await verifiedTokens.verified(token, leeway: verifier.leeway) { try await verifier.verify(token) }
        let check = try await repository.accessCheck(jti: verified.tokenId, sessionId: verified.sessionId, userId: verified.userId, now: Date.now)
        if check.revoked { throw TokenRejection(.revoked) }
        return (verified, check.user)
    }

    /// Another user's session answers 404, exactly like a session that does not exist.
    private func ownedSession(_ id: UUID, caller: Caller) async throws -> SessionRecord {
        guard let session = try await repository.findSession(id: id), session.userId == caller.userId || caller.isAdmin else {
            throw AppError.notFound("The session")
        }
        return session
    }

    private func token(userId: UUID, email: String, sessionId: UUID, refreshToken: String, now: Date) async throws -> AuthToken {
        let access = try await issuer.issue(userId: userId, sessionId: sessionId, roles: roles(forEmail: email), now: now)
        return AuthToken(accessToken: access.token, refreshToken: refreshToken, expiresIn: settings.accessTokenTTL, sessionId: sessionId)
    }
}

extension Date {
    /// Timestamps are served without fractions (docs/api.md), so they are stored without them too.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
