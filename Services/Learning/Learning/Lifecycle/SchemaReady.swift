/// Opens once the service's migrations have run. The server runs them before it listens, but the other services of
/// the group start at the same time; the outbox relay and the event consumer wait here, so neither touches a
/// table that does not exist yet. One waiter only (it is an `AsyncStream`).
struct SchemaReady: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func open() {
        continuation.finish()
    }

    /// Returns when opened, or when the waiting task is cancelled.
    func wait() async {
        for await _ in stream {}
    }
}
