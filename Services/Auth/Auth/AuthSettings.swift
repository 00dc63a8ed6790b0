import Contracts
import Foundation
import ServiceKit

/// The auth service's configuration, read once at start.
public struct AuthSettings: Sendable {
    public var service: ServiceSettings
    /// Folder of signing keys (`<kid>.key`, base64url Ed25519 seeds); created with a first key when empty.
    public var keyDirectory: String
    /// When set, this key signs and the keys in `keyDirectory` only verify (they stay in the JWKS).
    public var privateKeyFile: String?
    /// A key older than this is replaced by a new one at start; the old one keeps verifying.
    public var keyRotationDays: Int
    /// The issuer and audience tokens are signed with (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var tokens: TokenSettings
    public var accessTokenTTL: Int
    public var refreshTokenTTL: Int
    public var bcryptCost: Int
    /// Lower-cased emails that get the `admin` role at login.
    public var adminEmails: Set<String>

    public static let defaultPort = ServiceName.auth.defaultPort

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "auth", defaultPort: Self.defaultPort, environment: env)
        keyDirectory = env.string("JWT_KEY_DIR", default: ".run/keys")
        privateKeyFile = env.string("JWT_PRIVATE_KEY_FILE")
        keyRotationDays = try env.int("JWT_KEY_ROTATION_DAYS", default: 30, range: 1...3650)
        tokens = TokenSettings(environment: env)
        accessTokenTTL = try env.int("JWT_ACCESS_TTL_SECONDS", default: 900, range: 30...86_400)
        refreshTokenTTL = try env.int("JWT_REFRESH_TTL_SECONDS", default: 30 * 86_400, range: 300...(365 * 86_400))
        bcryptCost = try env.int("BCRYPT_COST", default: 12, range: 4...16)
        adminEmails = Set(env.list("DEVMENTOR_ADMIN_EMAILS").map { $0.lowercased() })
    }

    public init(
        service: ServiceSettings, keyDirectory: String, privateKeyFile: String? = nil, keyRotationDays: Int = 30,
        tokens: TokenSettings = .defaults, accessTokenTTL: Int = 900,
        refreshTokenTTL: Int = 30 * 86_400, bcryptCost: Int = 12, adminEmails: Set<String> = []
    ) {
        self.service = service
        self.keyDirectory = keyDirectory
        self.privateKeyFile = privateKeyFile
        self.keyRotationDays = keyRotationDays
        self.tokens = tokens
        self.accessTokenTTL = accessTokenTTL
        self.refreshTokenTTL = refreshTokenTTL
        self.bcryptCost = bcryptCost
        self.adminEmails = adminEmails
    }
}
