import Foundation

/// `201` of `POST /api/v1/ai/blackboards`.
public struct Blackboard: Codable, Sendable, Equatable {
    public var id: UUID
    public var status: BlackboardStatus
    public var createdAt: Date

    public init(id: UUID, status: BlackboardStatus, createdAt: Date) {
        self.id = id
        self.status = status
        self.createdAt = createdAt
    }
}
