import Coordination
import ServiceKit

/// The gateway's limits, per subject: authenticated callers by user id, public routes by client IP, and login and
/// registration by client IP with a stricter limit (credential stuffing and sign-up floods), and requests whose
/// authentication failed by client IP on a budget of their own (floods of forged or stale tokens).
public struct RateLimitSettings: Sendable {
    public var perUser: RateLimitPolicy
    public var perIP: RateLimitPolicy
    public var credentials: RateLimitPolicy
    /// Failed authentications (401s) per client IP, whatever the route. A client with a stale token needs a few;
    /// a flood of forged tokens is refused with 429 before each one costs a signature check.
    public var failedAuthentication: RateLimitPolicy
    /// Prefix of the limiter's Redis keys; replicas that share it share their budgets.
    public var keyPrefix: String
    /// The most requests a busy subject is charged for in one Redis call (`LeasingRateLimiter`); 1 = a Redis call
    /// per request. Leases are also capped at a tenth of the policy's burst.
    public var maximumLease: Int

    public init(
        perUser: RateLimitPolicy, perIP: RateLimitPolicy, credentials: RateLimitPolicy,
        failedAuthentication: RateLimitPolicy = RateLimitSettings.defaultFailedAuthentication,
        keyPrefix: String = "ratelimit:", maximumLease: Int = 64
    ) {
        self.perUser = perUser
        self.perIP = perIP
        self.credentials = credentials
        self.failedAuthentication = failedAuthentication
        self.keyPrefix = keyPrefix
        self.maximumLease = maximumLease
    }

    public static let defaultFailedAuthentication = RateLimitPolicy(rate: 60, period: .seconds(60), burst: 30)

    public static let defaults = RateLimitSettings(
        perUser: RateLimitPolicy(rate: 1200, period: .seconds(60), burst: 200),
        perIP: RateLimitPolicy(rate: 600, period: .seconds(60), burst: 100),
        credentials: RateLimitPolicy(rate: 20, period: .seconds(60), burst: 10)
    )

    /// `RATE_LIMIT_USER`, `RATE_LIMIT_IP`, `RATE_LIMIT_CREDENTIALS`, `RATE_LIMIT_FAILED_AUTH`, each `<requests>/<seconds>[/<burst>]`, e.g. `1200/60/200`;
    /// `RATE_LIMIT_LEASE_MAX` (1…1000, default 64).
    public init(environment env: EnvironmentReader) throws(ConfigError) {
        perUser = try Self.policy(env, "RATE_LIMIT_USER", Self.defaults.perUser)
        perIP = try Self.policy(env, "RATE_LIMIT_IP", Self.defaults.perIP)
        credentials = try Self.policy(env, "RATE_LIMIT_CREDENTIALS", Self.defaults.credentials)
        failedAuthentication = try Self.policy(env, "RATE_LIMIT_FAILED_AUTH", Self.defaults.failedAuthentication)
        keyPrefix = "ratelimit:"
        maximumLease = try env.int("RATE_LIMIT_LEASE_MAX", default: 64, range: 1...1000)
    }

    static func policy(_ env: EnvironmentReader, _ name: String, _ fallback: RateLimitPolicy) throws(ConfigError) -> RateLimitPolicy {
        guard let raw = env.string(name) else { return fallback }
        let parts = raw.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (2...3).contains(parts.count), let rate = parts[0], let seconds = parts[1], rate > 0, rate <= 1_000_000,
              seconds > 0, seconds <= 86_400
        else {
            throw ConfigError(name, "must be <requests>/<seconds>[/<burst>] with positive numbers, e.g. 1200/60/200 (got '\(raw)').")
        }
        let burst = parts.count == 3 ? parts[2] : rate
        guard let burst, burst > 0, burst <= 1_000_000 else {
            throw ConfigError(name, "must have a positive burst (got '\(raw)').")
        }
        return RateLimitPolicy(rate: rate, period: .seconds(seconds), burst: burst)
    }
}
