import Contracts
import Coordination
import Foundation
import Logging

/// Claim and release: who may edit a project right now, on the coordination layer's fenced lock.
///
/// Redis decides who holds a project (a TTL frees it when a holder crashes); Postgres records each tenure as a
/// claim and raises the project's fence to its token, in the transaction that also writes `project.claimed`. A
/// write must then present a claim that is both live in Redis and not older than the fence (`ProjectAggregate`).
struct ProjectClaims: Sendable {
    let repository: any ProjectRepository
    let locks: ProjectLocks
    let logger: Logger

    /// Attempts when the lock was held at acquire but free again when its holder was read.
    static let acquireAttempts = 3

    /// A new tenure for `user` (201), or the tenure it already holds with its TTL reset (idempotent); 423 with the
    /// holder and expiry when another user holds the project.
    ///
    /// One transaction, as `release`: the locked row says who may claim, the lock is acquired while the row is held,
    /// and the tenure is recorded before the row is let go — no read of the project before it.
    func claim(_ id: ProjectID, ttlSeconds: Int, by user: UserID) async throws -> ClaimToken {
        // A grant this call made and did not find recorded before; given back when the tenure is not recorded after all.
        var newGrant: LockGrant?
        do {
            return try await repository.modify(id) { project in
                try project.requireMember(user)
                let grant = try await acquire(id, for: user, ttlSeconds: ttlSeconds)
                let heldAlready = project.latestClaim.map { $0.holder == user && $0.fencingToken == grant.fencingToken } ?? false
                if !heldAlready { newGrant = grant }
                return try project.recordClaim(fencingToken: grant.fencingToken, holder: user, ttlSeconds: ttlSeconds, now: Date().wholeSeconds).token
            }
        } catch {
            // A new tenure nobody could present would block the project until its TTL: give it back. A tenure the
            // user held before this call stays theirs.
            if let newGrant {
                do {
                    _ = try await locks.release(newGrant)
                } catch let releaseError {
                    logger.warning(
                        "could not give back an unrecorded claim; it frees itself at its TTL",
                        metadata: ["project_id": "\(id)", "error": "\(releaseError)"]
                    )
                }
            }
            throw error
        }
    }

    /// The lock for `user`: a grant when it was free or theirs already, 423 with the holder when another user holds it.
    private func acquire(_ id: ProjectID, for user: UserID, ttlSeconds: Int) async throws -> LockGrant {
        for _ in 0..<Self.acquireAttempts {
            if let grant = try await locks.acquire(id, for: user, ttl: .seconds(ttlSeconds)) { return grant }
            if let holder = try await locks.holder(of: id), holder.owner != user.lockOwner {
                throw try ProjectLocks.lockedError(holder)
            }
        }
        throw AppError(.resourceLocked, "The project is being claimed and released by others right now; try again.")
    }

    /// The same tenure with a later expiry; 409 when that claim is no longer held.
    func renew(_ id: ProjectID, claimId: UUID, by user: UserID) async throws -> ClaimToken {
        try await requireVisible(id, to: user)
        guard var claim = try await ownClaim(claimId, on: id, of: user), try await locks.extend(claim) else {
            throw AppError.staleClaim
        }
        claim.expiresAt = Date().wholeSeconds.addingTimeInterval(TimeInterval(claim.ttlSeconds))
        try await repository.extendClaim(claim.id, to: claim.expiresAt)
        return claim.token
    }

    /// Ends the caller's tenure and records `project.released`; 409 when `claimId` is not the current holder's
    /// tenure, in which case nothing changes — never someone else's lock, never a later tenure.
    ///
    /// One transaction and nothing before it: the locked row already carries the project's current tenure (the
    /// claim at its fence), and only that one can be released — an older claim of the caller's, another user's
    /// claim or an unknown id is 409 just as when they were looked up separately; a stranger still gets 404 first.
    func release(_ id: ProjectID, claimId: UUID, by user: UserID) async throws {
        try await repository.modify(id) { project in
            try project.requireMember(user)
            guard let claim = project.latestClaim, claim.id == claimId, claim.holder == user else { throw AppError.staleClaim }
            try project.recordRelease(of: claim, by: user, now: Date().wholeSeconds)
            // Inside the transaction: the event commits only if the lock was really released by this call.
            guard try await locks.release(claim) else { throw AppError.staleClaim }
        }
    }

    func status(_ id: ProjectID, for user: UserID) async throws -> LockStatus {
        try await requireVisible(id, to: user)
        return LockStatus(try await locks.holder(of: id).map(ProjectLocks.projectLock))
    }

    /// The caller's claim on `project` when it is live: presented, the caller's own, and still the tenure Redis holds.
    ///
    /// - A claim of the caller's that is over (expired, released, superseded by anyone's later tenure): 409.
    /// - No claim of the caller's presented (none, or an id that is not theirs on this project): 423 when another
    ///   user holds the project, 428 when no one does (or the caller holds it but did not say with which claim).
    func requireLiveClaim(on project: ProjectAggregate, claimId: UUID?, by user: UserID) async throws -> ProjectClaim {
        if let claimId, let claim = try await ownClaim(claimId, on: project.id, of: user) {
            guard let holder = try await locks.holder(of: project.id), holder.owner == user.lockOwner,
                  holder.fencingToken == claim.fencingToken
            else { throw AppError.staleClaim }
            return claim
        }
        if let holder = try await locks.holder(of: project.id), holder.owner != user.lockOwner {
            throw try ProjectLocks.lockedError(holder)
        }
        throw AppError.claimRequired
    }

    private func requireVisible(_ id: ProjectID, to user: UserID) async throws {
        guard let project = try await repository.find(id), project.isMember(user) else { throw ProjectAggregate.notFound }
    }

    /// The claim `claimId` when it was granted to `user` on `project`; nil for any other id, so a guessed or
    /// borrowed claim id is worth exactly as much as none.
    private func ownClaim(_ claimId: UUID, on project: ProjectID, of user: UserID) async throws -> ProjectClaim? {
        guard let claim = try await repository.findClaim(claimId), claim.projectId == project, claim.holder == user else { return nil }
        return claim
    }
}
