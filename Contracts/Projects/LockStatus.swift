import Foundation

/// `GET /projects/{id}/lock` → `{locked, holderId?, expiresAt?}`.
public struct LockStatus: Codable, Sendable, Equatable {
    public var locked: Bool
    public var holderId: UUID?
    public var expiresAt: Date?

    public init(locked: Bool, holderId: UUID? = nil, expiresAt: Date? = nil) {
        self.locked = locked
        self.holderId = holderId
        self.expiresAt = expiresAt
    }

    public static let unlocked = LockStatus(locked: false)

    public init(_ lock: ProjectLock?) {
        self.init(locked: lock != nil, holderId: lock?.holderId, expiresAt: lock?.expiresAt)
    }
}
