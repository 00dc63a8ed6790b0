import Contracts
import Foundation

/// One user's embeddings for search: every vector normalised at insert, so cosine similarity is a dot product,
/// in fixed-size segments of contiguous floats. A value type: a search works on a copy (a snapshot; copying shares
/// the storage) while writes go on in the registry.
public struct EmbeddingIndex: Sendable {
    public let dimension: Int
    let chunksPerRow: Int
    private(set) var segments: [EmbeddingSegment] = []
    private var slots: [UUID: (segment: Int, row: Int)] = [:]

    public init(dimension: Int) {
        precondition(dimension > 0)
        self.dimension = dimension
        self.chunksPerRow = (dimension + 15) / 16
    }

    public var count: Int { slots.count }

    /// Bytes of vector storage the scan reads per query.
    public var scannedBytes: Int { count * chunksPerRow * MemoryLayout<SIMD16<Float>>.stride }

    /// The revision stored for `id`, if any.
    public func revision(of id: UUID) -> Int64? {
        slots[id].map { segments[$0.segment].revisions[$0.row] }
    }

    /// Inserts or replaces `id` unless the index already holds the same or a later revision of it (an event about
    /// an older write arriving after a newer one). `vector` must have `dimension` elements and a non-zero norm.
    public mutating func upsert(id: UUID, vector: [Float], metadata: JSONValue, revision: Int64) {
        precondition(vector.count == dimension)
        if let existing = self.revision(of: id), existing >= revision { return }
        let chunks = Self.normalisedChunks(vector, chunksPerRow: chunksPerRow)
        if let slot = slots[id] {
            segments[slot.segment].replace(row: slot.row, chunks: chunks, metadata: metadata, revision: revision)
            return
        }
        if segments.last?.isFull ?? true { segments.append(EmbeddingSegment(chunksPerRow: chunksPerRow)) }
        let segment = segments.count - 1
        slots[id] = (segment, segments[segment].count)
        segments[segment].append(id: id, chunks: chunks, metadata: metadata, revision: revision)
    }

    /// `vector / ‖vector‖` in chunks of 16, zero-padded; the norm is summed in Double so long vectors lose nothing.
    static func normalisedChunks(_ vector: [Float], chunksPerRow: Int) -> [SIMD16<Float>] {
        var sum = 0.0
        for value in vector { sum += Double(value) * Double(value) }
        let scale = sum > 0 ? Float(1 / sum.squareRoot()) : 0
        var chunks = [SIMD16<Float>](repeating: SIMD16<Float>(), count: chunksPerRow)
        for (index, value) in vector.enumerated() {
            chunks[index / 16][index % 16] = value * scale
        }
        return chunks
    }

    /// The exact top `limit` by cosine similarity, best first, ties by id. A large index is scanned in `parallelism`
    /// parts at once (one per core); a small one in the calling task.
    public func search(_ query: [Float], limit: Int, parallelism: Int) async -> [SimilarityMatch] {
        precondition(query.count == dimension && limit > 0)
        let chunks = Self.normalisedChunks(query, chunksPerRow: chunksPerRow)
        let parts = min(max(1, parallelism), segments.count, max(1, scannedBytes / Self.bytesPerPart))
        let best: [ScoredCandidate]
        if parts <= 1 {
            best = Self.scan(segments[...], first: 0, query: chunks, limit: limit).sorted()
        } else {
            let segments = self.segments
            let bounds = (0...parts).map { $0 * segments.count / parts }
            best = await withTaskGroup(of: TopKHeap.self) { group in
                for part in 0..<parts {
                    let range = bounds[part]..<bounds[part + 1]
                    group.addTask { Self.scan(segments[range], first: range.lowerBound, query: chunks, limit: limit) }
                }
                var merged = TopKHeap(capacity: limit)
                for await heap in group { merged.merge(heap) }
                return merged.sorted()
            }
        }
        return best.map { candidate in
            let segment = segments[Int(candidate.segment)]
            let row = Int(candidate.row)
            // Rounding can put a vector's similarity with itself a hair above 1; the contract says -1...1.
            let score = min(1, max(-1, Double(candidate.score)))
            return SimilarityMatch(id: segment.ids[row], score: score, metadata: segment.metadata[row])
        }
    }

    /// Below this much vector data one core scans faster than the hand-off to several costs.
    static let bytesPerPart = 4 << 20

    static func scan(_ segments: ArraySlice<EmbeddingSegment>, first: Int, query: [SIMD16<Float>], limit: Int) -> TopKHeap {
        var heap = TopKHeap(capacity: limit)
        query.withUnsafeBufferPointer { query in
            for (offset, segment) in segments.enumerated() {
                segment.scan(query: query, segment: Int32(first + offset), into: &heap)
            }
        }
        return heap
    }
}
