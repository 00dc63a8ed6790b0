import Contracts
import Foundation

/// What a valid access token says about its bearer.
public struct VerifiedAccessToken: Sendable, Equatable {
    public var userId: UUID
    public var sessionId: UUID
    public var tokenId: UUID
    public var roles: [String]
    public var expiresAt: Date

    public func caller(bearerToken: String?) -> Caller {
        Caller(userId: userId, roles: roles, sessionId: sessionId, bearerToken: bearerToken)
    }
}

/// Why a token was refused; `reason` is what `/validate` reports, `appError` what a route answers.
public struct TokenRejection: Error, Sendable, Equatable {
    public enum Reason: String, Sendable {
        case malformed, unsupportedAlgorithm = "unsupported_algorithm", unknownKey = "unknown_key"
        case badSignature = "bad_signature", wrongIssuer = "wrong_issuer", wrongAudience = "wrong_audience"
        case expired, notYetValid = "not_yet_valid", revoked
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var appError: AppError {
        switch reason {
        case .expired: AppError(.tokenExpired, "The access token has expired; refresh it.")
        case .revoked: AppError(.tokenRevoked, "The token has been revoked.")
        default: AppError(.unauthorized, "The bearer token is not valid (\(reason.rawValue)).")
        }
    }
}
