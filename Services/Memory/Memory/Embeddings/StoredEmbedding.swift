import Contracts
import Foundation

/// One row of `embeddings` as the index needs it: the vector as stored (not normalised), its metadata, its revision.
public struct StoredEmbedding: Sendable {
    public var id: UUID
    public var vector: [Float]
    public var metadata: JSONValue
    public var revision: Int64

    public init(id: UUID, vector: [Float], metadata: JSONValue, revision: Int64) {
        self.id = id
        self.vector = vector
        self.metadata = metadata
        self.revision = revision
    }
}
