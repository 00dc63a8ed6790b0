import Contracts
import Foundation
import Redis
import ServiceKit

/// Conversations in Redis: the hash `conversation:{id}` (owner, createdAt) and the list `conversation:{id}:messages`
/// (`AIKeys`). Both expire `timeToLive` after the last message; the list keeps the latest `maxMessages`.
public struct ConversationStore: Sendable {
    let redis: RedisClient
    public let timeToLive: Duration
    public let maxMessages: Int

    public init(redis: RedisClient, timeToLive: Duration, maxMessages: Int) {
        self.redis = redis
        self.timeToLive = timeToLive
        self.maxMessages = maxMessages
    }

    public struct Record: Sendable, Equatable {
        public var id: UUID
        public var owner: UUID
        public var createdAt: Date
    }

    public enum StoreError: Error, Sendable {
        case gone
    }

    public func create(_ record: Record) async throws {
        try await redis.eval(
            ExpiringHashScript.create, keys: [AIKeys.conversation(record.id)],
            arguments: [
                .int(timeToLive.redisMilliseconds), "owner", .string(record.owner.lowercasedString),
                "createdAt", .int(Int(record.createdAt.timeIntervalSince1970)),
            ]
        )
    }

    public func record(_ id: UUID) async throws -> Record? {
        let reply = try await redis.send("HMGET", [.string(AIKeys.conversation(id)), "owner", "createdAt"])
        guard let values = reply.array, values.count == 2, let owner = values[0].string else { return nil }
        guard let ownerId = UUID(uuidString: owner), let created = values[1].string.flatMap(Double.init) else {
            throw RedisError.protocolError("conversation \(id.lowercasedString) has a malformed hash")
        }
        return Record(id: id, owner: ownerId, createdAt: Date(timeIntervalSince1970: created))
    }

    public func messages(_ id: UUID) async throws -> [ChatMessage] {
        let reply = try await redis.send("LRANGE", [.string(AIKeys.conversationMessages(id)), "0", "-1"])
        guard let items = reply.array else { throw RedisError.protocolError("LRANGE answered \(reply)") }
        return try items.compactMap(\.bytes).map { try SharedCoders.decoder.decode(ChatMessage.self, from: Data($0)) }
    }

    public func append(_ id: UUID, _ message: ChatMessage) async throws {
        try await write(id, message, mode: "append")
    }

    /// Replaces the last message if it is the assistant's, else appends.
    public func replaceAnswer(_ id: UUID, _ message: ChatMessage) async throws {
        try await write(id, message, mode: "replace")
    }

    private func write(_ id: UUID, _ message: ChatMessage, mode: String) async throws {
        let reply = try await redis.eval(
            ConversationScripts.append, keys: [AIKeys.conversation(id), AIKeys.conversationMessages(id)],
            arguments: [
                .int(timeToLive.redisMilliseconds), .int(maxMessages), .bytes(Array(try SharedCoders.encoder.encode(message))),
                .string(mode),
            ]
        )
        if reply.int == -1 { throw StoreError.gone }
    }
}
