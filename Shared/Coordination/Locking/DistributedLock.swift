import Foundation
import Logging
import Redis

/// A mutual-exclusion lock shared by every replica through Redis.
///
/// Guarantees and their limits:
/// - Acquire is `SET <lock> "<token>:<owner>" NX PX ttl` inside one script that also increments the
///   resource's fencing counter, so each tenure gets a strictly larger token than every earlier one.
/// - Expiry is Redis' own TTL: a crashed holder frees the lock by itself, and no two services' clocks are
///   ever compared.
/// - Release and extend compare the whole stored tenure (token and owner) before acting, so they can
///   never end or prolong someone else's lock, nor a later tenure of the same owner.
/// - A holder can still be paused (GC, swapped out, partitioned) past its TTL and act on stale belief;
///   no lock can prevent that. The fencing token is what makes it safe: the protected resource must
///   reject writes whose token is lower than the highest it has accepted.
/// - One Redis server is the source of truth; with asynchronous replication a failover can lose a
///   just-acquired lock. That trade-off is accepted here in exchange for simplicity (no Redlock).
///
/// Keys are described in `LockKeys`: `<keyPrefix><resource>` and `<keyPrefix><resource>:fence`. A
/// resource name must be non-empty and must not end in `:fence` (checked; a violation is a programming
/// error and traps).
public struct DistributedLock: Sendable {
    public let redis: RedisClient
    public let keyPrefix: String
    private let logger: Logger
    let metrics = LockMetrics()

    public init(redis: RedisClient, keyPrefix: String = "lock:", logger: Logger = Logger(label: "coordination.lock")) {
        self.redis = redis
        self.keyPrefix = keyPrefix
        self.logger = logger
    }

    /// Takes the lock for `ttl`. Returns nil when another owner holds it. When `owner` already holds it,
    /// returns that same tenure (same fencing token) with its TTL reset to `ttl`, so a retried claim is
    /// idempotent.
    public func acquire(_ resource: String, owner: String, ttl: Duration) async throws -> LockGrant? {
        let milliseconds = Self.ttlMilliseconds(ttl)
        let reply = try await redis.eval(
            LockScripts.acquire,
            keys: [LockKeys.lock(resource, prefix: keyPrefix), LockKeys.fence(resource, prefix: keyPrefix)],
            arguments: [.string(owner), .int64(milliseconds)]
        )
        guard let fields = reply.array, let status = fields.first?.int else {
            throw RedisError.protocolError("lock acquire script answered \(reply)")
        }
        guard status != 0 else {
            metrics.contended.increment()
            return nil
        }
        guard fields.count == 2, let token = fields[1].int else {
            throw RedisError.protocolError("lock acquire script answered \(reply)")
        }
        metrics.acquired.increment()
        return LockGrant(resource: resource, owner: owner, fencingToken: token, ttl: ttl)
    }

    /// `acquire` up to `attempts` times, sleeping between attempts with exponential backoff and full jitter
    /// (see `LockBackoff`). Returns nil once every attempt found the lock held. Cancelling the calling task
    /// ends the wait by throwing `CancellationError`.
    public func tryAcquire(
        _ resource: String,
        owner: String,
        ttl: Duration,
        attempts: Int,
        baseDelay: Duration,
        maxDelay: Duration
    ) async throws -> LockGrant? {
        precondition(attempts >= 1, "tryAcquire needs at least one attempt")
        let backoff = LockBackoff(baseDelay: baseDelay, maxDelay: maxDelay)
        for attempt in 0..<attempts {
            if let grant = try await acquire(resource, owner: owner, ttl: ttl) {
                return grant
            }
            if attempt + 1 < attempts {
                try await Task.sleep(for: backoff.delay(forRetry: attempt))
            }
        }
        return nil
    }

    /// Ends the grant's tenure. False when the lock had already expired or belongs to another tenure; in
    /// that case nothing is changed.
    @discardableResult
    public func release(_ grant: LockGrant) async throws -> Bool {
        let reply = try await redis.eval(
            LockScripts.release,
            keys: [LockKeys.lock(grant.resource, prefix: keyPrefix)],
            arguments: [.string(LockKeys.value(fencingToken: grant.fencingToken, owner: grant.owner))]
        )
        let released = reply.int == 1
        if released {
            metrics.released.increment()
        } else {
            metrics.lost.increment()
        }
        return released
    }

    /// Sets the remaining time of the grant's tenure to `ttl` (it can shorten as well as lengthen). False,
    /// changing nothing, when the tenure is over.
    public func extend(_ grant: LockGrant, ttl: Duration) async throws -> Bool {
        let reply = try await redis.eval(
            LockScripts.extend,
            keys: [LockKeys.lock(grant.resource, prefix: keyPrefix)],
            arguments: [
                .string(LockKeys.value(fencingToken: grant.fencingToken, owner: grant.owner)),
                .int64(Self.ttlMilliseconds(ttl)),
            ]
        )
        let extended = reply.int == 1
        if !extended {
            metrics.lost.increment()
        }
        return extended
    }

    /// The current tenure, or nil when the resource is free.
    public func holder(of resource: String) async throws -> LockHolder? {
        try await holders(of: [resource])[resource]
    }

    /// Removes a resource's lock and its fencing counter, whoever holds it. Only for a resource that is gone for
    /// good (a deleted project, whose id is never reused): resetting the counter of a live resource would let an old
    /// fencing token outrank a new one.
    public func forget(_ resource: String) async throws {
        _ = try await redis.send("DEL", [.string(LockKeys.lock(resource, prefix: keyPrefix)), .string(LockKeys.fence(resource, prefix: keyPrefix))])
    }

