import Foundation

/// What any signed-in user may see of another: `GET /api/v1/auth/users/{id}` and `GET /api/v1/auth/users?email=` (the
/// console names a lock's holder and adds collaborators by email with it). No email, no roles.
public struct UserProfile: Codable, Sendable, Equatable {
    public var id: UUID
    public var displayName: String

    public init(id: UUID, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}
