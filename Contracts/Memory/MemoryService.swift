import Foundation

/// The memory service's operations. Every key and embedding is scoped to `caller`: two users' `cache:a` are two
/// values, and no operation can reach another user's data. Implemented in process by the Memory library and over
/// HTTP by `DevMentorClient`. Keys are checked with `MemoryRules.validateKey` and request DTOs validated
/// (400 `VALIDATION_FAILED`) first.
public protocol MemoryService: Sendable {
    /// `PUT /api/v1/memory/kv/{key}` → 204; replaces any previous value (and its TTL).
    func store(key: String, _ request: StoreValueRequest, caller: Caller) async throws

    /// `GET /api/v1/memory/kv/{key}` → 200; 404 `NOT_FOUND` after expiry or delete.
    func retrieve(key: String, caller: Caller) async throws -> MemoryEntry

    /// `GET /api/v1/memory/kv?pattern=&limit=&cursor=` → 200 `Page<MemoryKeyInfo>`: the caller's keys matching the
    /// glob, a page at a time (`MemoryKeyListRequest` says what a walk guarantees); 400 for a bad pattern or cursor.
    func listKeys(_ request: MemoryKeyListRequest, caller: Caller) async throws -> Page<MemoryKeyInfo>

    /// `DELETE /api/v1/memory/kv/{key}` → 204, also when the key did not exist.
    func delete(key: String, caller: Caller) async throws

    /// `PUT /api/v1/memory/embeddings/{id}` → 204; replaces a previous vector of that id. 400 `DIMENSION_MISMATCH`
    /// when the length differs from the caller's first vector; 400 `VALIDATION_FAILED` for NaN/Infinity.
    func storeEmbedding(id: UUID, _ request: StoreEmbeddingRequest, caller: Caller) async throws

    /// `POST /api/v1/memory/embeddings/search` → 200, by cosine similarity, best first, at most `limit`;
    /// 400 `DIMENSION_MISMATCH` when the query's length differs from the caller's vectors.
    func findSimilar(_ request: SimilaritySearchRequest, caller: Caller) async throws -> [SimilarityMatch]

    /// `POST /api/v1/memory/invalidate` → 200 `{deleted: n}`, the number of the caller's keys matching the glob.
    func invalidate(_ request: InvalidateRequest, caller: Caller) async throws -> InvalidateResult

    /// `POST /api/v1/memory/flush` → 204: all of the caller's keys and embeddings are gone.
    func flush(caller: Caller) async throws
}
