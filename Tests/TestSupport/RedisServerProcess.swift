import Foundation

/// A `redis-server` owned by one test, for what the shared test server must not see: SCRIPT FLUSH, passwords, being
/// stopped, paused and restarted on the same port.
public final class RedisServerProcess: Sendable {
    public let port: Int
    private let process: ManagedProcess
    private let directory: String

    public var url: String { "redis://127.0.0.1:\(port)" }

    private init(port: Int, extraArguments: [String]) throws {
        self.port = port
        directory = try TestEnvironment.temporaryDirectory("redis-test")
        process = ManagedProcess(
            executable: TestEnvironment.redisServerBinary,
            arguments: [
                "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning", "--dir", directory,
            ] + extraArguments,
            logFile: directory + "/redis.log"
        )
    }

    /// Starts a server on a free port, runs `body`, and stops the server however `body` ends.
    public static func with<T>(extraArguments: [String] = [], _ body: (RedisServerProcess) async throws -> T) async throws -> T {
        let server = try RedisServerProcess(port: try ManagedProcess.freePort(), extraArguments: extraArguments)
        do {
            try await server.start()
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Starts (or restarts, on the same port) and returns once the port accepts connections.
    public func start() async throws {
        try await process.start()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw TestSupportFailure("redis-server exited during startup: \(process.log)") }
            if ManagedProcess.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestSupportFailure("redis-server did not listen on port \(port) within 10 s")
    }

    /// SIGTERM and wait until the process is gone, so the port is free for a restart.
    public func stop() async { await process.stop() }

    /// SIGSTOP: the kernel still completes TCP handshakes from the listen backlog, but nothing answers.
    public func pause() { process.pause() }
    public func resume() { process.resume() }
}

public struct TestSupportFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
