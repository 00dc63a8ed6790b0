import Foundation
import Logging
import ServiceKit

/// Where the tests' real Redis and Postgres are. `make test` starts both and exports the URLs; the defaults are
/// the ports `make test` uses, so `swift test` also works after `make infra-test`.
public enum TestEnvironment {
    public static let environment = ProcessInfo.processInfo.environment

    public static var redisURL: String { environment["REDIS_URL"] ?? "redis://127.0.0.1:6391" }
    public static var databaseURL: URL { URL(string: environment["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5440/devmentor_test")! }
    public static var redisServerBinary: String { environment["REDIS_SERVER_BIN"] ?? "/usr/bin/redis-server" }
    /// Where the built executables are (`make test` exports it; `swift test` builds them into .build/debug).
    public static var binaryDirectory: String {
        environment["DEVMENTOR_BIN_DIR"] ?? FileManager.default.currentDirectoryPath + "/.build/debug"
    }

    /// Settings for an in-process service on a free port, talking to the test Redis and Postgres.
    public static func serviceSettings(name: String) -> ServiceSettings {
        ServiceSettings(name: name, host: "127.0.0.1", port: 0, logLevel: logLevel, redisURL: redisURL, databaseURL: databaseURL)
    }

    public static var logLevel: Logger.Level {
        environment["TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
    }

    public static func logger(_ label: String) -> Logger {
        Observability.setUp(service: label, level: logLevel)
    }

    /// A new empty folder under the system's temporary directory.
    public static func temporaryDirectory(_ prefix: String = "devmentor") throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An email no other test uses.
    public static func uniqueEmail(_ tag: String = "user") -> String {
        "\(tag)-\(UUID().uuidString.prefix(12).lowercased())@example.test"
    }
}
