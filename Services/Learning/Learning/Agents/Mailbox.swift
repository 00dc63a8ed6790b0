import Contracts

/// An agent's message queue: bounded, handled one message at a time in arrival order.
///
/// `perform` is how a message is sent: it waits for a free slot (at most `capacity` messages wait; further senders
/// are suspended — back-pressure, so memory stays bounded by the number of senders, never by the backlog), then
/// for its turn, runs the handler, and hands the handler's result or error back to the sender. A handler that
/// throws is counted and remembered as the agent's last error; the mailbox goes on with the next message.
///
/// The handler runs in the sender's task (so a request's cancellation and task-locals reach it) but never
/// alongside another handler of the same mailbox, even across suspension points — unlike plain actor methods,
/// which interleave at every `await`.
public actor Mailbox {
    public let name: String
    public let capacity: Int
    /// What the agent owning this mailbox understands (`AgentStatus.capabilities`).
    public let capabilities: [String]

    /// Messages admitted and waiting for their turn.
    private var waiting = 0
    private var running = false
    private var turns: [CheckedContinuation<Void, Never>] = []
    private var slots: [CheckedContinuation<Void, Never>] = []
    private var processed = 0
    private var failed = 0
    private var lastError: String?
    private var stopped = false
    /// The most senders ever held back by a full mailbox at once (for the status and the back-pressure test).
    private(set) var maxBlockedSenders = 0

    public init(name: String, capacity: Int, capabilities: [String] = []) {
        precondition(capacity >= 1, "a mailbox holds at least one message")
        self.name = name
        self.capacity = capacity
        self.capabilities = capabilities
    }

    public func perform<Result: Sendable>(_ handler: @Sendable () async throws -> Result) async throws -> Result {
        try checkOpen()
        while waiting >= capacity {
            maxBlockedSenders = max(maxBlockedSenders, slots.count + 1)
            await withCheckedContinuation { slots.append($0) }
            try checkOpen()
        }
        waiting += 1
        if running {
            await withCheckedContinuation { turns.append($0) }
        } else {
            running = true
        }
        // This sender now holds the turn (handed over by the previous one, which left `running` set).
        waiting -= 1
        if !slots.isEmpty { slots.removeFirst().resume() }
        do {
            let result = try await handler()
            finish(error: nil)
            return result
        } catch {
            finish(error: error)
            throw error
        }
    }

    private func finish(error: (any Error)?) {
        processed += 1
        if let error {
            failed += 1
            lastError = String(describing: error)
        }
        if turns.isEmpty {
            running = false
        } else {
            turns.removeFirst().resume()
        }
    }

    private func checkOpen() throws(AppError) {
        guard !stopped else { throw AppError(.serviceUnavailable, "The \(name) agent is shutting down.") }
    }

    /// Refuses new messages (503); those already admitted are still handled.
    public func stop() {
        stopped = true
        let blocked = slots
        slots.removeAll()
        for sender in blocked { sender.resume() }
    }

    /// Senders currently held back because the mailbox is full.
    public var blockedSenders: Int { slots.count }

    public func status() -> AgentStatus {
        AgentStatus(
            name: name, state: stopped ? .stopped : (running ? .busy : .idle), processed: processed, mailbox: waiting,
            mailboxCapacity: capacity, failed: failed, lastError: lastError, capabilities: capabilities
        )
    }
}
