import Foundation

/// What `DistributedLock.holder(of:)` reads from Redis: the current tenure of a resource.
public struct LockHolder: Sendable, Equatable {
    public let owner: String
    public let fencingToken: Int64
    /// This process's wall clock plus the TTL Redis reported; only as accurate as the local clock, which is
    /// fine for display (`expiresAt` in API responses) but must never decide who holds the lock.
    public let expiresAt: Date
    /// The lock's remaining time to live as Redis measured it (PTTL), independent of any local clock.
    public let remaining: Duration

    public init(owner: String, fencingToken: Int64, expiresAt: Date, remaining: Duration) {
        self.owner = owner
        self.fencingToken = fencingToken
        self.expiresAt = expiresAt
        self.remaining = remaining
    }
}
