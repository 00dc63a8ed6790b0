import ServiceLifecycle

/// Runs `service` once the schema is ready; ends without running it when shutdown comes first.
struct AfterSchemaReady: Service {
    let ready: SchemaReady
    let service: any Service

    func run() async throws {
        await cancelWhenGracefulShutdown { await ready.wait() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
        try await service.run()
    }
}
