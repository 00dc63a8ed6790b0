import Contracts
import Foundation
import Logging
import Metrics
import Redis
import ServiceKit

/// `MemoryService` in process: keys in Redis behind the hot-key cache, embeddings in Postgres behind the
/// per-user index. Every operation is scoped to `caller.userId`.
public struct MemoryCore: MemoryService {
    let keys: MemoryKeyStore
    public let cache: HotKeyCache
    let embeddings: EmbeddingPostgresRepository
    public let indexes: EmbeddingIndexRegistry
    public let feed: MemoryInvalidationFeed
    let maxVectorsPerUser: Int
    let searchParallelism: Int
    let logger: Logger

    public init(
        keys: MemoryKeyStore, cache: HotKeyCache, embeddings: EmbeddingPostgresRepository, indexes: EmbeddingIndexRegistry,
        feed: MemoryInvalidationFeed, maxVectorsPerUser: Int, searchParallelism: Int, logger: Logger
    ) {
        self.keys = keys
        self.cache = cache
        self.embeddings = embeddings
        self.indexes = indexes
        self.feed = feed
        self.maxVectorsPerUser = maxVectorsPerUser
        self.searchParallelism = searchParallelism
        self.logger = logger
    }

    // MARK: Keys

    public func store(key: String, _ request: StoreValueRequest, caller: Caller) async throws {
        try MemoryRules.validateKey(key)
        try request.validate()
        let json = Array(try SharedCoders.encoder.encode(request.data))
        guard json.count <= MemoryRules.maxValueBytes else { throw MemoryErrors.valueTooLarge(json.count) }
        let namespace = MemoryKeys(userId: caller.userId)
        _ = try await keys.store(namespace.redisKey(key), json: json, ttlSeconds: request.ttlSeconds)
        await feed.publish(.key, userId: caller.userId, key: key)
    }

    /// Cache-aside: the hot-key cache first, then Redis, whose answer is cached for the next read.
    public func retrieve(key: String, caller: Caller) async throws -> MemoryEntry {
        try MemoryRules.validateKey(key)
        let redisKey = MemoryKeys(userId: caller.userId).redisKey(key)
        if let cached = cache.lookup(redisKey) { return cached }
        let generation = cache.generation(for: caller.userId)
        guard let stored = try await keys.retrieve(redisKey) else { throw MemoryErrors.keyNotFound }
        let data: JSONValue
        do {
            data = try SharedCoders.decoder.decode(JSONValue.self, from: Data(stored.json))
        } catch {
            // Only this service writes below `memory:`; a value that is not JSON was put there by hand.
            logger.error("stored memory value is not JSON", metadata: ["redis.key": "\(redisKey)"])
            throw AppError.internal
        }
        let entry = MemoryEntry(key: key, data: data, expiresAt: stored.expiresAt)
        cache.insert(redisKey, userId: caller.userId, entry: entry, jsonBytes: stored.json.count, readAt: generation)
        return entry
    }

    public func listKeys(_ request: MemoryKeyListRequest, caller: Caller) async throws -> Page<MemoryKeyInfo> {
        try request.validate()
        let namespace = MemoryKeys(userId: caller.userId)
        let walk = try await keys.list(namespace.match(request.pattern), prefix: namespace.prefix, limit: request.limit, from: request.cursor)
        return Page(items: walk.keys, nextCursor: walk.next?.token)
    }

    public func delete(key: String, caller: Caller) async throws {
        try MemoryRules.validateKey(key)
        try await keys.delete(MemoryKeys(userId: caller.userId).redisKey(key))
        await feed.publish(.key, userId: caller.userId, key: key)
    }

    public func invalidate(_ request: InvalidateRequest, caller: Caller) async throws -> InvalidateResult {
        try request.validate()
        let namespace = MemoryKeys(userId: caller.userId)
        let deleted = try await keys.deleteMatching(namespace.match(request.pattern), prefix: namespace.prefix)
        await feed.publish(.keys, userId: caller.userId)
        return InvalidateResult(deleted: deleted)
    }

    public func flush(caller: Caller) async throws {
        let namespace = MemoryKeys(userId: caller.userId)
        _ = try await keys.deleteMatching(namespace.all, prefix: namespace.prefix)
        try await embeddings.deleteAll(userId: caller.userId)
        await feed.publish(.flush, userId: caller.userId)
    }

    // MARK: Embeddings

    public func storeEmbedding(id: UUID, _ request: StoreEmbeddingRequest, caller: Caller) async throws {
        try request.validate()
        let metadata = request.metadata ?? .null
        try Self.checkMetadata(metadata)
        let vector = try Self.floatVector(request.vector)
        let revision = try await embeddings.store(
            userId: caller.userId, id: id, vector: vector, metadata: metadata, maxVectors: maxVectorsPerUser
        )
        let stored = StoredEmbedding(id: id, vector: vector, metadata: metadata, revision: revision)
        indexes.apply(userId: caller.userId, stored)
        await feed.publishEmbedding(userId: caller.userId, stored)
    }

    public func findSimilar(_ request: SimilaritySearchRequest, caller: Caller) async throws -> [SimilarityMatch] {
        try request.validate()
        let query = try Self.floatVector(request.vector)
        guard let index = try await indexes.index(for: caller.userId) else { return [] }
        guard index.dimension == query.count else {
            throw MemoryErrors.dimensionMismatch(expected: index.dimension, got: query.count)
        }
        let started = ContinuousClock.now
        let matches = await index.search(query, limit: request.limit, parallelism: searchParallelism)
        MemoryMetrics.shared.searchDuration.recordInterval(since: started)
        MemoryMetrics.shared.searchedVectors.increment(by: index.count)
        return matches
    }

    /// The vector as the index holds it. An element beyond ±`Float.greatestFiniteMagnitude` is refused like NaN (the
    /// OpenAPI document states the same bound), and one so tiny it becomes zero counts as zero.
    static func floatVector(_ values: [Double]) throws(AppError) -> [Float] {
        let limit = Double(Float.greatestFiniteMagnitude)
        var vector = [Float]()
        vector.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard abs(value) <= limit else {
                throw AppError.validation("vector[\(index)]", "vector[\(index)] is outside the range of a 32-bit float (±3.4e38).")
            }
            vector.append(Float(value))
        }
        guard vector.contains(where: { $0 != 0 }) else {
            throw AppError.validation("vector", "vector must not be all zeros (as 32-bit floats).")
        }
        return vector
    }

    /// At most `maxMetadataBytes` of JSON, and no NUL anywhere (Postgres' `jsonb` cannot hold U+0000).
    static func checkMetadata(_ metadata: JSONValue) throws(AppError) {
        guard metadata != .null else { return }
        let bytes = (try? SharedCoders.encoder.encode(metadata).count) ?? Int.max
        guard bytes <= MemoryRules.maxMetadataBytes else { throw MemoryErrors.metadataTooLarge(bytes) }
        guard !containsNUL(metadata) else { throw MemoryErrors.metadataNUL }
    }

    static func containsNUL(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .number: false
        case .string(let text): text.utf8.contains(0)
        case .array(let items): items.contains(where: containsNUL)
        case .object(let fields): fields.contains { $0.key.utf8.contains(0) || containsNUL($0.value) }
        }
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
