import Foundation

/// Who holds a project's claim and until when: the `lock` of `Project`.
public struct ProjectLock: Codable, Sendable, Equatable {
    public var holderId: UUID
    public var expiresAt: Date

    public init(holderId: UUID, expiresAt: Date) {
        self.holderId = holderId
        self.expiresAt = expiresAt
    }
}
