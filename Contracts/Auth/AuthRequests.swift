import Foundation

public enum PasswordPolicy {
    /// bcrypt reads at most 72 bytes. Passwords longer than that are hashed with SHA-256 first (auth's
    /// `PasswordHasher`), so every character counts and the limit is in characters, as the schema states it.
    public static let bcryptBytes = 72
    public static let minLength = 8
    public static let maxLength = 1024
}

/// The auth service's text fields.
public enum AuthRules {
    public static let email = TextRule(length: 3...254)
    public static let displayName = TextRule(length: 1...100, requiresContent: true)
    /// Passwords may hold any character but control characters.
    public static let password = TextRule(length: PasswordPolicy.minLength...PasswordPolicy.maxLength)
    /// Login takes what register took, and more: an old password is not refused for a later, stricter rule.
    public static let loginPassword = TextRule(length: 1...PasswordPolicy.maxLength)
    public static let refreshToken = TextRule(length: 1...512)
    public static let token = TextRule(length: 1...8192)
}

public struct RegisterRequest: Codable, Sendable, Equatable, Validatable {
    public var email: String
    public var password: String
    public var displayName: String

    public init(email: String, password: String, displayName: String) {
        self.email = email
        self.password = password
        self.displayName = displayName
    }

    public func validate() throws(AppError) {
        try email.check(as: AuthRules.email, "email")
        try Check.email(email)
        try password.check(as: AuthRules.password, "password")
        try displayName.check(as: AuthRules.displayName, "displayName")
    }
}

public struct LoginRequest: Codable, Sendable, Equatable, Validatable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }

    public func validate() throws(AppError) {
        try email.check(as: AuthRules.email, "email")
        try password.check(as: AuthRules.loginPassword, "password")
    }
}

public struct RefreshRequest: Codable, Sendable, Equatable, Validatable {
    public var refreshToken: String

    public init(refreshToken: String) { self.refreshToken = refreshToken }

    public func validate() throws(AppError) {
        try refreshToken.check(as: AuthRules.refreshToken, "refreshToken")
    }
}

/// The body of `/validate` and `/revoke`.
public struct TokenRequest: Codable, Sendable, Equatable, Validatable {
    public var token: String

    public init(token: String) { self.token = token }

    public func validate() throws(AppError) {
        try token.check(as: AuthRules.token, "token")
    }
}
