import Foundation

/// Where projects, their collaborators, their claims and their events are kept. Every write is one transaction
/// that also appends the aggregate's recorded events to the outbox, so state and events commit or roll back together.
protocol ProjectRepository: Sendable {
    /// Stores a new project and its `project.created` event.
    func insert(_ project: ProjectAggregate) async throws

    func find(_ id: ProjectID) async throws -> ProjectAggregate?

    /// Up to `limit` projects `member` owns or collaborates on, after `cursor`, in `(createdAt, id)` order.
    func page(for member: UserID, after cursor: ProjectCursor?, limit: Int) async throws -> [ProjectAggregate]

    /// Loads the project with its row locked, lets `change` apply one of the aggregate's methods, then saves the
    /// changed aggregate and appends its events — all in one transaction. Concurrent changes of one project
    /// therefore run one after the other, each seeing the one before (and its events keep that order on the
    /// stream). Throws 404 when the project does not exist; anything `change` throws rolls everything back.
    func modify<Result: Sendable>(_ id: ProjectID, _ change: (inout ProjectAggregate) async throws -> Result) async throws -> Result

    /// A claim ever granted on any project (kept for a day after it expired, so a late writer's claim is still
    /// recognised as stale rather than unknown).
    func findClaim(_ id: UUID) async throws -> ProjectClaim?

    /// Records a renewal: the claim's new expiry.
    func extendClaim(_ id: UUID, to expiresAt: Date) async throws
}
