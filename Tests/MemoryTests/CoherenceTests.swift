import Contracts
import DevMentorClient
import Foundation
@testable import Memory
import Testing
import TestSupport

/// Two replicas of the memory service on one Redis and one Postgres schema, each with its own hot-key cache and
/// index: what one changes, the other answers with at once — over real HTTP, the next request after the write's 204.
@Suite("Memory replicas stay coherent")
struct CoherenceTests {
    @Test func aWriteOnOneReplicaIsSeenOnTheOtherAtOnce() async throws {
        try await MemoryFixture.run(replicas: 2, hotCacheTTL: .seconds(60)) { fixture in
            let user = try await fixture.signIn()
            let (one, two) = (fixture.direct(0), fixture.direct(1))
            try await one.store(key: "shared", StoreValueRequest(data: .number(0)), caller: user.caller)
            // Replica two caches the value (a miss, then hits).
            for _ in 0..<3 { #expect(try await two.retrieve(key: "shared", caller: user.caller).data == .number(0)) }
            #expect(fixture.memory[1].cache.statistics.hits >= 2)
            for round in 1...25 {
                try await one.store(key: "shared", StoreValueRequest(data: .number(Double(round))), caller: user.caller)
                #expect(try await two.retrieve(key: "shared", caller: user.caller).data == .number(Double(round)), "round \(round)")
                #expect(try await two.retrieve(key: "shared", caller: user.caller).data == .number(Double(round)), "round \(round), cached")
            }
            try await one.delete(key: "shared", caller: user.caller)
            await expectAppError(.notFound) { _ = try await two.retrieve(key: "shared", caller: user.caller) }

            try await two.store(key: "cache:a", StoreValueRequest(data: .string("a")), caller: user.caller)
            #expect(try await one.retrieve(key: "cache:a", caller: user.caller).data == .string("a"))
            #expect(try await one.invalidate(InvalidateRequest(pattern: "cache:*"), caller: user.caller).deleted == 1)
            #expect(try await two.invalidate(InvalidateRequest(pattern: "cache:*"), caller: user.caller).deleted == 0)
            await expectAppError(.notFound) { _ = try await one.retrieve(key: "cache:a", caller: user.caller) }

            try await one.store(key: "f", StoreValueRequest(data: .bool(true)), caller: user.caller)
            #expect(try await two.retrieve(key: "f", caller: user.caller).data == .bool(true))
            try await one.flush(caller: user.caller)
            await expectAppError(.notFound) { _ = try await two.retrieve(key: "f", caller: user.caller) }
        }
    }

    @Test func embeddingsStoredOnOneReplicaAreFoundOnTheOther() async throws {
        try await MemoryFixture.run(replicas: 2) { fixture in
            let user = try await fixture.signIn()
            let (one, two) = (fixture.direct(0), fixture.direct(1))
            let first = UUID()
            try await one.storeEmbedding(id: first, StoreEmbeddingRequest(vector: [1, 0, 0]), caller: user.caller)
            // Replica two loads its index now.
            #expect(try await two.findSimilar(SimilaritySearchRequest(vector: [1, 0, 0]), caller: user.caller).map(\.id) == [first])
            for round in 0..<10 {
                let id = UUID()
                try await one.storeEmbedding(
                    id: id, StoreEmbeddingRequest(vector: [0, 1, Double(round)], metadata: .number(Double(round))), caller: user.caller
                )
                let found = try await two.findSimilar(SimilaritySearchRequest(vector: [0, 1, Double(round)], limit: 1), caller: user.caller)
                #expect(found.map(\.id) == [id], "round \(round)")
                #expect(found.first?.metadata == .number(Double(round)))
            }
            // A replacement moves the vector on the other replica too.
            try await two.storeEmbedding(id: first, StoreEmbeddingRequest(vector: [0, 0, -1]), caller: user.caller)
            #expect(try await one.findSimilar(SimilaritySearchRequest(vector: [0, 0, -1], limit: 1), caller: user.caller).map(\.id) == [first])
            try await two.flush(caller: user.caller)
            #expect(try await one.findSimilar(SimilaritySearchRequest(vector: [0, 0, -1]), caller: user.caller).isEmpty)
            try await one.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 2]), caller: user.caller)
            #expect(try await two.findSimilar(SimilaritySearchRequest(vector: [1, 2]), caller: user.caller).count == 1)
        }
    }
}
