import Foundation

/// Memory/: the per-user key-value store and embeddings.
extension SchemaCatalog {
    static let memory: [String: OpenAPISchema] = [
        "MemoryEntry": .object([
            "key": .string,
            "data": .any,
            "expiresAt": .dateTime.nullable.described("Null for a value without TTL."),
        ]),
        "SimilarityMatch": .object([
            "id": .uuid,
            "score": .number.range(-1.0...1.0).described("Cosine similarity; higher is closer."),
            "metadata": .any.described("Null when none was stored."),
        ]),
        "InvalidateResult": .object([
            "deleted": .integer.minimum(0),
        ]),

        // Requests, with the limits of `MemoryRules`.
        "StoreValueRequest": .object([
            "data": .any.described("Any JSON value, null included."),
            "ttlSeconds": .integer.range(MemoryRules.ttlSeconds).optional,
        ]),
        "StoreEmbeddingRequest": .object([
            "vector": vector,
            "metadata": .any.optional,
        ]),
        "SimilaritySearchRequest": .object([
            "vector": vector,
            // Optional on the wire: `init(from:)` reads a missing limit as the default.
            "limit": .integer.range(MemoryRules.searchLimit)
                .defaulting(.number(Double(MemoryRules.defaultSearchLimit))).optional,
        ]),
        "InvalidateRequest": .object([
            "pattern": .string.length(MemoryRules.patternLength).described("A glob over the caller's keys, e.g. `cache:*`."),
        ]),
    ]

    /// Finite numbers, not all zero, the same length as the caller's first vector.
    static let vector = OpenAPISchema.array(.number).count(1...MemoryRules.maxDimensions)
}
