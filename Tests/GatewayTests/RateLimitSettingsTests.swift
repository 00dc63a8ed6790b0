import Coordination
import Gateway
import ServiceKit
import Testing

@Suite("Gateway: rate limit settings from the environment")
struct RateLimitSettingsTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let settings = try RateLimitSettings(environment: EnvironmentReader([:]))
        #expect(settings.perUser == RateLimitSettings.defaults.perUser)
        #expect(settings.credentials == RateLimitSettings.defaults.credentials)
        #expect(settings.maximumLease == 64)
    }

    @Test func valuesAreParsed() throws {
        let settings = try RateLimitSettings(environment: EnvironmentReader([
            "RATE_LIMIT_USER": "100/10/30", "RATE_LIMIT_IP": "50/60", "RATE_LIMIT_LEASE_MAX": "1",
        ]))
        #expect(settings.perUser == RateLimitPolicy(rate: 100, period: .seconds(10), burst: 30))
        #expect(settings.perIP == RateLimitPolicy(rate: 50, period: .seconds(60), burst: 50))
        #expect(settings.maximumLease == 1)
    }

    @Test(arguments: [
        ("RATE_LIMIT_USER", "fast"), ("RATE_LIMIT_USER", "0/60"), ("RATE_LIMIT_IP", "10/0/5"), ("RATE_LIMIT_CREDENTIALS", "1/2/3/4"),
        ("RATE_LIMIT_USER", "2000000/1"), ("RATE_LIMIT_LEASE_MAX", "0"), ("RATE_LIMIT_LEASE_MAX", "many"),
    ])
    func badValuesNameTheVariable(variable: String, value: String) {
        #expect {
            _ = try RateLimitSettings(environment: EnvironmentReader([variable: value]))
        } throws: { error in
            (error as? ConfigError)?.variable == variable
        }
    }
}
