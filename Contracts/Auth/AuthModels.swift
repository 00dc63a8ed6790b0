import Foundation

public struct User: Codable, Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var displayName: String
    public var roles: [String]
    public var createdAt: Date

    public init(id: UUID, email: String, displayName: String, roles: [String], createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.roles = roles
        self.createdAt = createdAt
    }
}

/// `201 {"user": User}` from `/register`.
public struct RegisterResponse: Codable, Sendable, Equatable {
    public var user: User
    public init(user: User) { self.user = user }
}

public struct AuthToken: Codable, Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    public var tokenType: String
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var sessionId: UUID

    public init(accessToken: String, refreshToken: String, tokenType: String = "Bearer", expiresIn: Int, sessionId: UUID) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.sessionId = sessionId
    }
}

public struct TokenValidation: Codable, Sendable, Equatable {
    public var valid: Bool
    public var userId: UUID?
    public var sessionId: UUID?
    public var expiresAt: Date?
    /// Why a token is not valid: `expired`, `revoked`, `malformed`, `bad_signature`, `unknown_key`, `wrong_issuer`, …
    public var reason: String?
    /// The roles the token grants (an addition to docs/api.md's fields, so callers need no second request).
    public var roles: [String]?

    public init(valid: Bool, userId: UUID? = nil, sessionId: UUID? = nil, expiresAt: Date? = nil, reason: String? = nil, roles: [String]? = nil) {
        self.valid = valid
        self.userId = userId
        self.sessionId = sessionId
        self.expiresAt = expiresAt
        self.reason = reason
        self.roles = roles
    }

    public static func invalid(_ reason: String) -> TokenValidation { TokenValidation(valid: false, reason: reason) }
}

public struct Session: Codable, Sendable, Equatable {
    public var id: UUID
    public var userId: UUID
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: UUID, userId: UUID, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.userId = userId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// `GET /sessions/{id}` → `{"valid": bool}`.
public struct SessionValidity: Codable, Sendable, Equatable {
    public var valid: Bool
    public init(valid: Bool) { self.valid = valid }
}

/// A JSON Web Key Set as served at `/.well-known/jwks.json`.
public struct JWKSet: Codable, Sendable, Equatable {
    public struct Key: Codable, Sendable, Equatable {
        public var kty: String
        public var crv: String
        public var x: String
        public var kid: String
        public var alg: String
        public var use: String

        public init(kty: String = "OKP", crv: String = "Ed25519", x: String, kid: String, alg: String = "EdDSA", use: String = "sig") {
            self.kty = kty
            self.crv = crv
            self.x = x
            self.kid = kid
            self.alg = alg
            self.use = use
        }
    }

    public var keys: [Key]
    public init(keys: [Key]) { self.keys = keys }
}
