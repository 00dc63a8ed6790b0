import Foundation

/// What access tokens must say, read once from `JWT_ISSUER` and `JWT_AUDIENCE`: auth signs with these and every
/// verifier (gateway, services) checks them, so all of them hold this one type.
public struct TokenSettings: Sendable, Equatable {
    public var issuer: String
    public var audience: String

    public static let defaults = TokenSettings(issuer: TokenDefaults.issuer, audience: TokenDefaults.audience)

    public init(issuer: String = TokenDefaults.issuer, audience: String = TokenDefaults.audience) {
        self.issuer = issuer
        self.audience = audience
    }

    public init(environment env: EnvironmentReader) {
        self.init(issuer: env.string("JWT_ISSUER", default: TokenDefaults.issuer), audience: env.string("JWT_AUDIENCE", default: TokenDefaults.audience))
    }
}
