import Foundation

/// One element of `POST /api/v1/memory/embeddings/search`; `metadata` is `null` when none was stored.
public struct SimilarityMatch: Codable, Sendable, Equatable {
    public var id: UUID
    /// Cosine similarity, -1...1, higher is closer.
    public var score: Double
    public var metadata: JSONValue

    public init(id: UUID, score: Double, metadata: JSONValue = .null) {
        self.id = id
        self.score = score
        self.metadata = metadata
    }
}
