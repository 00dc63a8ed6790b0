import Contracts
import Foundation

/// The memory service's routes under `/api/v1/memory` (docs/api.md). Keys travel percent-encoded as one path segment,
/// so `/`, `?` or `%` in a key cannot change the route.
extension DevMentorClient: MemoryService {
    private static let memory = "/api/v1/memory"

    private static func kv(_ key: String) -> String { "\(memory)/kv/\(HTTPTransport.segment(key))" }

    public func store(key: String, _ request: StoreValueRequest, caller: Caller) async throws {
        try MemoryRules.validateKey(key)
        try await transport.send(.PUT, Self.kv(key), caller: caller, body: request)
    }

    public func retrieve(key: String, caller: Caller) async throws -> MemoryEntry {
        try MemoryRules.validateKey(key)
        return try await transport.fetch(.GET, Self.kv(key), caller: caller)
    }

    public func listKeys(_ request: MemoryKeyListRequest, caller: Caller) async throws -> Page<MemoryKeyInfo> {
        try request.validate()
        var query = [("pattern", request.pattern), ("limit", String(request.limit))]
        if let cursor = request.cursor { query.append(("cursor", cursor.token)) }
        return try await transport.fetch(.GET, "\(Self.memory)/kv", query: query, caller: caller)
    }

    public func delete(key: String, caller: Caller) async throws {
        try MemoryRules.validateKey(key)
        try await transport.send(.DELETE, Self.kv(key), caller: caller)
    }

    public func storeEmbedding(id: UUID, _ request: StoreEmbeddingRequest, caller: Caller) async throws {
        try await transport.send(.PUT, "\(Self.memory)/embeddings/\(id.uuidString.lowercased())", caller: caller, body: request)
    }

    public func findSimilar(_ request: SimilaritySearchRequest, caller: Caller) async throws -> [SimilarityMatch] {
        try await transport.fetch(.POST, "\(Self.memory)/embeddings/search", caller: caller, body: request)
    }

    public func invalidate(_ request: InvalidateRequest, caller: Caller) async throws -> InvalidateResult {
        try await transport.fetch(.POST, "\(Self.memory)/invalidate", caller: caller, body: request)
    }

    public func flush(caller: Caller) async throws {
        try await transport.send(.POST, "\(Self.memory)/flush", caller: caller)
    }
}
