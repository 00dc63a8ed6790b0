import Logging
import NIOCore
import NIOPosix

/// The entry point: a pool of pipelined connections shared by every task of a service.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool
    private let logger: Logger

    static let shutDownError = RedisError.connectionUnavailable("the Redis client has been shut down")

    public init(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "redis.address"] = "\(configuration.host):\(configuration.port)"
        self.configuration = configuration
        self.logger = logger
        self.pool = RedisConnectionPool(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    deinit {
        // Channels keep themselves alive on their event loop; without this a forgotten shutdown leaks sockets.
        pool.shutdownNow()
    }

    /// One command; arguments are binary safe. An error reply is thrown as `RedisError.server(message)`.
    @discardableResult
    public func send(_ command: String, _ arguments: [RedisArgument] = []) async throws -> RESPValue {
        try await send([.string(command)] + arguments)
    }

    @discardableResult
    public func send(_ args: [RedisArgument]) async throws -> RESPValue {
        try await withPooledConnection { connection in
            try await connection.sendOnce(args)
        }
    }

    /// All commands are written in one flush on one connection and the replies returned in order. Error
    /// replies come back as `.error` values (not thrown) so one bad command does not hide the others.
    public func pipeline(_ commands: [[RedisArgument]]) async throws -> [RESPValue] {
        try await withPooledConnection { connection in
            try await connection.pipelineOnce(commands)
        }
    }

    /// Runs the script by SHA-1 and sends the source only when the server does not have it cached yet
    /// (after a restart or `SCRIPT FLUSH`); EVAL caches it again for the next EVALSHA.
    @discardableResult
    public func eval(_ script: RedisScript, keys: [String] = [], arguments: [RedisArgument] = []) async throws -> RESPValue {
        let tail: [RedisArgument] = [.int(keys.count)] + keys.map(RedisArgument.string) + arguments
        do {
            return try await send(["EVALSHA", .string(script.sha1)] + tail)
        } catch let error as RedisError {
            guard case .server(let message) = error.kind, message.hasPrefix("NOSCRIPT") else { throw error }
            logger.debug("Redis script not cached, sending source", metadata: ["redis.script": "\(script.sha1)"])
            return try await send(["EVAL", .string(script.source)] + tail)
        }
    }

    /// A connection of its own, outside the pool, for blocking commands (BLPOP, XREADGROUP BLOCK) and
    /// SUBSCRIBE; closed when `body` returns or throws. Its commands still default to the configured
    /// command timeout: pass `timeout: .after(…)` longer than the command's own block time, or `.unbounded`.
    public func withDedicatedConnection<T: Sendable>(_ body: (RedisConnection) async throws -> T) async throws -> T {
        let connection = try await pool.openDedicated()
        do {
            let result = try await body(connection)
            await pool.closeDedicated(connection)
            return result
        } catch {
            await pool.closeDedicated(connection)
            throw error
        }
    }

    /// Throws unless the server answers PONG; for readiness checks.
    public func ping() async throws {
        let reply = try await send("PING")
        guard reply == .simpleString("PONG") else {
            throw RedisError.protocolError("PING answered \(reply)")
        }
    }

    /// Closes every connection, pooled and dedicated. Idempotent; commands afterwards throw
    /// `connectionUnavailable`.
    public func shutdown() async {
        await pool.shutdown()
        logger.debug("Redis client shut down")
    }

    /// Runs `operation` on a pooled connection. A request the handler refused because the socket had
    /// already closed never left this process, so it is retried on a fresh connection; anything that may
    /// have reached the server is not, since commands are not generally idempotent.
    private func withPooledConnection<T>(_ operation: (RedisConnection) async throws -> T) async throws -> T {
        var attempts = 0
        while true {
            let connection = try await pool.connection()
            do {
                return try await operation(connection)
            } catch is RedisRequestNotSent {
                attempts += 1
                if attempts > pool.size {
                    throw RedisError.connectionClosed
                }
            }
        }
    }
}