    /// The holders of many resources in one round trip; free resources are absent from the answer.
    public func holders(of resources: [String]) async throws -> [String: LockHolder] {
        guard !resources.isEmpty else { return [:] }
        let reply = try await redis.eval(LockScripts.holders, keys: resources.map { LockKeys.lock($0, prefix: keyPrefix) })
        guard let entries = reply.array, entries.count == resources.count else {
            throw RedisError.protocolError("lock holders script answered \(reply)")
        }
        let now = Date()
        var holders: [String: LockHolder] = [:]
        for (resource, entry) in zip(resources, entries) {
            guard let fields = entry.array else { continue }  // free
            guard fields.count == 2, let value = fields[0].string, let milliseconds = fields[1].int,
                  let tenure = LockKeys.parse(value: value), milliseconds >= 0
            else {
                // Only a writer other than this type produces a value without a token or a key without expiry.
                throw RedisError.protocolError("lock key for '\(resource)' holds \(entry)")
            }
            holders[resource] = LockHolder(
                owner: tenure.owner,
                fencingToken: tenure.fencingToken,
                expiresAt: now.addingTimeInterval(Double(milliseconds) / 1000),
                remaining: .milliseconds(milliseconds)
            )
        }
        return holders
    }

    /// Runs `body` while holding the lock and always releases it afterwards.
    ///
    /// A `LockWatchdog` renews the lock every `ttl / 3` while `body` runs. When a renewal finds the lock
    /// lost, or `maxHold` has passed since the lock was taken, `body`'s task is cancelled and this throws
    /// `LockError.lost` or `.maxHoldExceeded` (even if `body` then finished: its work was not fully covered
    /// by the lock). Renewals never push the expiry past `maxHold`, so even if this process hangs the
    /// lock frees itself by then. Cancellation is cooperative: a body that ignores it keeps running, and
    /// this call returns only when it ends. Throws `LockError.notAcquired` without running `body` when
    /// another owner holds the lock. If `owner` already holds it, the body shares that tenure and the
    /// release at the end ends it, so give every `withLock` call an owner of its own.
    public func withLock<T: Sendable>(
        _ resource: String,
        owner: String,
        ttl: Duration,
        maxHold: Duration,
        _ body: @Sendable (LockGrant) async throws -> T
    ) async throws -> T {
        precondition(maxHold > .zero, "maxHold must be positive")
        let issuedAt = ContinuousClock.now
        guard let grant = try await acquire(resource, owner: owner, ttl: ttl) else {
            throw LockError.notAcquired
        }
        let watchdog = LockWatchdog(lock: self, grant: grant, maxHold: maxHold, issuedAt: issuedAt, logger: logger)

        // The task group awaits both children before it returns, so `body` never outlives this call even
        // though a child task needs an escaping reference to it.
        let outcome: Result<T, any Error> = await withoutActuallyEscaping(body) { body in
            await runGuarded(body, grant: grant, watchdog: watchdog)
        }

        // The Redis client does not abandon commands when the calling task is cancelled, so this release
        // runs even when withLock ends because of cancellation.
        do {
            if try await !release(grant), case .success = outcome {
                // After `.lost` or `.maxHoldExceeded` a vanished lock is expected and already reported.
                logger.warning(
                    "Lock was no longer held when withLock released it",
                    metadata: ["lock.resource": "\(resource)", "lock.fencingToken": "\(grant.fencingToken)"]
                )
            }
        } catch {
            // The body's outcome stands: its work is done, and the TTL frees the lock by itself.
            logger.warning(
                "withLock could not release the lock; it frees itself at its TTL",
                metadata: ["lock.resource": "\(resource)", "error": "\(error)"]
            )
        }
        return try outcome.get()
    }

    /// Runs `body` beside a watchdog; the first of them to stop for a reason of its own cancels the other.
    private func runGuarded<T: Sendable>(
        _ body: @escaping @Sendable (LockGrant) async throws -> T,
        grant: LockGrant,
        watchdog: LockWatchdog
    ) async -> Result<T, any Error> {
        await withTaskGroup(of: WithLockEvent<T>.self) { group in
            group.addTask {
                do {
                    return .bodyFinished(.success(try await body(grant)))
                } catch {
                    return .bodyFinished(.failure(error))
                }
            }
            group.addTask {
                do throws(LockError) {
                    try await watchdog.run()
                    return .watchdogStopped(nil)
                } catch {
                    return .watchdogStopped(error)
                }
            }
            var bodyResult: Result<T, any Error>?
            var lockFailure: LockError?
            while let event = await group.next() {
                switch event {
                case .bodyFinished(let result):
                    bodyResult = result
                    group.cancelAll()
                case .watchdogStopped(let failure):
                    // nil: the watchdog was cancelled because the body finished or the caller was cancelled.
                    if let failure {
                        lockFailure = failure
                        group.cancelAll()
                    }
                }
            }
            if let lockFailure {
                return .failure(lockFailure)
            }
            guard let bodyResult else {
                preconditionFailure("withLock's task group ended without the body's result")
            }
            return bodyResult
        }
    }

    static func ttlMilliseconds(_ ttl: Duration) -> Int64 {
        precondition(ttl > .zero, "a lock TTL must be positive")
        return LockDuration.milliseconds(ttl)
    }

    private enum WithLockEvent<Value: Sendable>: Sendable {
        case bodyFinished(Result<Value, any Error>)
        case watchdogStopped(LockError?)
    }
}
