import Foundation

/// The projects service's operations. Implemented in process by the Projects library and over HTTP by
/// `DevMentorClient`; the contract suite runs against both. Every operation acts on behalf of `caller`, and a
/// project the caller may not see (neither owner nor collaborator) answers 404 `NOT_FOUND` exactly like a missing
/// one, so ids of other users' projects leak nothing. Request DTOs are validated (400 `VALIDATION_FAILED`) first.
public protocol ProjectService: Sendable {
    /// `POST /api/v1/projects` → 201. The caller becomes the owner; emits `project.created`.
    func create(_ request: CreateProjectRequest, caller: Caller) async throws -> Project

    /// `GET /api/v1/projects/{id}` → 200; 404 `NOT_FOUND` when missing or not visible to the caller.
    func findById(_ id: UUID, caller: Caller) async throws -> Project

    /// `GET /api/v1/projects?limit&cursor` → 200, the projects the caller owns or collaborates on;
    /// 400 `VALIDATION_FAILED` for a bad limit or a cursor this service did not mint.
    func list(_ page: PageRequest, caller: Caller) async throws -> Page<Project>

    /// `PATCH /api/v1/projects/{id}` with `X-Claim-Token` (`claimToken`) and optional `If-Match` (`expectedVersion`)
    /// → 200 with `version` + 1; emits `project.updated`.
    /// Without a valid claim of the caller: 423 `RESOURCE_LOCKED` (`details: {holderId, expiresAt}`) when someone
    /// else holds it, 428 `CLAIM_REQUIRED` when no one does. 409 `STALE_CLAIM` for a claim older than the current
    /// holder's (lower fencing token). 412 `VERSION_CONFLICT` when `expectedVersion` is not the current version.
    func update(_ id: UUID, _ request: UpdateProjectRequest, claimToken: UUID?, expectedVersion: Int?, caller: Caller) async throws -> Project

    /// `DELETE /api/v1/projects/{id}` → 204; 403 `FORBIDDEN` unless the caller owns it; emits `project.deleted`.
    func delete(_ id: UUID, caller: Caller) async throws

    /// `POST /api/v1/projects/{id}/claim` → 201 with a fresh, higher fencing token; emits `project.claimed`.
    /// 423 `RESOURCE_LOCKED` with `details: {holderId, expiresAt}` when another user holds it.
    func claim(_ id: UUID, _ request: ClaimRequest, caller: Caller) async throws -> ClaimToken

    /// `POST /api/v1/projects/{id}/claim/renew` with `X-Claim-Token` → 200 with a later `expiresAt` and the same
    /// fencing token; 409 `STALE_CLAIM` when that claim is no longer held.
    func renewClaim(_ id: UUID, claimToken: UUID, caller: Caller) async throws -> ClaimToken

    /// `DELETE /api/v1/projects/{id}/claim` with `X-Claim-Token` → 204; emits `project.released`.
    /// 409 `STALE_CLAIM` when the token is not the current holder's: never releases someone else's lock.
    func release(_ id: UUID, claimToken: UUID, caller: Caller) async throws

    /// `GET /api/v1/projects/{id}/lock` → 200 `{locked, holderId?, expiresAt?}`; 404 like `findById`.
    func isLocked(_ id: UUID, caller: Caller) async throws -> LockStatus

    /// `POST /api/v1/projects/{id}/collaborators` → 204; 403 `FORBIDDEN` unless the caller owns the project.
    /// Adding a present collaborator again is a no-op. Emits `project.collaborator_added`.
    func addCollaborator(_ id: UUID, _ request: AddCollaboratorRequest, caller: Caller) async throws

    /// `DELETE /api/v1/projects/{id}/collaborators/{userId}` → 204; 403 `FORBIDDEN` unless the caller owns the
    /// project. Emits `project.collaborator_removed`.
    func removeCollaborator(_ id: UUID, userId: UUID, caller: Caller) async throws

    /// `POST /api/v1/projects/with-analysis` → 201: a saga that creates the project, then has the AI gateway analyze
    /// the code. When the analysis fails the project is deleted again (compensation) and this throws 502
    /// `SAGA_FAILED` with `details.sagaId`.
    func createWithAnalysis(_ request: CreateProjectWithAnalysisRequest, caller: Caller) async throws -> ProjectWithAnalysis

    /// `GET /api/v1/projects/sagas/{sagaId}` → 200; 404 `NOT_FOUND` for an unknown saga or another user's.
    func saga(_ id: UUID, caller: Caller) async throws -> Saga
}
