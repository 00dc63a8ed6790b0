import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One TCP connection to Redis. Commands from any number of tasks may be in flight at once; they are
/// written in call order and their replies matched in that order by `RedisChannelHandler`.
public final class RedisConnection: Sendable {
    let channel: any Channel
    private let configuration: RedisConfiguration
    private let logger: Logger

    private init(channel: any Channel, configuration: RedisConfiguration, logger: Logger) {
        self.channel = channel
        self.configuration = configuration
        self.logger = logger
    }

    /// Connects and runs AUTH/SELECT; the returned connection is ready for commands.
    static func connect(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup,
        logger: Logger
    ) async throws -> RedisConnection {
        let address = "\(configuration.host):\(configuration.port)"
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(logger: logger))
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            let reason = "could not connect to \(address): \(Self.describe(connectError: error))"
            logger.warning("Redis connect failed", metadata: ["redis.address": "\(address)", "error": "\(reason)"])
            throw RedisError.connectionUnavailable(reason)
        }

        let connection = RedisConnection(channel: channel, configuration: configuration, logger: logger)
        do {
            try await connection.handshake()
        } catch {
            await connection.close()
            let reason = "connected to \(address) but the handshake failed: \(error)"
            logger.warning("Redis handshake failed", metadata: ["redis.address": "\(address)", "error": "\(reason)"])
            throw RedisError.connectionUnavailable(reason)
        }
        logger.debug("Redis connected", metadata: ["redis.address": "\(address)", "redis.database": "\(configuration.database)"])
        return connection
    }

    private func handshake() async throws {
        var commands: [[RedisArgument]] = []
        if let password = configuration.password {
            if let username = configuration.username {
                commands.append(["AUTH", .string(username), .string(password)])
            } else {
                commands.append(["AUTH", .string(password)])
            }
        }
        if configuration.database != 0 {
            commands.append(["SELECT", .int(configuration.database)])
        }
        guard !commands.isEmpty else { return }
        let replies = try await pipeline(commands, timeout: .after(configuration.connectTimeout))
        if let failure = replies.first(where: { $0.errorMessage != nil }) {
            throw RedisError.server(failure.errorMessage ?? "")
        }
    }

    /// False once the socket has closed; a pool then replaces this connection.
    public var isActive: Bool { channel.isActive }

    /// One command. An error reply is thrown as `RedisError.server`.
    @discardableResult
    public func send(_ command: String, _ arguments: [RedisArgument] = [], timeout: RedisCommandTimeout = .configured) async throws -> RESPValue {
        try await send([.string(command)] + arguments, timeout: timeout)
    }

    @discardableResult
    public func send(_ args: [RedisArgument], timeout: RedisCommandTimeout = .configured) async throws -> RESPValue {
        do {
            return try await sendOnce(args, timeout: timeout)
        } catch is RedisRequestNotSent {
            throw RedisError.connectionClosed
        }
    }

    /// Writes every command with one flush and returns the replies in order. Error replies come back as
    /// `.error` values so that one failing command does not hide the others' results.
    public func pipeline(_ commands: [[RedisArgument]], timeout: RedisCommandTimeout = .configured) async throws -> [RESPValue] {
        do {
            return try await pipelineOnce(commands, timeout: timeout)
        } catch is RedisRequestNotSent {
            throw RedisError.connectionClosed
        }
    }

    /// Subscribes this connection to channels and/or patterns and returns the stream of messages. The
    /// stream ends when the connection is closed with `close()`, and throws `connectionClosed` if it drops.
    /// Only a dedicated connection should subscribe: Redis accepts few other commands in that mode.
    public func subscribe(channels: [String] = [], patterns: [String] = []) async throws -> AsyncThrowingStream<RedisPubSubMessage, any Error> {
        precondition(!channels.isEmpty || !patterns.isEmpty, "subscribe needs at least one channel or pattern")
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: RedisPubSubMessage.self, throwing: (any Error).self)
        var commands: [[RedisArgument]] = []
        if !channels.isEmpty {
            commands.append(["SUBSCRIBE"] + channels.map(RedisArgument.string))
        }
        if !patterns.isEmpty {
            commands.append(["PSUBSCRIBE"] + patterns.map(RedisArgument.string))
        }
        var buffer = channel.allocator.buffer(capacity: 64)
        for command in commands {
            try RESPCommandEncoder.encode(command, into: &buffer)
        }
        // Redis confirms each channel and pattern with its own reply.
        let confirmations = channels.count + patterns.count
        do {
            let replies = try await submit(
                encoded: buffer, replyCount: confirmations, timeout: .configured, subscriber: continuation
            )
            if let failure = replies.first(where: { $0.errorMessage != nil }) {
                throw RedisError.server(failure.errorMessage ?? "")
            }
        } catch is RedisRequestNotSent {
            continuation.finish(throwing: RedisError.connectionClosed)
            throw RedisError.connectionClosed
        } catch {
            continuation.finish(throwing: error)
            throw error
        }
        return stream
    }

    /// Closes the socket; commands still waiting fail with `connectionClosed`.
    public func close() async {
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {
            return
        } catch {
            logger.debug("Redis close reported an error", metadata: ["error": "\(error)"])
        }
    }

    var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    /// Like `send` but lets `RedisRequestNotSent` through so the pool can retry on a new connection.
    func sendOnce(_ args: [RedisArgument], timeout: RedisCommandTimeout = .configured) async throws -> RESPValue {
        var buffer = channel.allocator.buffer(capacity: 16 + args.reduce(0) { $0 + $1.bytes.count + 16 })
        try RESPCommandEncoder.encode(args, into: &buffer)
        let replies = try await submit(encoded: buffer, replyCount: 1, timeout: timeout, subscriber: nil)
        let reply = replies[0]
        if case .error(let message) = reply {
            throw RedisError.server(message)
        }
        return reply
    }

    func pipelineOnce(_ commands: [[RedisArgument]], timeout: RedisCommandTimeout = .configured) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        var buffer = channel.allocator.buffer(capacity: commands.count * 32)
        for command in commands {
            try RESPCommandEncoder.encode(command, into: &buffer)
        }
        return try await submit(encoded: buffer, replyCount: commands.count, timeout: timeout, subscriber: nil)
    }

    private func submit(
        encoded: ByteBuffer,
        replyCount: Int,
        timeout: RedisCommandTimeout,
        subscriber: AsyncThrowingStream<RedisPubSubMessage, any Error>.Continuation?
    ) async throws -> [RESPValue] {
        let promise = channel.eventLoop.makePromise(of: [RESPValue].self)
        let request = RedisRequest(
            encoded: encoded,
            replyCount: replyCount,
            promise: promise,
            timeout: resolve(timeout),
            subscriber: subscriber
        )
        // The handler succeeds the write as soon as it queues the request; a failure here means the channel
        // closed before the request reached the handler, so nothing was sent.
        channel.writeAndFlush(request).whenFailure { _ in
            promise.fail(RedisRequestNotSent())
        }
        return try await promise.futureResult.get()
    }

    private func resolve(_ timeout: RedisCommandTimeout) -> TimeAmount? {
        switch timeout.bound {
        case .configured: TimeAmount(configuration.commandTimeout)
        case .after(let duration): TimeAmount(duration)
        case .unbounded: nil
        }
    }

    /// NIO reports a failed connect as a `NIOConnectionError` listing every address it tried; callers want
    /// the one-line reason (refused, timed out, unknown host).
    private static func describe(connectError error: any Error) -> String {
        if let connectionError = error as? NIOConnectionError {
            if let first = connectionError.connectionErrors.first {
                return describe(connectError: first.error)
            }
            if let dnsError = connectionError.dnsAError ?? connectionError.dnsAAAAError {
                return "host '\(connectionError.host)' could not be resolved (\(dnsError))"
            }
        }
        if let ioError = error as? IOError {
            // IOError's own description reads "connection reset (error set): Connection refused) (errno: 111)".
            return "\(String(cString: strerror(ioError.errnoCode))) (errno \(ioError.errnoCode))"
        }
        if let channelError = error as? ChannelError, case .connectTimeout(let amount) = channelError {
            return "connect timed out after \(amount.nanoseconds / 1_000_000) ms"
        }
        return "\(error)"
    }
}
