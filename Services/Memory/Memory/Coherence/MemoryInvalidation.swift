import Contracts
import Foundation

/// What a replica tells the others when it changed a user's data, on the Redis channel `memory:invalidations`.
/// Ids are written in lower case (`UUID` coding). Receivers drop what it names from their hot-key cache and
/// bring their embedding index up to date.
public struct MemoryInvalidation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// One key was written or deleted: `key` is the user's key.
        case key
        /// Several keys went (invalidate by pattern): every cached key of the user.
        case keys
        /// One embedding was written: `embeddingId` at `revision`, with its vector and metadata, so a replica holding
        /// the user's index applies it without asking Postgres (and so before it answers its next search).
        case embedding
        /// Everything of the user went (flush): keys and embeddings.
        case flush
    }

    /// The channel of a deployment; every replica subscribes to it (tests use one each).
    public static let defaultChannel = "memory:invalidations"

    /// Where a replica hears that the others applied its message: `<channel>:ack:<replica id>`.
    public static func ackChannel(_ channel: String, origin: UUID) -> String {
        "\(channel):ack:\(origin.lowercasedString)"
    }

    /// Acknowledged by this id.
    public var id: UUID
    /// The replica that made the change; it skips its own messages.
    public var origin: UUID
    public var kind: Kind
    public var userId: UUID
    public var key: String?
    public var embeddingId: UUID?
    public var revision: Int64?
    /// The vector as little-endian `float32` bytes in base64 (a third of the size of its decimal text).
    public var vector: String?
    public var metadata: JSONValue?

    public init(
        origin: UUID, kind: Kind, userId: UUID, key: String? = nil, embeddingId: UUID? = nil, revision: Int64? = nil,
        vector: String? = nil, metadata: JSONValue? = nil
    ) {
        self.id = UUID.random()
        self.origin = origin
        self.kind = kind
        self.userId = userId
        self.key = key
        self.embeddingId = embeddingId
        self.revision = revision
        self.vector = vector
        self.metadata = metadata
    }

    /// An embedding write as a message.
    public static func embedding(origin: UUID, userId: UUID, _ embedding: StoredEmbedding) -> MemoryInvalidation {
        let bytes = embedding.vector.withUnsafeBufferPointer { buffer in
            // Float is little-endian on every platform Swift runs the service on (x86_64, arm64).
            Data(buffer: buffer)
        }
        return MemoryInvalidation(
            origin: origin, kind: .embedding, userId: userId, embeddingId: embedding.id, revision: embedding.revision,
            vector: bytes.base64EncodedString(), metadata: embedding.metadata
        )
    }

    /// The embedding a `.embedding` message carries.
    public var storedEmbedding: StoredEmbedding? {
        guard kind == .embedding, let embeddingId, let revision, let vector, let data = Data(base64Encoded: vector), data.count % 4 == 0 else {
            return nil
        }
        let values = data.withUnsafeBytes { raw in Array(raw.bindMemory(to: Float.self)) }
        return StoredEmbedding(id: embeddingId, vector: values, metadata: metadata ?? .null, revision: revision)
    }
}
