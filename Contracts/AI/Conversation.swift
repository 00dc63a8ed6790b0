import Foundation

/// `201` of `POST /api/v1/ai/conversations`.
public struct Conversation: Codable, Sendable, Equatable {
    public var id: UUID
    public var createdAt: Date

    public init(id: UUID, createdAt: Date) {
        self.id = id
        self.createdAt = createdAt
    }
}
