import Foundation

/// A granted claim on a project. `id` is what the holder sends back as `X-Claim-Token`.
public struct ClaimToken: Codable, Sendable, Equatable {
    public var id: UUID
    public var projectId: UUID
    public var userId: UUID
    /// Strictly increases with every grant of this project's lock, so a write carrying an older token than the
    /// current holder's can be refused (409 `STALE_CLAIM`) even after its own claim expired unnoticed.
    public var fencingToken: Int64
    public var expiresAt: Date

    public init(id: UUID, projectId: UUID, userId: UUID, fencingToken: Int64, expiresAt: Date) {
        self.id = id
        self.projectId = projectId
        self.userId = userId
        self.fencingToken = fencingToken
        self.expiresAt = expiresAt
    }
}
