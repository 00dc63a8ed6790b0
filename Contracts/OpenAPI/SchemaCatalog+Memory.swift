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
        "MemoryKeyInfo": .object([
            "key": .string,
            "expiresAt": .dateTime.nullable.described("Null for a value without TTL."),
        ]),
        "MemoryKeyInfoPage": page(of: "MemoryKeyInfo"),
        "InvalidateResult": .object([
            "deleted": .integer.minimum(0),
        ]),

        // Requests, with the limits of `MemoryRules`.
        "StoreValueRequest": .object([
            "data": .any.described("Any JSON value, null included; at most 256 KiB of JSON text."),
            // null reads as absent (no TTL), like a missing key.
            "ttlSeconds": .integer.range(MemoryRules.ttlSeconds).nullable.optional,
        ]),
        "StoreEmbeddingRequest": .object([
            "vector": vector,
            "metadata": .any.optional,
        ]),
        "SimilaritySearchRequest": .object([
            "vector": vector,
            // Optional on the wire: `init(from:)` reads a missing limit as the default.
            "limit": .integer.range(MemoryRules.searchLimit)
                .defaulting(.number(Double(MemoryRules.defaultSearchLimit))).nullable.optional,
        ]),
        "InvalidateRequest": .object([
            "pattern": .string.length(MemoryRules.patternBytes).patterned(MemoryRules.keyRegex)
                .described("A glob over the caller's keys, e.g. `cache:*`: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\\` escapes; printable ASCII without spaces."),
        ]),
    ]

    /// Finite numbers within the range of a 32-bit float, not all zero, the same length as the caller's first vector.
    static let vector = OpenAPISchema.array(.number.range(-Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude)))
        .count(1...MemoryRules.maxDimensions).notAll(0)
        .described("1–4096 finite numbers within ±3.4e38 (32-bit floats), not all zero; once a user stored a vector, every vector "
            + "and query of theirs has its length (else 400 DIMENSION_MISMATCH).")
}
