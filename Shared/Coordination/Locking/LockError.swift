/// Why `DistributedLock.withLock` did not (or no longer) hold the lock while its body ran.
public enum LockError: Error, Sendable, Equatable {
    /// Someone else held the lock when `withLock` tried to take it; the body never ran.
    case notAcquired
    /// A renewal found the lock gone or held by another tenure (or Redis stayed unreachable until the lock
    /// could have expired); the body was cancelled because it may no longer be alone.
    case lost
    /// The hold reached its `maxHold` cap; renewals stopped and the body was cancelled.
    case maxHoldExceeded
}
