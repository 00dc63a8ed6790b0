import Foundation

/// Who is calling. In process it is the identity a verified token gave; over HTTP the client sends `bearerToken`
/// and the server derives the identity from it again (a client can never claim an id it has no token for).
public struct Caller: Sendable, Equatable {
    public var userId: UUID
    public var roles: [String]
    public var sessionId: UUID?
    public var bearerToken: String?

    public init(userId: UUID, roles: [String] = [], sessionId: UUID? = nil, bearerToken: String? = nil) {
        self.userId = userId
        self.roles = roles
        self.sessionId = sessionId
        self.bearerToken = bearerToken
    }

    public var isAdmin: Bool { roles.contains(Role.admin) }
}

public enum Role {
    public static let user = "user"
    public static let admin = "admin"
}
