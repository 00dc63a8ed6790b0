import Contracts
import Foundation

/// The project aggregate: the one place a project's rules live. Every change goes through a method here, which checks
/// who may make it, applies it and records the domain event describing it; the repository saves the new state and
/// those events in one transaction, under a lock on the project's row.
///
/// Named `ProjectAggregate` rather than `Project` so it does not shadow `Contracts.Project`, the wire form that
/// `snapshot(lock:)` produces.
struct ProjectAggregate: Sendable {
    let id: ProjectID
    private(set) var name: ProjectName
    private(set) var description: ProjectDescription
    let ownerId: UserID
    /// In the order they were added.
    private(set) var collaborators: [UserID]
    private(set) var status: ProjectStatus
    /// 1 at creation, one more with every update; `If-Match` compares against it. Collaborator changes do not
    /// count: the version guards the content a holder edits, not the membership the owner manages.
    private(set) var version: Int
    let createdAt: Date
    /// Moves with `version`.
    private(set) var updatedAt: Date
    /// The highest fencing token a claim or a write of this project has carried. A write under a lower token comes
    /// from a claim that has since been superseded, and is refused.
    private(set) var fencingToken: Int64
    /// The claim whose token is `fencingToken`, if one was granted: a re-claim by its holder gets it back.
    private(set) var latestClaim: ProjectClaim?
    private(set) var isDeleted = false
    /// The changes since the aggregate was created or loaded, oldest first.
    private(set) var events: [ProjectDomainEvent] = []

    static let notFound = AppError.notFound("The project")

    /// A project as stored; only the repository rebuilds aggregates this way.
    init(
        id: ProjectID, name: ProjectName, description: ProjectDescription, ownerId: UserID, collaborators: [UserID],
        status: ProjectStatus, version: Int, createdAt: Date, updatedAt: Date, fencingToken: Int64, latestClaim: ProjectClaim?
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.ownerId = ownerId
        self.collaborators = collaborators
        self.status = status
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.fencingToken = fencingToken
        self.latestClaim = latestClaim
    }

    /// A new active project at version 1, owned by `owner`; records `project.created`.
    static func create(
        id: ProjectID = .generate(), name: ProjectName, description: ProjectDescription, owner: UserID, now: Date
    ) -> ProjectAggregate {
        var project = ProjectAggregate(
            id: id, name: name, description: description, ownerId: owner, collaborators: [], status: .active, version: 1,
            createdAt: now, updatedAt: now, fencingToken: 0, latestClaim: nil
        )
        project.record(.projectCreated, by: owner, at: now)
        return project
    }

    // MARK: Who may do what

    /// Whether a column of the `projects` row differs (collaborators, claims and events live elsewhere). With
    /// `ignoringFence`, a fence that moved alone does not count: the repository writes it with the claim that moved it.
    func rowDiffers(from other: ProjectAggregate, ignoringFence: Bool = false) -> Bool {
        name != other.name || description != other.description || status != other.status || version != other.version
            || updatedAt != other.updatedAt || (!ignoringFence && fencingToken != other.fencingToken)
    }

    func isMember(_ user: UserID) -> Bool {
        ownerId == user || collaborators.contains(user)
    }

    /// Owner and collaborators see, claim and edit. Anyone else is told the project does not exist, exactly as for a
    /// missing one, so another user's project ids leak nothing.
    func requireMember(_ user: UserID) throws(AppError) {
        guard isMember(user) else { throw Self.notFound }
    }

    /// Only the owner deletes and manages collaborators; a collaborator learns that it may not (403), a stranger
    /// still learns nothing (404).
    func requireOwner(_ user: UserID) throws(AppError) {
        try requireMember(user)
        guard ownerId == user else { throw AppError(.forbidden, "Only the project's owner may do this.") }
    }

    // MARK: Changes

