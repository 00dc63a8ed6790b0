import Contracts
import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceKit

/// The embeddings in Postgres, schema `memory` (tests use one each). Vectors are stored as `bytea`: each element a
/// `float4` in network byte order, as Postgres' own `float4send` writes it (so SQL can produce and read them too). A
/// 100 000-vector user loads as raw bytes copied into the index, not 38 million parsed numbers.
public struct EmbeddingPostgresRepository: Sendable {
    public static let defaultSchema = "memory"

    public let schema: String
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, schema: String = EmbeddingPostgresRepository.defaultSchema, logger: Logger) throws(ConfigError) {
        guard SQLIdentifier.isValid(schema) else {
            throw ConfigError("schema", "must be a lowercase SQL identifier (got '\(schema)').")
        }
        self.client = client
        self.schema = schema
        self.logger = logger
    }

    /// Inserts or replaces one embedding and returns its new revision. The owner row is locked for the whole
    /// transaction, so concurrent first vectors of different lengths, or writes racing for the last free place,
    /// cannot both win. 400 `DIMENSION_MISMATCH`; 409 `VECTOR_LIMIT_REACHED` for a new id beyond `maxVectors`.
    public func store(userId: UUID, id: UUID, vector: [Float], metadata: JSONValue, maxVectors: Int) async throws -> Int64 {
        let dimension = vector.count
        let bytes = Self.encode(vector)
        let metadataText = try Self.metadataText(metadata)
        return try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).embedding_owners (user_id, dimension) VALUES (\(userId), \(dimension))
                ON CONFLICT (user_id) DO NOTHING
                """,
                logger: logger
            )
            let owner = try await connection.query(
                "SELECT dimension, vector_count FROM \(unescaped: schema).embedding_owners WHERE user_id = \(userId) FOR UPDATE",
                logger: logger
            )
            var fixed = (dimension: dimension, count: 0)
            for try await (storedDimension, count) in owner.decode((Int, Int).self) { fixed = (storedDimension, count) }
            guard fixed.dimension == dimension else { throw MemoryErrors.dimensionMismatch(expected: fixed.dimension, got: dimension) }

            let existing = try await connection.query(
                "SELECT 1 FROM \(unescaped: schema).embeddings WHERE user_id = \(userId) AND id = \(id)", logger: logger
            )
            var exists = false
            for try await _ in existing.decode(Int.self) { exists = true }
            if !exists {
                guard fixed.count < maxVectors else { throw MemoryErrors.vectorLimitReached(maxVectors) }
                try await connection.query(
                    "UPDATE \(unescaped: schema).embedding_owners SET vector_count = vector_count + 1 WHERE user_id = \(userId)",
                    logger: logger
                )
            }
            let rows = try await connection.query(
                """
                INSERT INTO \(unescaped: schema).embeddings (user_id, id, dimension, vector, metadata, revision)
                VALUES (\(userId), \(id), \(dimension), \(bytes), \(metadataText)::jsonb, nextval('\(unescaped: schema).embedding_revisions'))
                ON CONFLICT (user_id, id) DO UPDATE
                SET vector = excluded.vector, metadata = excluded.metadata, revision = excluded.revision, updated_at = now()
                RETURNING revision
                """,
                logger: logger
            )
            for try await revision in rows.decode(Int64.self) { return revision }
            throw AppError.internal
        }
    }

    /// Every embedding of a user, handed over row by row as they are decoded, so a large user is never held twice
    /// (as rows and as an index) while it loads.
    public func forEachEmbedding(userId: UUID, _ body: (StoredEmbedding) throws -> Void) async throws {
        let rows = try await client.query(
            "SELECT id, vector, metadata::text, revision FROM \(unescaped: schema).embeddings WHERE user_id = \(userId)",
            logger: logger
        )
        for try await (id, vector, metadata, revision) in rows.decode((UUID, ByteBuffer, String?, Int64).self) {
            try body(StoredEmbedding(id: id, vector: Self.decode(vector), metadata: Self.metadata(metadata), revision: revision))
        }
    }

    /// Removes all of a user's embeddings and frees the dimension for a new first vector.
    public func deleteAll(userId: UUID) async throws {
        try await client.query("DELETE FROM \(unescaped: schema).embedding_owners WHERE user_id = \(userId)", logger: logger)
    }

    /// Bulk insert for benchmarks: `count` vectors in batches, bypassing the per-write checks (the caller makes them
    /// consistent: one dimension, below the limit).
    public func insertBulk(userId: UUID, _ embeddings: [StoredEmbedding]) async throws {
        guard let dimension = embeddings.first?.vector.count else { return }
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).embedding_owners (user_id, dimension, vector_count) VALUES (\(userId), \(dimension), 0)
                ON CONFLICT (user_id) DO NOTHING
                """,
                logger: logger
            )
            for embedding in embeddings {
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).embeddings (user_id, id, dimension, vector, metadata, revision)
                    VALUES (\(userId), \(embedding.id), \(dimension), \(Self.encode(embedding.vector)), NULL,
                            nextval('\(unescaped: schema).embedding_revisions'))
                    ON CONFLICT (user_id, id) DO NOTHING
                    """,
                    logger: logger
                )
            }
            try await connection.query(
                """
                UPDATE \(unescaped: schema).embedding_owners
                SET vector_count = (SELECT count(*) FROM \(unescaped: schema).embeddings WHERE user_id = \(userId))
                WHERE user_id = \(userId)
                """,
                logger: logger
            )
        }
    }

    // MARK: Encoding

    static func encode(_ vector: [Float]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: vector.count * 4)
        for value in vector { buffer.writeInteger(value.bitPattern, endianness: .big) }
        return buffer
    }

    static func decode(_ buffer: ByteBuffer) -> [Float] {
        var buffer = buffer
        var values: [Float] = []
        values.reserveCapacity(buffer.readableBytes / 4)
        while let bits = buffer.readInteger(endianness: .big, as: UInt32.self) {
            values.append(Float(bitPattern: bits))
        }
        return values
    }

    /// SQL NULL for no metadata (or JSON null), else its JSON text.
    static func metadataText(_ metadata: JSONValue) throws -> String? {
        if metadata == .null { return nil }
        return String(decoding: try SharedCoders.encoder.encode(metadata), as: UTF8.self)
    }

    static func metadata(_ text: String?) -> JSONValue {
        guard let text, let value = try? SharedCoders.decoder.decode(JSONValue.self, from: Data(text.utf8)) else { return .null }
        return value
    }

    private func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let rollback = error.rollbackError {
                logger.warning("transaction rollback failed", metadata: ["error": "\(String(reflecting: rollback))"])
            }
            throw error.closureError ?? error
        }
    }
}
