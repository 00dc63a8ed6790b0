import Foundation

/// One element of `GET /api/v1/learning/agents/status`.
public struct AgentStatus: Codable, Sendable, Equatable {
    public var name: String
    public var state: AgentState
    /// Messages handled since start.
    public var processed: Int
    /// Messages waiting.
    public var mailbox: Int

    public init(name: String, state: AgentState, processed: Int, mailbox: Int) {
        self.name = name
        self.state = state
        self.processed = processed
        self.mailbox = mailbox
    }
}
