import Contracts
import Foundation
import Logging
import Redis
import Synchronization
import TestSupport

/// Fixtures shared by the Coordination tests: a client on the test Redis and per-test key prefixes, so
/// suites can run in parallel with each other and with other test targets on the same server.
enum CoordinationTestSupport {
    static let logger = TestEnvironment.logger("coordination-tests")

    static func keyPrefix() -> String {
        "test:\(UUID().lowercasedString):"
    }

    static func makeClient() throws -> RedisClient {
        RedisClient(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: logger)
    }

    /// Runs `body` with a fresh client and always shuts it down, since a test may throw half-way.
    static func withRedis<T>(_ body: (RedisClient) async throws -> T) async throws -> T {
        let client = try makeClient()
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held. For waiting on Redis'
    /// own expiry without asserting exact timings.
    static func eventually(
        timeout: Duration = .seconds(10),
        every interval: Duration = .milliseconds(20),
        _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if try await condition() {
                return true
            }
            try await Task.sleep(for: interval)
        }
        return try await condition()
    }
}

struct CoordinationTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Mutable state shared by a test's concurrent tasks. A class so that escaping `@Sendable` closures can
/// capture it (a `Mutex` itself is non-copyable); the mutex makes every access exclusive.
final class Guarded<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<Result: Sendable>(_ body: (inout sending Value) throws -> sending Result) rethrows -> Result {
        try mutex.withLock(body)
    }

    var value: Value {
        mutex.withLock { $0 }
    }
}

/// A deterministic random source, so generated arrival patterns are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
