import Contracts
import Foundation

/// The hash `blackboard:{id}`: who owns the board, what it is about, where it stands, and what each agent had seen
/// at its last run.
public struct BlackboardRecord: Sendable, Equatable {
    public var id: UUID
    public var owner: UUID
    public var status: BlackboardStatus
    public var problem: BlackboardProblem
    public var createdAt: Date
    /// Agent name → how many contributions of the stream it had seen when it last ran.
    public var seen: [String: Int]

    public init(id: UUID, owner: UUID, status: BlackboardStatus, problem: BlackboardProblem, createdAt: Date, seen: [String: Int] = [:]) {
        self.id = id
        self.owner = owner
        self.status = status
        self.problem = problem
        self.createdAt = createdAt
        self.seen = seen
    }
}
