import Contracts
import Foundation
import Testing
import TestSupport

/// The behaviour every `MemoryService` must show, whoever implements it and whatever lies in between.
@Suite("MemoryService conformance")
struct MemoryServiceConformanceTests {
    @Test(arguments: MemoryServiceTarget.allCases)
    func storeRetrieveDelete(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            try await service.store(key: "cache:a/b?c", StoreValueRequest(data: .object(["x": .array([.number(1), .null])])), caller: caller)
            let entry = try await service.retrieve(key: "cache:a/b?c", caller: caller)
            #expect(entry == MemoryEntry(key: "cache:a/b?c", data: .object(["x": .array([.number(1), .null])]), expiresAt: nil))
            let storedAfter = Date()
            try await service.store(key: "cache:a/b?c", StoreValueRequest(data: .string("v2"), ttlSeconds: 120), caller: caller)
            let replaced = try await service.retrieve(key: "cache:a/b?c", caller: caller)
            let readBefore = Date()
            #expect(replaced.data == .string("v2"))
            // Bounded by the clock around the calls (whole seconds on the wire), not by a tolerance a stall could exceed.
            let expiresAt = try #require(replaced.expiresAt)
            #expect(expiresAt >= storedAfter.addingTimeInterval(119) && expiresAt <= readBefore.addingTimeInterval(121))
            try await service.delete(key: "cache:a/b?c", caller: caller)
            await Self.expect(.notFound) { _ = try await service.retrieve(key: "cache:a/b?c", caller: caller) }
            try await service.delete(key: "cache:a/b?c", caller: caller)
        }
    }

    @Test(arguments: MemoryServiceTarget.allCases)
    func usersNeverShareKeysOrEmbeddings(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let ada = try await users.signIn("ada")
            let bob = try await users.signIn("bob")
            try await service.store(key: "k", StoreValueRequest(data: .string("ada")), caller: ada)
            await Self.expect(.notFound) { _ = try await service.retrieve(key: "k", caller: bob) }
            try await service.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 0]), caller: ada)
            #expect(try await service.findSimilar(SimilaritySearchRequest(vector: [1, 0]), caller: bob).isEmpty)
            #expect(try await service.invalidate(InvalidateRequest(pattern: "*"), caller: bob).deleted == 0)
            try await service.flush(caller: bob)
            #expect(try await service.retrieve(key: "k", caller: ada).data == .string("ada"))
            #expect(try await service.findSimilar(SimilaritySearchRequest(vector: [1, 0]), caller: ada).count == 1)
        }
    }

    @Test(arguments: MemoryServiceTarget.allCases)
    func invalidateAndFlush(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            for key in ["cache:1", "cache:2", "session"] {
                try await service.store(key: key, StoreValueRequest(data: .null), caller: caller)
            }
            #expect(try await service.invalidate(InvalidateRequest(pattern: "cache:*"), caller: caller) == InvalidateResult(deleted: 2))
            #expect(try await service.retrieve(key: "session", caller: caller).data == .null)
            try await service.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 2, 3]), caller: caller)
            try await service.flush(caller: caller)
            await Self.expect(.notFound) { _ = try await service.retrieve(key: "session", caller: caller) }
            #expect(try await service.findSimilar(SimilaritySearchRequest(vector: [1, 2, 3]), caller: caller).isEmpty)
        }
    }

    @Test(arguments: MemoryServiceTarget.allCases)
    func listKeysWalksTheCallersKeysAPageAtATime(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let ada = try await users.signIn("ada")
            let bob = try await users.signIn("bob")
            let notes = (0..<25).map { "note:\($0)" }
            // Expiries are bounded by the clock around the calls, not by a tolerance: a loaded machine can take
            // seconds between storing note:0 and reading its listing.
            let storedAfter = Date()
            for (index, key) in notes.enumerated() {
                try await service.store(key: key, StoreValueRequest(data: .number(Double(index)), ttlSeconds: index == 0 ? 600 : nil), caller: ada)
            }
            try await service.store(key: "session", StoreValueRequest(data: .null), caller: ada)
            try await service.store(key: "note:bob", StoreValueRequest(data: .null), caller: bob)

            var listed: [MemoryKeyInfo] = []
            var cursor: MemoryKeyCursor?
            var pages = 0
            repeat {
                let page = try await service.listKeys(MemoryKeyListRequest(pattern: "note:*", limit: 7, cursor: cursor), caller: ada)
                #expect(page.items.count <= 7)
                listed += page.items
                cursor = try page.nextCursor.map { try MemoryKeyCursor(token: $0) }
                pages += 1
            } while cursor != nil && pages < 1000
            // SCAN may list a key twice (the shared test Redis can rehash meanwhile), never miss one present throughout.
            #expect(Set(listed.map(\.key)) == Set(notes))
            #expect(pages >= 4)
            let listedBefore = Date()
            let withTTL = try #require(listed.first { $0.key == "note:0" })
            let expiresAt = try #require(withTTL.expiresAt)
            // Whole seconds on the wire: one second of slack each way.
            #expect(expiresAt >= storedAfter.addingTimeInterval(599) && expiresAt <= listedBefore.addingTimeInterval(601))
            #expect(listed.first { $0.key == "note:1" }?.expiresAt == nil)

            // A page walks a bounded number of SCAN batches, so in a big keyspace (the shared test Redis holds every
            // suite's keys) even a large limit can need more than one page: always follow the cursor.
            func allKeys(_ pattern: String = "*", limit: Int = 1000, of caller: Caller) async throws -> Set<String> {
                var keys: Set<String> = []
                var cursor: MemoryKeyCursor?
                var pages = 0
                repeat {
                    let page = try await service.listKeys(MemoryKeyListRequest(pattern: pattern, limit: limit, cursor: cursor), caller: caller)
                    keys.formUnion(page.items.map(\.key))
                    cursor = try page.nextCursor.map { try MemoryKeyCursor(token: $0) }
                    pages += 1
                } while cursor != nil && pages < 10_000
                return keys
            }
            #expect(try await allKeys(of: ada) == Set(notes + ["session"]))
            #expect(try await allKeys(of: bob) == ["note:bob"])
            try await service.delete(key: "session", caller: ada)
            #expect(try await allKeys("sess*", of: ada).isEmpty)

            let badLimit = await Self.expect(.validationFailed) {
                _ = try await service.listKeys(MemoryKeyListRequest(limit: 0), caller: ada)
            }
            #expect(badLimit?.details?["field"] == .string("limit"))
            let badPattern = await Self.expect(.validationFailed) {
                _ = try await service.listKeys(MemoryKeyListRequest(pattern: "a b"), caller: ada)
            }
            #expect(badPattern?.details?["field"] == .string("pattern"))
        }
    }

    @Test(arguments: MemoryServiceTarget.allCases)
    func searchIsByCosineBestFirstWithMetadata(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let near = UUID(), middle = UUID(), far = UUID()
            try await service.storeEmbedding(id: far, StoreEmbeddingRequest(vector: [-1, 0, 0]), caller: caller)
            try await service.storeEmbedding(id: middle, StoreEmbeddingRequest(vector: [1, 1, 0], metadata: .string("m")), caller: caller)
            try await service.storeEmbedding(id: near, StoreEmbeddingRequest(vector: [10, 1, 0], metadata: .object(["tag": .string("near")])), caller: caller)
            let found = try await service.findSimilar(SimilaritySearchRequest(vector: [1, 0, 0], limit: 3), caller: caller)
            #expect(found.map(\.id) == [near, middle, far])
            #expect(found[0].metadata == .object(["tag": .string("near")]))
            #expect(found[1].metadata == .string("m"))
            #expect(found[2].metadata == .null)
            #expect(abs(found[1].score - 0.5.squareRoot()) < 1e-6)
            #expect(abs(found[2].score + 1) < 1e-6)
            #expect(try await service.findSimilar(SimilaritySearchRequest(vector: [1, 0, 0], limit: 1), caller: caller).map(\.id) == [near])
        }
    }

    @Test(arguments: MemoryServiceTarget.allCases)
    func errorsAreTheSameAppErrors(_ target: MemoryServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            try await service.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 0]), caller: caller)
            let mismatch = await Self.expect(.dimensionMismatch) {
                try await service.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 0, 0]), caller: caller)
            }
            #expect(mismatch?.httpStatus == 400)
            await Self.expect(.dimensionMismatch) { _ = try await service.findSimilar(SimilaritySearchRequest(vector: [1]), caller: caller) }
            let badKey = await Self.expect(.validationFailed) { _ = try await service.retrieve(key: "a b", caller: caller) }
            #expect(badKey?.details?["field"] == .string("key"))
            let badTTL = await Self.expect(.validationFailed) {
                try await service.store(key: "k", StoreValueRequest(data: .null, ttlSeconds: 0), caller: caller)
            }
            #expect(badTTL?.details?["field"] == .string("ttlSeconds"))
            let badLimit = await Self.expect(.validationFailed) {
                _ = try await service.findSimilar(SimilaritySearchRequest(vector: [1, 0], limit: 101), caller: caller)
            }
            #expect(badLimit?.details?["field"] == .string("limit"))
            let zero = await Self.expect(.validationFailed) {
                try await service.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [0, 0]), caller: caller)
            }
            #expect(zero?.details?["field"] == .string("vector"))
            await Self.expect(.validationFailed) { _ = try await service.invalidate(InvalidateRequest(pattern: "é"), caller: caller) }
        }
    }

    @discardableResult
    static func expect(_ code: ErrorCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async -> AppError? {
        await expectAppError(code, sourceLocation: sourceLocation, body)
    }
}
