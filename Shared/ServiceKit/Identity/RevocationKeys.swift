import Contracts
import Foundation

/// Where the auth service announces revocations, and where the gateway (and anyone else) looks them up.
/// Postgres (schema `auth`) is the source of truth; these Redis keys are the fast, shared copy.
public enum RevocationKeys {
    /// Set with a TTL equal to the token's remaining life: `auth:revoked:jti:<jti>`.
    public static func token(_ jti: UUID) -> String { "auth:revoked:jti:\(jti.lowercasedString)" }
    /// Set with a TTL of the longest access-token life: `auth:revoked:session:<sid>`.
    public static func session(_ sessionId: UUID) -> String { "auth:revoked:session:\(sessionId.lowercasedString)" }
    /// Pub/sub channel carrying a `RevocationNotice` for every revocation.
    public static let channel = "auth:revocations"
    /// SCAN pattern matching every revocation key.
    public static let pattern = "auth:revoked:*"

    /// The notice a revocation key stands for, given its remaining time to live.
    public static func notice(forKey key: String, remaining: TimeInterval, now: Date = Date()) -> RevocationNotice? {
        let parts = key.split(separator: ":")
        guard parts.count == 4, parts[0] == "auth", parts[1] == "revoked", let id = UUID(uuidString: String(parts[3])) else { return nil }
        let until = now.addingTimeInterval(remaining)
        switch parts[2] {
        case "jti": return RevocationNotice(kind: .token, id: id, expiresAt: until)
        case "session": return RevocationNotice(kind: .session, id: id, expiresAt: until)
        default: return nil
        }
    }
}

/// The message published on `RevocationKeys.channel`.
public struct RevocationNotice: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case token, session }
    public var kind: Kind
    public var id: UUID
    /// After this instant the revoked thing cannot be used anyway (its tokens have expired).
    public var expiresAt: Date

    public init(kind: Kind, id: UUID, expiresAt: Date) {
        self.kind = kind
        self.id = id
        self.expiresAt = expiresAt
    }
}
