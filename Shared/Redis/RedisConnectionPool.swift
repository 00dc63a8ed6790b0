import Logging
import NIOCore
import Synchronization

/// `poolSize` lazily connected slots used round-robin, plus the dedicated connections handed out for
/// blocking commands, tracked so that shutdown can close them too.
final class RedisConnectionPool: Sendable {
    private let slots: [RedisConnectionSlot]
    private let nextSlot = Atomic<UInt>(0)
    private let dedicated = Mutex<(isShutDown: Bool, connections: [ObjectIdentifier: RedisConnection])>((false, [:]))
    private let configuration: RedisConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    var size: Int { slots.count }

    init(configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.slots = (0..<max(1, configuration.poolSize)).map { index in
            RedisConnectionSlot(index: index, configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        }
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    func connection() async throws -> RedisConnection {
        let ticket = nextSlot.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await slots[Int(ticket % UInt(slots.count))].connection()
    }

    func openDedicated() async throws -> RedisConnection {
        guard !dedicated.withLock({ $0.isShutDown }) else { throw RedisClient.shutDownError }
        let connection = try await RedisConnection.connect(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        let registered = dedicated.withLock { state -> Bool in
            guard !state.isShutDown else { return false }
            state.connections[ObjectIdentifier(connection)] = connection
            return true
        }
        guard registered else {
            await connection.close()
            throw RedisClient.shutDownError
        }
        return connection
    }

    func closeDedicated(_ connection: RedisConnection) async {
        _ = dedicated.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
        await connection.close()
    }

    func shutdown() async {
        let open = dedicated.withLock { state in
            state.isShutDown = true
            return Array(state.connections.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for slot in slots {
                group.addTask { await slot.shutdown() }
            }
            for connection in open {
                group.addTask { await connection.close() }
            }
        }
    }

    func shutdownNow() {
        let open = dedicated.withLock { state in
            state.isShutDown = true
            return Array(state.connections.values)
        }
        for slot in slots {
            slot.shutdownNow()
        }
        for connection in open {
            connection.channel.close(promise: nil)
        }
    }
}
