import Foundation

/// A blackboard's life: `open` accepts knowledge, `running` while the agents contribute, `solved` once a solution
/// was synthesized, `failed` when the run could not finish.
public enum BlackboardStatus: String, Codable, Sendable, CaseIterable {
    case open
    case running
    case solved
    case failed
}
