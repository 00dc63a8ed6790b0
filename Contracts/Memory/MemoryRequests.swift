import Foundation

/// `PUT /api/v1/memory/kv/{key}` → `{data: <any JSON>, ttlSeconds?}`. `data` is required but may be `null`.
public struct StoreValueRequest: Codable, Sendable, Equatable, Validatable {
    public var data: JSONValue
    public var ttlSeconds: Int?

    public init(data: JSONValue, ttlSeconds: Int? = nil) {
        self.data = data
        self.ttlSeconds = ttlSeconds
    }

    public func validate() throws(AppError) {
        if let ttlSeconds { try Check.range(ttlSeconds, "ttlSeconds", MemoryRules.ttlSeconds) }
    }
}

/// `PUT /api/v1/memory/embeddings/{id}` → `{vector: [number], metadata?}`.
public struct StoreEmbeddingRequest: Codable, Sendable, Equatable, Validatable {
    public var vector: [Double]
    public var metadata: JSONValue?

    public init(vector: [Double], metadata: JSONValue? = nil) {
        self.vector = vector
        self.metadata = metadata
    }

    /// Non-empty, at most `MemoryRules.maxDimensions`, finite. That the length matches the caller's first vector
    /// (400 `DIMENSION_MISMATCH`) is the service's check. A zero vector is refused too: cosine similarity is
    /// undefined for it.
    public func validate() throws(AppError) {
        try Check.vector(vector, "vector", maxDimensions: MemoryRules.maxDimensions)
        guard vector.contains(where: { $0 != 0 }) else {
            throw AppError.validation("vector", "vector must not be all zeros.")
        }
    }
}

/// `POST /api/v1/memory/embeddings/search` → `{vector, limit: 1..100}`. A missing `limit` means 10.
public struct SimilaritySearchRequest: Codable, Sendable, Equatable, Validatable {
    public var vector: [Double]
    public var limit: Int

    public init(vector: [Double], limit: Int = MemoryRules.defaultSearchLimit) {
        self.vector = vector
        self.limit = limit
    }

    private enum CodingKeys: String, CodingKey {
        case vector, limit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vector = try container.decode([Double].self, forKey: .vector)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? MemoryRules.defaultSearchLimit
    }

    public func validate() throws(AppError) {
        try Check.vector(vector, "vector", maxDimensions: MemoryRules.maxDimensions)
        guard vector.contains(where: { $0 != 0 }) else {
            throw AppError.validation("vector", "vector must not be all zeros.")
        }
        try Check.range(limit, "limit", MemoryRules.searchLimit)
    }
}

/// `POST /api/v1/memory/invalidate` → `{pattern}`: a Redis-style glob (`*`, `?`, `[abc]`, `\` escapes) over the
/// caller's keys, e.g. `cache:*`, of the key alphabet (`MemoryRules.validatePattern`).
public struct InvalidateRequest: Codable, Sendable, Equatable, Validatable {
    public var pattern: String

    public init(pattern: String) { self.pattern = pattern }

    public func validate() throws(AppError) {
        try MemoryRules.validatePattern(pattern)
    }
}
