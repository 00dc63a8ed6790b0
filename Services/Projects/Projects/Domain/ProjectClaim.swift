import Contracts
import Foundation

/// One tenure of a project's lock as recorded beside the project: who holds it, under which fencing token, and the
/// id the holder presents as `X-Claim-Token`. Redis alone says whether the tenure is still live; the record is what
/// lets a late writer's claim be recognised (and refused as stale) after the lock moved on.
struct ProjectClaim: Sendable, Equatable {
    let id: UUID
    let projectId: ProjectID
    let holder: UserID
    let fencingToken: Int64
    /// The TTL the holder last asked for; a renewal extends by it again.
    var ttlSeconds: Int
    var expiresAt: Date

    var token: ClaimToken {
        ClaimToken(id: id, projectId: projectId.rawValue, userId: holder.rawValue, fencingToken: fencingToken, expiresAt: expiresAt)
    }

    var ttl: Duration { .seconds(ttlSeconds) }
}
