import Contracts
import Foundation

/// A fixed-size block of one user's vectors, stored row after row in contiguous `SIMD16<Float>` chunks (each vector
/// normalised and zero-padded to a multiple of 16 floats). Blocks are value types: a search holds the blocks it scans
/// while a write copies only the one block it changes (copy on write), so searches never lock and never see a
/// half-written vector.
struct EmbeddingSegment: Sendable {
    static let rows = 1024

    /// `chunksPerRow` chunks per row, `count` rows used.
    private(set) var vectors: [SIMD16<Float>]
    private(set) var ids: [UUID]
    /// The ids as big-endian halves, for tie-breaking in the scan without touching `UUID`.
    private(set) var idHigh: [UInt64]
    private(set) var idLow: [UInt64]
    private(set) var metadata: [JSONValue]
    private(set) var revisions: [Int64]
    let chunksPerRow: Int

    init(chunksPerRow: Int) {
        self.chunksPerRow = chunksPerRow
        vectors = []
        vectors.reserveCapacity(Self.rows * chunksPerRow)
        ids = []
        idHigh = []
        idLow = []
        metadata = []
        revisions = []
    }

    var count: Int { ids.count }
    var isFull: Bool { count == Self.rows }

    mutating func append(id: UUID, chunks: [SIMD16<Float>], metadata: JSONValue, revision: Int64) {
        precondition(chunks.count == chunksPerRow && !isFull)
        vectors.append(contentsOf: chunks)
        ids.append(id)
        let (high, low) = Self.halves(id)
        idHigh.append(high)
        idLow.append(low)
        self.metadata.append(metadata)
        revisions.append(revision)
    }

    mutating func replace(row: Int, chunks: [SIMD16<Float>], metadata: JSONValue, revision: Int64) {
        precondition(chunks.count == chunksPerRow)
        vectors.replaceSubrange(row * chunksPerRow..<(row + 1) * chunksPerRow, with: chunks)
        self.metadata[row] = metadata
        revisions[row] = revision
    }

    /// The 16 bytes of a UUID as two big-endian integers: ordering them orders the ids' hex text.
    static func halves(_ id: UUID) -> (UInt64, UInt64) {
        let b = id.uuid
        let high = [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = [b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (high, low)
    }

    /// Offers every row's dot product with `query` (`chunksPerRow` chunks) to `heap`. The hot loop of a search:
    /// two independent accumulators hide the add latency; the scan is bound by memory bandwidth, not arithmetic.
    func scan(query: UnsafeBufferPointer<SIMD16<Float>>, segment: Int32, into heap: inout TopKHeap) {
        let chunks = chunksPerRow
        let rowCount = count
        vectors.withUnsafeBufferPointer { rows in
            idHigh.withUnsafeBufferPointer { high in
                idLow.withUnsafeBufferPointer { low in
                    guard let base = rows.baseAddress, let q = query.baseAddress else { return }
                    var threshold = heap.threshold
                    for row in 0..<rowCount {
                        let v = base + row * chunks
                        var a0 = SIMD16<Float>()
                        var a1 = SIMD16<Float>()
                        var c = 0
                        while c + 1 < chunks {
                            a0 += v[c] * q[c]
                            a1 += v[c + 1] * q[c + 1]
                            c += 2
                        }
                        if c < chunks { a0 += v[c] * q[c] }
                        let score = (a0 + a1).sum()
                        if score >= threshold {
                            heap.offer(ScoredCandidate(score: score, idHigh: high[row], idLow: low[row], segment: segment, row: Int32(row)))
                            threshold = heap.threshold
                        }
                    }
                }
            }
        }
    }
}
