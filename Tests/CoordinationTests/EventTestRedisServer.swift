import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A `redis-server` owned by one test, for what the shared server must not see: being stopped and started
/// again. Adapted from RedisTests' `RedisServerProcess` (test targets cannot import each other), with plain
/// sockets instead of NIO, which this test target does not depend on.
final class EventTestRedisServer {
    let port: Int
    private let directory: URL
    private var process: Process?

    var url: String { "redis://127.0.0.1:\(port)" }

    private init(port: Int) throws {
        self.port = port
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("event-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Starts a server on a free port, runs `body`, and stops the server however `body` ends.
    static func with<T>(_ body: (EventTestRedisServer) async throws -> T) async throws -> T {
        let server = try EventTestRedisServer(port: try freePort())
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

    /// Starts (or restarts, on the same port, with no data: persistence is off) and returns once it listens.
    func start() async throws {
        precondition(process == nil, "server already running")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.redisServerBinary)
        process.arguments = [
            "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--loglevel", "warning", "--dir", directory.path,
        ]
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
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// `Process` spawns the child with the calling thread's signal mask, and Swift concurrency's pool threads
    /// block nearly every signal, SIGTERM included; a server started from a test would then ignore
    /// `terminate()`. Spawning from a fresh thread that first clears its mask gives it ordinary signals.
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
                throw EventTestFailure("redis-server exited during startup on port \(port)")
            }
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw EventTestFailure("redis-server did not listen on port \(port) within 10 s")
    }

    /// A port nothing listens on right now: the kernel picks one for a socket that is then closed.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EventTestFailure("socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw EventTestFailure("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw EventTestFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
