import Foundation
import TestSupport
import Logging
import NIOCore
import NIOPosix
import Redis

/// The shared server the Makefile starts; every test namespaces its keys so suites can run in parallel.
enum RedisTestSupport {
    static var url: String { TestEnvironment.redisURL }

    static let logger: Logger = {
        // Many tests provoke connect failures on purpose; their warnings would only bury real output.
        var logger = Logger(label: "redis-tests")
        logger.logLevel = .error
        return logger
    }()

    static func makeClient(
        url: String = RedisTestSupport.url,
        _ adjust: (inout RedisConfiguration) -> Void = { _ in }
    ) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: url)
        adjust(&configuration)
        return RedisClient(configuration: configuration, logger: logger)
    }

    static func keyPrefix() -> String {
        "test:\(UUID().uuidString):"
    }

    /// Runs `body` with a client and always shuts it down, since a test may throw half-way.
    static func withClient<T>(
        url: String = RedisTestSupport.url,
        _ adjust: (inout RedisConfiguration) -> Void = { _ in },
        _ body: (RedisClient) async throws -> T
    ) async throws -> T {
        let client = try makeClient(url: url, adjust)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// A port nothing listens on right now, found by letting the kernel pick one and releasing it.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw TestFailure("kernel did not report a port") }
        return port
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
