import Foundation
import Testing

@testable import ServiceKit

@Suite("Verified-token cache")
struct VerifiedTokenCacheTests {
    static func token(expiringIn seconds: TimeInterval = 600) -> VerifiedAccessToken {
        VerifiedAccessToken(userId: UUID(), sessionId: UUID(), tokenId: UUID(), roles: ["user"], expiresAt: Date().addingTimeInterval(seconds))
    }

    @Test func aStoredTokenIsFoundUntilItExpiresAndOnlyForItsKeyGeneration() {
        let cache = VerifiedTokenCache()
        let verified = Self.token()
        let now = Date()
        cache.store(verified, for: "a.b.c", generation: 1, usableUntil: now.addingTimeInterval(10), now: now)
        #expect(cache.lookup("a.b.c", generation: 1, now: now) == verified)
        #expect(cache.lookup("a.b.d", generation: 1, now: now) == nil)  // another signature is another token
        #expect(cache.lookup("a.b.c", generation: 2, now: now) == nil)  // the keys changed since
        #expect(cache.lookup("a.b.c", generation: 1, now: now.addingTimeInterval(11)) == nil)
    }

    @Test func aFullCacheMakesRoomAndKeepsItsBound() {
        let cache = VerifiedTokenCache(capacity: 10)
        let now = Date()
        for index in 0..<25 {
            cache.store(Self.token(), for: "token-\(index)", generation: 1, usableUntil: now.addingTimeInterval(60), now: now)
        }
        #expect(cache.lookup("token-24", generation: 1, now: now) != nil)
        let kept = (0..<25).filter { cache.lookup("token-\($0)", generation: 1, now: now) != nil }.count
        #expect(kept <= 10)
    }

    @Test func verifiedAsksTheVerifierOnceForAGoodTokenAndEveryTimeForABadOne() async throws {
        let cache = VerifiedTokenCache()
        let good = Self.token(expiringIn: 60)
        let calls = Counter()
        let now = Date()
        for _ in 0..<3 {
            let got = try await cache.verified("good", leeway: 5, now: now) {
                calls.add()
                return good
            }
            #expect(got == good)
        }
        #expect(calls.value == 1)
        // Past expiry plus leeway it is judged again (and the verifier decides).
        _ = try await cache.verified("good", leeway: 5, now: now.addingTimeInterval(66)) {
            calls.add()
            return good
        }
        #expect(calls.value == 2)
        for _ in 0..<3 {
            await #expect(throws: TokenRejection.self) {
                _ = try await cache.verified("forged", leeway: 5, now: now) {
                    calls.add()
                    throw TokenRejection(.badSignature)
                }
            }
        }
        #expect(calls.value == 5)
    }

    final class Counter: @unchecked Sendable {
        private(set) var value = 0
        func add() { value += 1 }
    }
}
