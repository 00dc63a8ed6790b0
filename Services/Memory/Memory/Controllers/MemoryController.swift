import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The routes of docs/api.md's memory section: read the path and body, call `MemoryCore`, encode.
struct MemoryController {
    let core: MemoryCore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/kv", use: listKeys)
        group.put("/kv/:key", use: store)
        group.get("/kv/:key", use: retrieve)
        group.delete("/kv/:key", use: delete)
        group.post("/embeddings/search", use: search)
        group.put("/embeddings/:id", use: storeEmbedding)
        group.post("/invalidate", use: invalidate)
        group.post("/flush", use: flush)
    }

    @Sendable func store(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let key = try Self.key(context)
        let body = try await request.decodeValidated(StoreValueRequest.self, context: context)
        try await core.store(key: key, body, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func retrieve(_ request: Request, context: AppRequestContext) async throws -> JSONBody<MemoryEntry> {
        JSONBody(try await core.retrieve(key: try Self.key(context), caller: try context.requireCaller()))
    }

    @Sendable func listKeys(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Page<MemoryKeyInfo>> {
        let query = request.uri.queryParameters
        let list = try MemoryKeyListRequest.parse(
            pattern: query["pattern"].map(String.init), limit: query["limit"].map(String.init), cursor: query["cursor"].map(String.init)
        )
        return JSONBody(try await core.listKeys(list, caller: try context.requireCaller()))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        try await core.delete(key: try Self.key(context), caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func storeEmbedding(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeValidated(StoreEmbeddingRequest.self, context: context)
        try await core.storeEmbedding(id: id, body, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[SimilarityMatch]> {
        let body = try await request.decodeValidated(SimilaritySearchRequest.self, context: context)
        return JSONBody(try await core.findSimilar(body, caller: try context.requireCaller()))
    }

    @Sendable func invalidate(_ request: Request, context: AppRequestContext) async throws -> JSONBody<InvalidateResult> {
        let body = try await request.decodeValidated(InvalidateRequest.self, context: context)
        return JSONBody(try await core.invalidate(body, caller: try context.requireCaller()))
    }

    @Sendable func flush(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        try await core.flush(caller: try context.requireCaller())
        return .noContent
    }

    /// The `{key}` segment, percent-decoded (the router hands it over as sent), then checked. A `%` not followed
    /// by two hex digits is refused rather than taken literally: no client that encodes a key sends one.
    static func key(_ context: AppRequestContext) throws(AppError) -> String {
        guard let raw = context.parameters.get("key"), let key = percentDecoded(raw) else {
            throw AppError.validation("key", "key must be a percent-encoded path segment.")
        }
        try MemoryRules.validateKey(key)
        return key
    }

    static func percentDecoded(_ raw: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
