import Foundation
import Redis
import Testing

@testable import Coordination

@Suite("Distributed lock: acquire, release, extend, holder")
struct LockTests {
    @Test func acquireGrantsIncreasingFencingTokensAndHolderReportsThem() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let lock = DistributedLock(redis: redis, keyPrefix: prefix)
            #expect(try await lock.holder(of: "project:1") == nil)

            let before = Date()
            let first = try #require(try await lock.acquire("project:1", owner: "alice:c1", ttl: .seconds(10)))
            #expect(first.resource == "project:1")
            #expect(first.owner == "alice:c1")
            #expect(first.ttl == .seconds(10))
            #expect(try await lock.acquire("project:1", owner: "bob:c2", ttl: .seconds(10)) == nil)

            let holder = try #require(try await lock.holder(of: "project:1"))
            #expect(holder.owner == "alice:c1")
            #expect(holder.fencingToken == first.fencingToken)
            #expect(holder.remaining > .zero && holder.remaining <= .seconds(10))
            #expect(holder.expiresAt > before && holder.expiresAt <= Date().addingTimeInterval(10))

            #expect(try await lock.release(first))
            #expect(try await lock.holder(of: "project:1") == nil)

            let second = try #require(try await lock.acquire("project:1", owner: "bob:c2", ttl: .seconds(10)))
            #expect(second.fencingToken > first.fencingToken)
            // The counter survives release: it has no expiry and release never deletes it.
            let counter = try await redis.getString(LockKeys.fence("project:1", prefix: prefix))
            #expect(counter == String(second.fencingToken))
            #expect(try await redis.send("PTTL", [.string(LockKeys.fence("project:1", prefix: prefix))]) == .integer(-1))
            #expect(try await lock.release(second))
        }
    }

    @Test func lockKeyHasTheDocumentedFormat() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let lock = DistributedLock(redis: redis, keyPrefix: prefix)
            let grant = try #require(try await lock.acquire("project:abc", owner: "u:1:c", ttl: .seconds(5)))
            let value = try await redis.getString(prefix + "project:abc")
            #expect(value == "\(grant.fencingToken):u:1:c")
            let pttl = try #require(try await redis.send("PTTL", [.string(prefix + "project:abc")]).int)
            #expect(pttl > 0 && pttl <= 5000)
            #expect(try await lock.release(grant))
        }
    }

    @Test func resourcesAreIndependent() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let a = try #require(try await lock.acquire("a", owner: "x", ttl: .seconds(5)))
            let b = try #require(try await lock.acquire("b", owner: "y", ttl: .seconds(5)))
            #expect(a.fencingToken == 1)
            #expect(b.fencingToken == 1)
            #expect(try await lock.release(a))
            #expect(try await lock.holder(of: "b")?.owner == "y")
            #expect(try await lock.release(b))
        }
    }

    @Test func sameOwnerReacquireReturnsTheSameTenureAndRefreshesTheTTL() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let first = try #require(try await lock.acquire("r", owner: "alice:c1", ttl: .seconds(2)))
            let again = try #require(try await lock.acquire("r", owner: "alice:c1", ttl: .seconds(30)))
            #expect(again.fencingToken == first.fencingToken)
            #expect(again.ttl == .seconds(30))
            let holder = try #require(try await lock.holder(of: "r"))
            #expect(holder.fencingToken == first.fencingToken)
            #expect(holder.remaining > .seconds(10))

            // Either grant names the same tenure, so either can end it.
            #expect(try await lock.release(first))
            #expect(try await lock.release(again) == false)
        }
    }

    @Test func releaseAndExtendByAnotherOwnerDoNothing() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let grant = try #require(try await lock.acquire("r", owner: "alice:c1", ttl: .seconds(5)))

            let forgeries = [
                LockGrant(resource: "r", owner: "bob:c2", fencingToken: grant.fencingToken, ttl: grant.ttl),
                // A prefix of the owner is not the owner: the whole identity is compared.
                LockGrant(resource: "r", owner: "alice", fencingToken: grant.fencingToken, ttl: grant.ttl),
                LockGrant(resource: "r", owner: "alice:c1:x", fencingToken: grant.fencingToken, ttl: grant.ttl),
                // The right owner with another tenure's token.
                LockGrant(resource: "r", owner: "alice:c1", fencingToken: grant.fencingToken + 1, ttl: grant.ttl),
            ]
            for forged in forgeries {
                #expect(try await lock.extend(forged, ttl: .seconds(60)) == false)
                #expect(try await lock.release(forged) == false)
            }
            let holder = try #require(try await lock.holder(of: "r"))
            #expect(holder.owner == "alice:c1")
            #expect(holder.fencingToken == grant.fencingToken)
            #expect(holder.remaining <= .seconds(5))
            #expect(try await lock.release(grant))
        }
    }

    @Test func extendSetsTheRemainingTime() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let grant = try #require(try await lock.acquire("r", owner: "alice", ttl: .seconds(2)))
            #expect(try await lock.extend(grant, ttl: .seconds(60)))
            #expect(try #require(try await lock.holder(of: "r")).remaining > .seconds(30))
            #expect(try await lock.extend(grant, ttl: .seconds(3)))
            #expect(try #require(try await lock.holder(of: "r")).remaining <= .seconds(3))
            #expect(try await lock.release(grant))
            #expect(try await lock.extend(grant, ttl: .seconds(60)) == false)
            #expect(try await lock.holder(of: "r") == nil)
        }
    }

    @Test func aHolderThatStopsRenewingLosesTheLockAndItsLateCallsDoNothing() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            // Long enough that bob's attempt surely comes before expiry on a loaded machine.
            let stale = try #require(try await lock.acquire("r", owner: "alice", ttl: .milliseconds(1500)))
            #expect(try await lock.acquire("r", owner: "bob", ttl: .seconds(30)) == nil)

            // Redis' TTL alone frees it.
            #expect(try await CoordinationTestSupport.eventually { try await lock.holder(of: "r") == nil })
            let fresh = try #require(try await lock.acquire("r", owner: "bob", ttl: .seconds(30)))
            #expect(fresh.fencingToken > stale.fencingToken)

            #expect(try await lock.extend(stale, ttl: .milliseconds(1)) == false)
            #expect(try await lock.release(stale) == false)
            let holder = try #require(try await lock.holder(of: "r"))
            #expect(holder.owner == "bob")
            #expect(holder.fencingToken == fresh.fencingToken)
            #expect(holder.remaining > .seconds(20))
            #expect(try await lock.release(fresh))
        }
    }

    @Test func theSameOwnerAfterExpiryGetsANewTenureThatItsOldGrantCannotTouch() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let old = try #require(try await lock.acquire("r", owner: "alice", ttl: .milliseconds(150)))
            #expect(try await CoordinationTestSupport.eventually { try await lock.holder(of: "r") == nil })
            let new = try #require(try await lock.acquire("r", owner: "alice", ttl: .seconds(30)))
            #expect(new.fencingToken > old.fencingToken)
            #expect(try await lock.release(old) == false)
            #expect(try await lock.holder(of: "r")?.fencingToken == new.fencingToken)
            #expect(try await lock.release(new))
        }
    }

    @Test func tryAcquireSucceedsOnceTheHolderReleases() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let first = try #require(try await lock.acquire("r", owner: "alice", ttl: .seconds(30)))
            let releaser = Task {
                try await Task.sleep(for: .milliseconds(300))
                return try await lock.release(first)
            }
            let second = try await lock.tryAcquire(
                "r", owner: "bob", ttl: .seconds(30), attempts: 500, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40)
            )
            #expect(try await releaser.value)
            let grant = try #require(second)
            #expect(grant.owner == "bob")
            #expect(grant.fencingToken > first.fencingToken)
            #expect(try await lock.release(grant))
        }
    }

    @Test func tryAcquireGivesUpAfterItsAttempts() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let held = try #require(try await lock.acquire("r", owner: "alice", ttl: .seconds(30)))
            let clock = ContinuousClock()
            let started = clock.now
            let attempt = try await lock.tryAcquire(
                "r", owner: "bob", ttl: .seconds(30), attempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40)
            )
            #expect(attempt == nil)
            // Three sleeps of at most 10, 20 and 40 ms; the bound is generous for a loaded machine.
            #expect(clock.now - started < .seconds(10))
            #expect(try await lock.holder(of: "r")?.owner == "alice")
            #expect(try await lock.release(held))
        }
    }

    @Test func tryAcquireStopsWhenCancelled() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let held = try #require(try await lock.acquire("r", owner: "alice", ttl: .seconds(30)))
            let waiter = Task {
                try await lock.tryAcquire(
                    "r", owner: "bob", ttl: .seconds(30), attempts: 1_000_000, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)
                )
            }
            try await Task.sleep(for: .milliseconds(100))
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(try await lock.release(held))
        }
    }
}

