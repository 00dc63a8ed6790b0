import Foundation

public enum PasswordPolicy {
    /// bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused.
    public static let maxBytes = 72
    public static let minLength = 8
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
        try Check.email(email)
        guard password.count >= PasswordPolicy.minLength else {
            throw AppError.validation("password", "password must be at least \(PasswordPolicy.minLength) characters long.")
        }
        guard password.utf8.count <= PasswordPolicy.maxBytes else {
            throw AppError.validation("password", "password must be at most \(PasswordPolicy.maxBytes) bytes long.")
        }
        try Check.trimmedLength(displayName, "displayName", 1...100)
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
        try Check.length(email, "email", 1...254)
        try Check.length(password, "password", 1...1024)
    }
}

public struct RefreshRequest: Codable, Sendable, Equatable, Validatable {
    public var refreshToken: String

    public init(refreshToken: String) { self.refreshToken = refreshToken }

    public func validate() throws(AppError) {
        try Check.length(refreshToken, "refreshToken", 1...512)
    }
}

/// The body of `/validate` and `/revoke`.
public struct TokenRequest: Codable, Sendable, Equatable, Validatable {
    public var token: String

    public init(token: String) { self.token = token }

    public func validate() throws(AppError) {
        try Check.length(token, "token", 1...8192)
    }
}
