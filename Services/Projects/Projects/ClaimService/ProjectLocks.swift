import Contracts
import Coordination
import Foundation
import Redis

/// The projects' view of the coordination layer's fenced lock: resource `project:<id>` (key `lock:project:<id>`),
/// owned by the claiming user's id. Redis being unreachable is a 503 here — a client may retry it — not a 500.
struct ProjectLocks: Sendable {
    let lock: DistributedLock

    init(lock: DistributedLock) {
        self.lock = lock
    }

    /// A grant when the lock was free or already `user`'s (same tenure, TTL reset to `ttl`); nil when another holds it.
    func acquire(_ project: ProjectID, for user: UserID, ttl: Duration) async throws -> LockGrant? {
        try await reachable { try await lock.acquire(project.lockResource, owner: user.lockOwner, ttl: ttl) }
    }

    func holder(of project: ProjectID) async throws -> LockHolder? {
        try await reachable { try await lock.holder(of: project.lockResource) }
    }

    /// Extends exactly `claim`'s tenure; false when that tenure is over.
    func extend(_ claim: ProjectClaim) async throws -> Bool {
        try await reachable { try await lock.extend(grant(for: claim), ttl: claim.ttl) }
    }

    /// Ends exactly `claim`'s tenure; false when that tenure is over (nothing is changed then).
    func release(_ claim: ProjectClaim) async throws -> Bool {
        try await release(grant(for: claim))
    }

    /// Ends exactly `grant`'s tenure; false when that tenure is over (nothing is changed then).
    func release(_ grant: LockGrant) async throws -> Bool {
        try await reachable { try await lock.release(grant) }
    }

    /// Removes a deleted project's lock and fencing counter: its id is never used again, so neither may linger.
    func forget(_ project: ProjectID) async throws {
        try await reachable { try await lock.forget(project.lockResource) }
    }

    /// Ends whatever tenure holds the project now, whoever holds it: for a project that is gone, or a holder who
    /// is no longer a member. Compare-and-delete on the tenure just read, so a tenure granted in between survives.
    func releaseAnyHolder(of project: ProjectID, onlyIf owner: UserID? = nil) async throws {
        guard let holder = try await holder(of: project) else { return }
        if let owner, holder.owner != owner.lockOwner { return }
        _ = try await release(LockGrant(resource: project.lockResource, owner: holder.owner, fencingToken: holder.fencingToken, ttl: .seconds(1)))
    }

    /// The lock of each project, read for a whole list page in one round trip.
    func locks(of projects: [ProjectID]) async throws -> [ProjectID: ProjectLock] {
        let holders = try await reachable { try await lock.holders(of: projects.map(\.lockResource)) }
        var locks: [ProjectID: ProjectLock] = [:]
        for project in projects {
            guard let holder = holders[project.lockResource], let user = UserID(lockOwner: holder.owner) else { continue }
            locks[project] = ProjectLock(holderId: user.rawValue, expiresAt: holder.expiresAt.wholeSeconds)
        }
        return locks
    }

    /// A project's lock as the API shows it, from a holder read with `holder(of:)`.
    static func projectLock(_ holder: LockHolder) throws -> ProjectLock {
        guard let user = UserID(lockOwner: holder.owner) else {
            throw AppError(.internal, "lock owner '\(holder.owner)' is not a user id")
        }
        return ProjectLock(holderId: user.rawValue, expiresAt: holder.expiresAt.wholeSeconds)
    }

    /// 423 with the holder and expiry of the lock.
    static func lockedError(_ holder: LockHolder) throws -> AppError {
        let lock = try projectLock(holder)
        return AppError.resourceLocked(holderId: lock.holderId, expiresAt: lock.expiresAt)
    }

    private func grant(for claim: ProjectClaim) -> LockGrant {
        LockGrant(resource: claim.projectId.lockResource, owner: claim.holder.lockOwner, fencingToken: claim.fencingToken, ttl: claim.ttl)
    }

    private func reachable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RedisError {
            switch error.kind {
            case .connectionClosed, .connectionUnavailable, .timeout:
                throw AppError(.serviceUnavailable, "Project locks cannot be read or changed right now; try again shortly.")
            default:
                throw error
            }
        }
    }
}