    /// Applies a PATCH made under `claim`. `version` grows by one; records `project.updated`.
    ///
    /// The caller has checked that `claim` is live in Redis, but that check and this write are not atomic: the claim
    /// can expire and be superseded in between, or its holder can have paused past the TTL. The fencing token closes
    /// that gap — a write carrying a token lower than one this project has already seen is refused (409), so a
    /// superseded holder can never overwrite the newer holder's work.
    mutating func update(_ changes: ProjectChanges, under claim: ProjectClaim, expectedVersion: Int?, by user: UserID, now: Date) throws(AppError) {
        try requireMember(user)
        guard claim.projectId == id, claim.holder == user, claim.fencingToken >= fencingToken else { throw AppError.staleClaim }
        if let expectedVersion, expectedVersion != version { throw AppError.versionConflict(current: version) }
        if let name = changes.name { self.name = name }
        if let description = changes.description { self.description = description }
        if let status = changes.status { self.status = status }
        version += 1
        updatedAt = now
        fencingToken = claim.fencingToken
        record(.projectUpdated, by: user, at: now)
    }

    /// Records a grant of the project's lock under `token`, and returns the claim the holder presents from now on.
    ///
    /// The tenure already recorded, granted again to its holder (a retried or repeated claim), returns the claim on
    /// record with the new expiry and announces nothing. A newer tenure becomes the latest claim, raises the fence so
    /// writes under older claims are refused from now on, and records `project.claimed`. An older tenure was
    /// superseded before it could be recorded: refused as stale.
    mutating func recordClaim(
        fencingToken token: Int64, holder: UserID, ttlSeconds: Int, now: Date, newClaimId: UUID = UUID.random()
    ) throws(AppError) -> ProjectClaim {
        try requireMember(holder)
        let expiresAt = now.addingTimeInterval(TimeInterval(ttlSeconds))
        if token == fencingToken, var latest = latestClaim, latest.holder == holder {
            latest.ttlSeconds = ttlSeconds
            latest.expiresAt = expiresAt
            latestClaim = latest
            return latest
        }
        guard token > fencingToken else { throw AppError.staleClaim }
        let claim = ProjectClaim(id: newClaimId, projectId: id, holder: holder, fencingToken: token, ttlSeconds: ttlSeconds, expiresAt: expiresAt)
        fencingToken = token
        latestClaim = claim
        record(.projectClaimed, by: holder, at: now, claim: claim.token)
        return claim
    }

    /// Records that `claim`'s holder released it; records `project.released`.
    mutating func recordRelease(of claim: ProjectClaim, by user: UserID, now: Date) throws(AppError) {
        try requireMember(user)
        guard claim.projectId == id, claim.holder == user else { throw AppError.staleClaim }
        record(.projectReleased, by: user, at: now, claim: claim.token)
    }

    /// Owner only; records `project.deleted` with the project as it was.
    mutating func delete(by user: UserID, now: Date) throws(AppError) {
        try requireOwner(user)
        isDeleted = true
        record(.projectDeleted, by: user, at: now)
    }

    /// Owner only. Adding a present collaborator again changes nothing and announces nothing.
    mutating func addCollaborator(_ user: UserID, by actor: UserID, now: Date) throws(AppError) {
        try requireOwner(actor)
        guard user != ownerId else { throw AppError(.conflict, "The owner is already a member of the project.", details: ["field": .string("userId")]) }
        guard !collaborators.contains(user) else { return }
        collaborators.append(user)
        record(.projectCollaboratorAdded, by: actor, at: now, collaborator: user)
    }

    /// Owner only. Removing someone who is not a collaborator changes nothing and announces nothing.
    mutating func removeCollaborator(_ user: UserID, by actor: UserID, now: Date) throws(AppError) {
        try requireOwner(actor)
        guard let index = collaborators.firstIndex(of: user) else { return }
        collaborators.remove(at: index)
        record(.projectCollaboratorRemoved, by: actor, at: now, collaborator: user)
    }

    // MARK: Views

    /// The wire form, with the lock as Redis reported it.
    func snapshot(lock: ProjectLock?) -> Project {
        Project(
            id: id.rawValue, name: name.value, description: description.value, ownerId: ownerId.rawValue,
            collaborators: collaborators.map(\.rawValue), status: status, version: version, createdAt: createdAt,
            updatedAt: updatedAt, lock: lock
        )
    }

    private mutating func record(_ type: EventType, by actor: UserID, at now: Date, claim: ClaimToken? = nil, collaborator: UserID? = nil) {
        let data = ProjectEventData(project: snapshot(lock: nil), claim: claim, collaboratorId: collaborator?.rawValue)
        events.append(ProjectDomainEvent(type: type, projectId: id, actorId: actor, occurredAt: now, data: data))
    }
}