@Suite("Distributed lock: many holders in one round trip")
struct LockHoldersTests {
    @Test func holdersReadsEveryResourceAndSkipsFreeOnes() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let lock = DistributedLock(redis: redis, keyPrefix: CoordinationTestSupport.keyPrefix())
            let a = try #require(try await lock.acquire("a", owner: "alice", ttl: .seconds(30)))
            let c = try #require(try await lock.acquire("c", owner: "carol", ttl: .seconds(30)))
            let holders = try await lock.holders(of: ["a", "b", "c"])
            #expect(Set(holders.keys) == ["a", "c"])
            #expect(holders["a"]?.owner == "alice")
            #expect(holders["a"]?.fencingToken == a.fencingToken)
            #expect(holders["c"]?.owner == "carol")
            #expect(holders["c"]?.fencingToken == c.fencingToken)
            #expect((holders["a"]?.remaining ?? .zero) > .seconds(25))
            #expect(try await lock.holders(of: []).isEmpty)
        }
    }
}

@Suite("Distributed lock: forgetting a resource that is gone")
struct LockForgetTests {
    @Test func forgetRemovesTheLockAndItsFence() async throws {
        try await CoordinationTestSupport.withRedis { redis throws in
            let prefix = CoordinationTestSupport.keyPrefix()
            let lock = DistributedLock(redis: redis, keyPrefix: prefix)
            _ = try #require(try await lock.acquire("gone", owner: "alice", ttl: .seconds(30)))
            try await lock.forget("gone")
            #expect(try await lock.holder(of: "gone") == nil)
            #expect(try await redis.exists(prefix + "gone:fence") == false)
        }
    }
}
