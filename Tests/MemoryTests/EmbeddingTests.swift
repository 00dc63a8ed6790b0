import Contracts
import Foundation
import Synchronization
@testable import Memory
import Testing
import TestSupport

/// Embeddings through the in-process service: Postgres the truth, the index in front of it.
@Suite("Memory embeddings")
struct EmbeddingTests {
    @Test func theFirstVectorFixesTheDimension() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 0, 0]), caller: user.caller)
            let error = await expectAppError(.dimensionMismatch) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 0]), caller: user.caller)
            }
            #expect(error?.details?["expected"] == .number(3))
            await expectAppError(.dimensionMismatch) {
                _ = try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 0, 0, 0]), caller: user.caller)
            }
            await expectAppError(.validationFailed) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [0, 0, 0]), caller: user.caller)
            }
            await expectAppError(.validationFailed) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, .nan, 0]), caller: user.caller)
            }
            let overflow = await expectAppError(.validationFailed) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 1e300, 0]), caller: user.caller)
            }
            #expect(overflow?.details?["field"] == .string("vector[1]"))
            let nul = await expectAppError(.validationFailed) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 1, 1], metadata: .string("a\u{0}b")), caller: user.caller)
            }
            #expect(nul?.details?["field"] == .string("metadata"))
            // A user without embeddings finds nothing, whatever the length.
            let stranger = try await fixture.signIn("stranger")
            #expect(try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 2, 3, 4, 5]), caller: stranger.caller).isEmpty)
        }
    }

    @Test func overTheLimitIs409ButReplacingIsFine() async throws {
        try await MemoryFixture.run(maxVectorsPerUser: 3) { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            let ids = (0..<3).map { _ in UUID() }
            for (i, id) in ids.enumerated() {
                try await memory.storeEmbedding(id: id, StoreEmbeddingRequest(vector: [Double(i + 1), 1]), caller: user.caller)
            }
            let error = await expectAppError(.vectorLimitReached) {
                try await memory.storeEmbedding(id: UUID(), StoreEmbeddingRequest(vector: [1, 1]), caller: user.caller)
            }
            #expect(error?.httpStatus == 409)
            try await memory.storeEmbedding(id: ids[0], StoreEmbeddingRequest(vector: [-1, 0], metadata: .string("replaced")), caller: user.caller)
            let best = try await memory.findSimilar(SimilaritySearchRequest(vector: [-1, 0], limit: 1), caller: user.caller)
            #expect(best.map(\.id) == [ids[0]])
            #expect(best.first?.metadata == .string("replaced"))
        }
    }

    /// 10 000 random vectors stored through the service (so through Postgres and the index load), searched, and
    /// checked against brute force.
    @Test func searchFindsTheTrueNearestNeighbours() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let memory = fixture.memory[0]
            let dimension = 48
            var generator = SeededGenerator(seed: 42)
            let vectors: [(UUID, [Float])] = (0..<10_000).map { _ in
                (UUID(), (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) })
            }
            // The first through the service (it fixes the dimension), the rest in bulk straight into Postgres.
            try await memory.storeEmbedding(
                id: vectors[0].0, StoreEmbeddingRequest(vector: vectors[0].1.map(Double.init), metadata: .number(0)), caller: user.caller
            )
            try await memory.embeddings.insertBulk(
                userId: user.id, vectors.dropFirst().map { StoredEmbedding(id: $0.0, vector: $0.1, metadata: .null, revision: 0) }
            )
            // A fresh replica view: the index loads from Postgres on the first search.
            memory.indexes.drop(userId: user.id)
            for _ in 0..<10 {
                let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
                let reference = BruteForce.topK(vectors, query: query, limit: 100)
                for limit in [1, 10, 100] {
                    let found = try await memory.findSimilar(SimilaritySearchRequest(vector: query.map(Double.init), limit: limit), caller: user.caller)
                    BruteForce.expectSame(found, Array(reference.prefix(limit)))
                }
                await Task.yield()
            }
            // Its own vector is its nearest neighbour, with its metadata.
            let own = try await memory.findSimilar(SimilaritySearchRequest(vector: vectors[0].1.map(Double.init), limit: 1), caller: user.caller)
            #expect(own.first?.id == vectors[0].0)
            #expect(own.first?.metadata == .number(0))
        }
    }

    @Test func aRestartReloadsTheIndexFromPostgres() async throws {
        let schema = MemoryFixture.newSchema()
        let ids = (0..<50).map { _ in UUID() }
        let caller = try await Self.storeThenStop(schema: schema, ids: ids)
        // This run drops the schema at its end.
        try await MemoryFixture.run(schema: schema) { fixture in
            // A new process with nothing in memory; the caller's token was signed by the previous auth, so the
            // in-process core is called with the same identity.
            let memory = fixture.memory[0]
            #expect(memory.indexes.loadedVectors.vectors == 0)
            let found = try await memory.findSimilar(SimilaritySearchRequest(vector: [1, 0.3, 0], limit: 3), caller: caller)
            #expect(found.map(\.id) == [ids[3], ids[4], ids[2]])
            #expect(found.first?.metadata == .object(["n": .number(3)]))
            #expect(memory.indexes.loadedVectors.vectors == ids.count)
        }
    }

    /// Stores vectors whose nearest neighbours of (1, 0.3, 0) are known, then stops the service.
    static func storeThenStop(schema: String, ids: [UUID]) async throws -> Caller {
        let holder = CallerHolder()
        try await MemoryFixture.run(schema: schema, dropSchema: false) { fixture in
            let user = try await fixture.signIn()
            holder.set(user.caller)
            for (i, id) in ids.enumerated() {
                try await fixture.memory[0].storeEmbedding(
                    id: id, StoreEmbeddingRequest(vector: [1, Double(i) / 10, 0], metadata: .object(["n": .number(Double(i))])), caller: user.caller
                )
            }
        }
        return try #require(holder.caller)
    }
}

final class CallerHolder: Sendable {
    private let value = Mutex<Caller?>(nil)
    func set(_ caller: Caller) { value.withLock { $0 = caller } }
    var caller: Caller? { value.withLock { $0 } }
}
