import Logging

/// Keeps a grant's lock alive while its holder works: extends it to the grant's TTL every `ttl / 3`.
///
/// `run()` returns when its task is cancelled (the holder finished; the lock is left for the holder to
/// release, or to expire at its TTL if the holder is gone), and throws
/// - `LockError.lost` as soon as a renewal finds the tenure over, or when Redis stayed unreachable so long
///   that the lock might expire before the next retry: the holder must stop before someone else can
///   take over, not after;
/// - `LockError.maxHoldExceeded` once `maxHold` has passed since the grant was issued. Renewals near the cap
///   only extend up to it, so the lock expires by itself at the cap even if the holder never releases.
///
/// Timing is measured on this process's monotonic clock and only ever conservatively: the lock is assumed
/// to expire `ttl` after a renewal was *sent*, never after its reply arrived. A renewal that hangs is only
/// noticed when the Redis client's command timeout ends it, which can be after the lock expired; that
/// window, like a paused process, is what fencing tokens are for.
public struct LockWatchdog: Sendable {
    public let lock: DistributedLock
    public let grant: LockGrant
    public let maxHold: Duration
    /// When the request that produced `grant` was sent; the TTL and `maxHold` count from here.
    public let issuedAt: ContinuousClock.Instant
    private let logger: Logger

    /// `issuedAt` defaults to now, which is right when the watchdog is created just after the grant; pass
    /// the instant taken before calling `acquire` to be exact.
    public init(
        lock: DistributedLock,
        grant: LockGrant,
        maxHold: Duration,
        issuedAt: ContinuousClock.Instant = .now,
        logger: Logger = Logger(label: "coordination.lock")
    ) {
        precondition(grant.ttl > .zero, "a grant's TTL must be positive")
        precondition(maxHold > .zero, "maxHold must be positive")
        self.lock = lock
        self.grant = grant
        self.maxHold = maxHold
        self.issuedAt = issuedAt
        self.logger = logger
    }

    /// The renewal period: a third of the TTL leaves two more chances to renew before the lock expires.
    public var interval: Duration { grant.ttl / 3 }

    public func run() async throws(LockError) {
        let clock = ContinuousClock()
        let deadline = issuedAt + maxHold
        // Redis started the TTL after the request was sent, so counting from the sending is conservative.
        var safeUntil = issuedAt + grant.ttl
        var nextRenewal = min(issuedAt + interval, deadline)

        while true {
            do {
                try await Task.sleep(until: nextRenewal, clock: clock)
            } catch {
                return  // cancelled: the holder is done with the lock
            }
            let sentAt = clock.now
            if sentAt >= deadline {
                logger.warning("Lock hold reached its cap; no longer renewing", metadata: metadata)
                throw .maxHoldExceeded
            }
            let ttl = min(grant.ttl, deadline - sentAt)
            do {
                guard try await lock.extend(grant, ttl: ttl) else {
                    // Renewals near the cap set the lock to expire exactly at the deadline. A renewal that ran late
                    // (a loaded machine) can find it expired there: that is the cap at work, not a thief.
                    if safeUntil >= deadline, sentAt >= safeUntil {
                        logger.warning("Lock hold reached its cap; no longer renewing", metadata: metadata)
                        throw LockError.maxHoldExceeded
                    }
                    logger.warning("Lock lost: renewal found another tenure or none", metadata: metadata)
                    throw LockError.lost
                }
                safeUntil = sentAt + ttl
                nextRenewal = min(sentAt + interval, deadline)
            } catch let failure as LockError {
                throw failure
            } catch {
                // Redis unreachable or slow: retry sooner, but give up while the lock is still certainly
                // ours so that the holder stops before another owner could acquire it.
                let retryAt = clock.now + max(interval / 3, .milliseconds(5))
                if retryAt >= safeUntil {
                    logger.warning(
                        "Lock presumed lost: Redis unreachable until the lock could expire",
                        metadata: metadata.merging(["error": "\(error)"]) { $1 }
                    )
                    lock.metrics.lost.increment()
                    throw .lost
                }
                logger.debug("Lock renewal failed; retrying", metadata: metadata.merging(["error": "\(error)"]) { $1 })
                nextRenewal = min(retryAt, deadline)
            }
        }
    }

    private var metadata: Logger.Metadata {
        ["lock.resource": "\(grant.resource)", "lock.fencingToken": "\(grant.fencingToken)"]
    }
}
