import Logging
import NIOCore
import Synchronization

/// One position in the pool: at most one live connection and at most one connect in flight, which every
/// caller that arrives meanwhile awaits instead of starting its own.
final class RedisConnectionSlot: Sendable {
    private enum State {
        case idle
        case connecting(Task<RedisConnection, any Error>)
        case connected(RedisConnection)
        case shutDown
    }

    private enum Next {
        case use(RedisConnection)
        case await(Task<RedisConnection, any Error>)
        case fail
    }

    private let state = Mutex<State>(.idle)
    private let configuration: RedisConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    init(index: Int, configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        var logger = logger
        logger[metadataKey: "redis.slot"] = "\(index)"
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// The live connection, connecting first if there is none. There is deliberately no backoff: a refused
    /// connect fails in well under a millisecond, so each command simply tries again, and the first one
    /// after the server returns succeeds.
    func connection() async throws -> RedisConnection {
        let next: Next = state.withLock { state in
            switch state {
            case .connected(let connection) where connection.isActive:
                return .use(connection)
            case .connecting(let task):
                return .await(task)
            case .shutDown:
                return .fail
            case .idle, .connected:
                // Unstructured so that a caller being cancelled does not cancel the connect others await.
                let task = Task { try await self.establish() }
                state = .connecting(task)
                return .await(task)
            }
        }
        switch next {
        case .use(let connection): return connection
        case .await(let task): return try await task.value
        case .fail: throw RedisClient.shutDownError
        }
    }

    private func establish() async throws -> RedisConnection {
        let connection: RedisConnection
        do {
            connection = try await RedisConnection.connect(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        } catch {
            state.withLock { state in
                if case .connecting = state { state = .idle }
            }
            throw error
        }
        let adopted = state.withLock { state -> Bool in
            guard case .connecting = state else { return false }
            state = .connected(connection)
            return true
        }
        guard adopted else {
            await connection.close()
            throw RedisClient.shutDownError
        }
        connection.closeFuture.whenComplete { [self] _ in
            self.connectionDidClose(connection)
        }
        return connection
    }

    private func connectionDidClose(_ connection: RedisConnection) {
        let wasCurrent = state.withLock { state -> Bool in
            guard case .connected(let current) = state, current === connection else { return false }
            state = .idle
            return true
        }
        if wasCurrent {
            logger.debug("Redis disconnected; will reconnect on next command")
        }
    }

    func shutdown() async {
        let previous = state.withLock { state -> State in
            let previous = state
            state = .shutDown
            return previous
        }
        switch previous {
        case .connected(let connection):
            await connection.close()
        case .connecting(let task):
            // `establish` sees the shut-down state and closes what it connected.
            _ = try? await task.value
        case .idle, .shutDown:
            break
        }
    }

    /// For `deinit`, which cannot await: start closing and move on.
    func shutdownNow() {
        let previous = state.withLock { state -> State in
            let previous = state
            state = .shutDown
            return previous
        }
        if case .connected(let connection) = previous {
            connection.channel.close(promise: nil)
        }
    }
}
