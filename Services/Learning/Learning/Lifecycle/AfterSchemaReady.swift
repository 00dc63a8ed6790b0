import ServiceLifecycle

/// Runs `services` side by side once the schema is ready; ends without running them when shutdown comes first.
/// Graceful shutdown reaches each of them (task-locals are inherited by the child tasks).
struct AfterSchemaReady: Service {
    let ready: SchemaReady
    let services: [any Service]

    func run() async throws {
        await cancelWhenGracefulShutdown { await ready.wait() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask { try await service.run() }
            }
            try await group.waitForAll()
        }
    }
}
