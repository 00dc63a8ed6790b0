import Foundation
import NIOCore
import NIOPosix

/// A `redis-server` owned by one test, for the things a shared server must not see: SCRIPT FLUSH,
/// passwords, being stopped, paused and restarted.
final class RedisServerProcess {
    let port: Int
    private let extraArguments: [String]
    private let directory: URL
    private var process: Process?

    var url: String { "redis://127.0.0.1:\(port)" }

    private init(port: Int, extraArguments: [String]) throws {
        self.port = port
        self.extraArguments = extraArguments
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func start(extraArguments: [String] = []) async throws -> RedisServerProcess {
        let server = try RedisServerProcess(port: try await RedisTestSupport.freePort(), extraArguments: extraArguments)
        do {
            try await server.start()
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts (or restarts, on the same port) and returns once the port accepts connections.
    func start() async throws {
        precondition(process == nil, "server already running")
        let binary = ProcessInfo.processInfo.environment["REDIS_SERVER_BIN"] ?? "/usr/bin/redis-server"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--loglevel", "warning", "--dir", directory.path,
        ] + extraArguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        try await waitUntilListening()
    }

    /// SIGTERM, then wait for the process to be gone so the port is free for a restart.
    func stop() {
        guard let process else { return }
        self.process = nil
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }

    /// SIGSTOP: the kernel still accepts connections on the listening socket, but nothing answers.
    func pause() {
        _ = process?.suspend()
    }

    func resume() {
        _ = process?.resume()
    }

    private func waitUntilListening() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard process?.isRunning == true else {
                throw TestFailure("redis-server exited during startup on port \(port)")
            }
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            {
                try? await channel.close()
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("redis-server did not listen on port \(port) within 10 s")
    }
}
