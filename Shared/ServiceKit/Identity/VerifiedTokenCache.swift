import Foundation
import Synchronization

/// Remembers tokens that verified, keyed by the whole token string (header, claims and signature), until they
/// expire. A client sends the same access token with every request for its whole life; checking its signature once
/// instead of every time takes the Ed25519 verification and the claim decoding off the hot path. A forged or
/// altered token is a different string and misses the cache. Revocation is not cached here: callers check it on
/// every request. Bounded: when full, expired entries go, and if that frees nothing the cache starts over.
public final class VerifiedTokenCache: Sendable {
    private struct Entry {
        let token: VerifiedAccessToken
        /// Verified against this generation of the key set; a refetch that changes the keys starts a new one.
        let generation: Int
        let usableUntil: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The cached verification of `token`, or `verify`'s, remembered until the token's expiry plus `leeway` (the
    /// same bound the verifier applies). Only successes are cached: a refused token is judged again every time.
    public func verified(
        _ token: String, generation: Int = 0, leeway: TimeInterval, now: Date = Date(),
        by verify: () async throws -> VerifiedAccessToken
    ) async throws -> VerifiedAccessToken {
        if let hit = lookup(token, generation: generation, now: now) { return hit }
        let result = try await verify()
        store(result, for: token, generation: generation, usableUntil: result.expiresAt.addingTimeInterval(leeway), now: now)
        return result
    }

    func lookup(_ token: String, generation: Int, now: Date = Date()) -> VerifiedAccessToken? {
        entries.withLock { entries in
            guard let entry = entries[token], entry.generation == generation, entry.usableUntil > now else { return nil }
            return entry.token
        }
    }

    func store(_ verified: VerifiedAccessToken, for token: String, generation: Int, usableUntil: Date, now: Date = Date()) {
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.usableUntil > now && $0.value.generation == generation }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = Entry(token: verified, generation: generation, usableUntil: usableUntil)
        }
    }
}
