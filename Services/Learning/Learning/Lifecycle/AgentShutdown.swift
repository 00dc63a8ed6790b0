import ServiceLifecycle

/// Marks the agents `stopped` on graceful shutdown, so `/agents/status` and new requests (503) say so while the
/// messages already admitted finish.
struct AgentShutdown: Service {
    let agents: LearningAgents

    func run() async throws {
        try? await gracefulShutdown()
        await agents.stop()
    }
}
