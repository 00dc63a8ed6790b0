import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process a test owns: a real service executable, a private redis-server, or a command-line run. Stopped
/// (SIGTERM, then SIGKILL) however the test ends; output goes to a log file the test can read — stderr to a file of
/// its own when `errorFile` is given — and standard input comes from `inputFile` when given.
public final class ManagedProcess: @unchecked Sendable {
    // @unchecked: `process` is written only by start/stop, which a test calls from one task at a time.
    public let executable: String
    public let arguments: [String]
    public let environment: [String: String]
    public let logFile: String
    public let errorFile: String?
    public let inputFile: String?
    private var process: Process?

    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = [:], logFile: String,
        errorFile: String? = nil, inputFile: String? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.logFile = logFile
        self.errorFile = errorFile
        self.inputFile = inputFile
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public var isRunning: Bool { process?.isRunning ?? false }
    public var pid: Int32? { process?.processIdentifier }

    /// Everything the process has written so far.
    public var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// What the process has written to stderr so far, when it has a file of its own.
    public var errorLog: String { errorFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "" }

    /// The exit status once the process has ended (128 + n for a signal n), else nil.
    public var exitStatus: Int32? {
        guard let process, !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Waits for the process to end by itself; kills it and returns nil when it is still running after `limit`.
    public func waitForExit(within limit: Duration = .seconds(60)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if isRunning {
            await killHard()
            return nil
        }
        return exitStatus
    }

    /// Sends `signal` (SIGINT: what Ctrl-C sends).
    public func send(signal number: Int32) {
        if let process, process.isRunning { kill(process.processIdentifier, number) }
    }

    public func start() async throws {
        precondition(process == nil || process?.isRunning == false, "already running")
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        if let errorFile {
            FileManager.default.createFile(atPath: errorFile, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        } else {
            process.standardError = output
        }
        if let inputFile {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputFile))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try await Self.runWithDefaultSignalMask(process)
        self.process = process
    }

    /// SIGTERM, then SIGKILL after `grace`; returns once the process is gone.
    public func stop(grace: Duration = .seconds(5)) async {
        guard let process, process.isRunning else { return }
        _ = process.resume()  // a paused process would hold the SIGTERM pending forever
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
    }

    /// SIGSTOP / SIGCONT: a process that hangs — the kernel still accepts its connections, nothing answers.
    public func pause() { _ = process?.suspend() }
    public func resume() { _ = process?.resume() }

    /// SIGKILL: the crash a graceful shutdown never sees.
    public func killHard() async {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
    }

    /// `Process` spawns the child with the calling thread's signal mask, and Swift concurrency's pool threads block
    /// nearly every signal, SIGTERM included; a child started from a test would then ignore `terminate()`.
    /// Spawning from a fresh thread that first clears its mask gives the child ordinary signal handling.
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

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A TCP port nobody listens on right now (bind to port 0, read what the kernel gave, close).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
