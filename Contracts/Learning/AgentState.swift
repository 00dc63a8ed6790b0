import Foundation

/// A learning actor's state: `idle` with an empty mailbox, `busy` while handling a message, `stopped` after
/// shutdown or a crash it did not recover from.
public enum AgentState: String, Codable, Sendable, CaseIterable {
    case idle
    case busy
    case stopped
}
