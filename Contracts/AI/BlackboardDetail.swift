import Foundation

/// `GET /api/v1/ai/blackboards/{id}` → `{id, status, problem, contributions}` (plus `createdAt`).
public struct BlackboardDetail: Codable, Sendable, Equatable {
    public var id: UUID
    public var status: BlackboardStatus
    public var problem: BlackboardProblem
    /// Oldest first, in the order they reached the blackboard's stream.
    public var contributions: [Contribution]
    public var createdAt: Date

    public init(id: UUID, status: BlackboardStatus, problem: BlackboardProblem, contributions: [Contribution], createdAt: Date) {
        self.id = id
        self.status = status
        self.problem = problem
        self.contributions = contributions
        self.createdAt = createdAt
    }
}
