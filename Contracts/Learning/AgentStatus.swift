import Foundation

/// One element of `GET /api/v1/learning/agents/status`.
public struct AgentStatus: Codable, Sendable, Equatable {
    public var name: String
    public var state: AgentState
    /// Messages handled since start (failed ones included).
    public var processed: Int
    /// Messages waiting.
    public var mailbox: Int
    /// How many messages the mailbox holds before senders wait (back-pressure).
    public var mailboxCapacity: Int
    /// Messages whose handling failed since start.
    public var failed: Int
    /// The last failure, when there was one.
    public var lastError: String?
    /// The messages the agent understands (its capability declaration), e.g. `learning.progress.update` or the
    /// event types it reacts to.
    public var capabilities: [String]

    public init(
        name: String, state: AgentState, processed: Int, mailbox: Int, mailboxCapacity: Int, failed: Int = 0, lastError: String? = nil,
        capabilities: [String] = []
    ) {
        self.capabilities = capabilities
        self.name = name
        self.state = state
        self.processed = processed
        self.mailbox = mailbox
        self.mailboxCapacity = mailboxCapacity
        self.failed = failed
        self.lastError = lastError
    }
}
