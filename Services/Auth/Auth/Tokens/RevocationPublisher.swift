import Foundation
import Logging
import Redis
import ServiceKit

/// Tells the rest of the fleet about revocations through Redis: a key per revoked token or session (with a TTL of
/// how long it could still be used) and a message on the revocation channel. Postgres already holds the
/// revocation when this runs, so a Redis failure is logged, not thrown: the auth service itself stays correct.
struct RevocationPublisher: Sendable {
    let redis: RedisClient
    let logger: Logger
    /// The longest an access token lives, plus the verifiers' clock-skew leeway.
    let accessTokenLifetime: TimeInterval

    func tokenRevoked(_ jti: UUID, expiresAt: Date, now: Date = Date()) async {
        await publish(key: RevocationKeys.token(jti), notice: RevocationNotice(kind: .token, id: jti, expiresAt: expiresAt), now: now)
    }

    func sessionRevoked(_ sessionId: UUID, now: Date = Date()) async {
        let until = now.addingTimeInterval(accessTokenLifetime)
        await publish(key: RevocationKeys.session(sessionId), notice: RevocationNotice(kind: .session, id: sessionId, expiresAt: until), now: now)
    }

    private func publish(key: String, notice: RevocationNotice, now: Date) async {
        let ttl = max(1, Int(notice.expiresAt.timeIntervalSince(now).rounded(.up)) + 5)
        do {
            let message = try SharedCoders.encoder.encode(notice)
            _ = try await redis.pipeline([
                ["SET", .string(key), "1", "EX", .int(ttl)],
                ["PUBLISH", .string(RevocationKeys.channel), .bytes(Array(message))],
            ])
        } catch {
            logger.warning("could not publish revocation to Redis", metadata: ["key": "\(key)", "error": "\(error)"])
        }
    }
}
