import Contracts
import Foundation
@testable import Memory
import Testing

/// The index on its own: exact top-k against a brute-force reference, ties, the parallel scan, revisions.
@Suite("Embedding index")
struct EmbeddingIndexTests {
    @Test func heapKeepsTheBestAndBreaksTiesById() {
        var heap = TopKHeap(capacity: 3)
        let scores: [Float] = [0.1, 0.9, 0.5, 0.9, 0.3, 0.7]
        for (i, score) in scores.enumerated() {
            heap.offer(ScoredCandidate(score: score, idHigh: 0, idLow: UInt64(10 - i), segment: 0, row: Int32(i)))
        }
        // 0.9 twice (rows 1 and 3; row 3 has the smaller id), then 0.7.
        #expect(heap.sorted().map(\.row) == [3, 1, 5])
    }

    @Test("exact top-k against brute force", arguments: [(10_000, 128, 2), (3_000, 7, 1), (2_500, 384, 4)])
    func exactTopK(count: Int, dimension: Int, parallelism: Int) async throws {
        var generator = SeededGenerator(seed: UInt64(count * dimension))
        var index = EmbeddingIndex(dimension: dimension)
        var vectors: [(UUID, [Float])] = []
        for row in 0..<count {
            let vector = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
            let id = UUID()
            vectors.append((id, vector))
            index.upsert(id: id, vector: vector, metadata: .number(Double(row)), revision: Int64(row + 1))
        }
        #expect(index.count == count)
        for _ in 0..<5 {
            let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
            let reference = BruteForce.topK(vectors, query: query, limit: 100)
            for limit in [1, 10, 100] {
                let found = await index.search(query, limit: limit, parallelism: parallelism)
                BruteForce.expectSame(found, Array(reference.prefix(limit)))
            }
            await Task.yield()
        }
    }

    @Test func sameDirectionTiesAreOrderedById() async {
        var index = EmbeddingIndex(dimension: 3)
        let ids = (0..<5).map { _ in UUID() }
        for id in ids {
            index.upsert(id: id, vector: [2, 0, 0], metadata: .null, revision: 1)
        }
        index.upsert(id: UUID(), vector: [0, 1, 0], metadata: .null, revision: 1)
        let found = await index.search([1, 0, 0], limit: 5, parallelism: 1)
        #expect(found.map(\.id) == ids.sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() })
        #expect(found.allSatisfy { $0.score == 1 })
    }

    @Test func anOlderRevisionDoesNotReplaceANewerOne() async {
        var index = EmbeddingIndex(dimension: 2)
        let id = UUID()
        index.upsert(id: id, vector: [1, 0], metadata: .string("new"), revision: 5)
        index.upsert(id: id, vector: [0, 1], metadata: .string("old"), revision: 4)
        #expect(await index.search([1, 0], limit: 1, parallelism: 1).first?.metadata == .string("new"))
        index.upsert(id: id, vector: [0, 1], metadata: .string("newer"), revision: 6)
        let found = await index.search([0, 1], limit: 1, parallelism: 1)
        #expect(found.first?.metadata == .string("newer"))
        #expect(index.count == 1)
    }
}

/// The reference the index is checked against: every cosine similarity in Double, sorted.
enum BruteForce {
    static func topK(_ vectors: [(UUID, [Float])], query: [Float], limit: Int) -> [(id: UUID, score: Double)] {
        let queryNorm = query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let scored = vectors.map { id, vector -> (id: UUID, key: String, score: Double) in
            var dot = 0.0, norm = 0.0
            for (a, b) in zip(vector, query) {
                dot += Double(a) * Double(b)
                norm += Double(a) * Double(a)
            }
            return (id, "", dot / (norm.squareRoot() * queryNorm))
        }
        // Sorted by score alone, then only the ties among the first `limit` by id: a comparator that spelled ids on
        // every comparison cost seconds of a shared core per query in debug builds, starving the suite's other tests.
        let best = scored.sorted { $0.score > $1.score }.prefix(limit + 8).map { ($0.id, $0.id.lowercasedString, $0.score) }
        let ordered = best.sorted { $0.2 > $1.2 || ($0.2 == $1.2 && $0.1 < $1.1) }
        return ordered.prefix(limit).map { (id: $0.0, score: $0.2) }
    }

    /// Same ids in the same order, scores equal to float precision. Neighbours whose true scores are closer than
    /// float rounding may swap places; their scores must still agree.
    static func expectSame(_ found: [SimilarityMatch], _ reference: [(id: UUID, score: Double)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.count == reference.count, sourceLocation: sourceLocation)
        for (position, (match, expected)) in zip(found, reference).enumerated() {
            #expect(abs(match.score - expected.score) < 1e-4, "position \(position)", sourceLocation: sourceLocation)
            if match.id != expected.id {
                #expect(abs(match.score - expected.score) < 1e-5, "position \(position): \(match.id) for \(expected.id)", sourceLocation: sourceLocation)
            }
        }
        let foundIds = Set(found.map(\.id))
        let missing = reference.filter { !foundIds.contains($0.id) }
        if let lowest = found.last?.score {
            for neighbour in missing {
                #expect(abs(neighbour.score - lowest) < 1e-5, "missing a true neighbour \(neighbour)", sourceLocation: sourceLocation)
            }
        }
        let scores = found.map(\.score)
        #expect(scores == scores.sorted(by: >), "best first", sourceLocation: sourceLocation)
    }
}

/// SplitMix64: the same vectors on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
