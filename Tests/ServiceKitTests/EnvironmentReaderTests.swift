import Foundation
import ServiceKit
import Testing

@Suite("Configuration from the environment")
struct EnvironmentReaderTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let settings = try ServiceSettings(name: "auth", defaultPort: 8081, environment: EnvironmentReader([:]))
        #expect(settings.port == 8081)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.redisURL == ServiceSettings.defaultRedisURL)
        #expect(settings.databaseURL.absoluteString == ServiceSettings.defaultDatabaseURL)
        #expect(settings.logLevel == .info)
    }

    @Test func valuesAreRead() throws {
        let env = EnvironmentReader(["PORT": "9000", "HOST": "0.0.0.0", "LOG_LEVEL": "DEBUG", "REDIS_URL": "redis://r:1", "DATABASE_URL": "postgres://u:p@db:5/x"])
        let settings = try ServiceSettings(name: "auth", defaultPort: 8081, environment: env)
        #expect(settings.port == 9000)
        #expect(settings.host == "0.0.0.0")
        #expect(settings.logLevel == .debug)
        #expect(settings.redisURL == "redis://r:1")
        #expect(settings.databaseURL.user == "u")
    }

    @Test(arguments: [
        ("PORT", "eighty", "PORT must be a whole number from 0 to 65535 (got 'eighty')."),
        ("PORT", "70000", "PORT must be a whole number from 0 to 65535 (got '70000')."),
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of"),
        ("REDIS_URL", "http://x:1", "REDIS_URL must be a URL with scheme redis"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL must be a URL with scheme postgres or postgresql"),
    ])
    func badValuesNameTheVariable(variable: String, value: String, message: String) {
        do {
            _ = try ServiceSettings(name: "auth", defaultPort: 8081, environment: EnvironmentReader([variable: value]))
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.variable == variable)
            #expect("\(error.variable) \(error.problem)".hasPrefix(message))
        }
    }

    @Test func listsAndBooleans() throws {
        let env = EnvironmentReader(["ADMINS": " a@x.io, ,b@y.io ", "FLAG": "yes", "BAD": "maybe"])
        #expect(env.list("ADMINS") == ["a@x.io", "b@y.io"])
        #expect(try env.bool("FLAG", default: false))
        #expect(throws: ConfigError.self) { try env.bool("BAD", default: false) }
    }
}
