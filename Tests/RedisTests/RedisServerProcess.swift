import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

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

    /// Starts a server on a free port, runs `body`, and stops the server however `body` ends.
    static func with<T>(extraArguments: [String] = [], _ body: (RedisServerProcess) async throws -> T) async throws -> T {
        let server = try RedisServerProcess(port: try await RedisTestSupport.freePort(), extraArguments: extraArguments)
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

    deinit {
        // Last resort if a test crashed past `stop()`; SIGKILL cannot be blocked or ignored.
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
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
        try await Self.runWithDefaultSignalMask(process)
        self.process = process
        try await waitUntilListening()
    }

    /// SIGTERM and wait for the process to be gone, so the port is free for a restart.
    func stop() async {
        guard let process else { return }
        self.process = nil
        guard process.isRunning else { return }
        // A paused server would hold a SIGTERM pending forever.
        _ = process.resume()
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// SIGSTOP: the kernel still completes TCP handshakes from the listen backlog, but nothing answers.
    func pause() {
        _ = process?.suspend()
    }

    func resume() {
        _ = process?.resume()
    }

    /// `Process` spawns the child with the calling thread's signal mask, and Swift concurrency's pool
    /// threads (libdispatch workers) block nearly every signal, SIGTERM included; a server started from a
    /// test would then ignore `terminate()`. Spawning from a fresh thread that first clears its mask gives
    /// the server ordinary signal handling.
    private static func runWithDefaultSignalMask(_ process: Process) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                var none = sigset_t()
                sigemptyset(&none)
                pthread_sigmask(SIG_SETMASK, &none, nil)
                do {
                    try process.run()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
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
