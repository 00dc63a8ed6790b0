import Contracts
import Foundation
import Redis
import ServiceKit

/// Blackboards in Redis: the hash `blackboard:{id}` and the stream `blackboard:{id}:stream` (`AIKeys`). The stream
/// is the record: `contributions(of:)` reads it from the start, so whatever this process held in memory, a restarted
/// (or another) replica rebuilds the same board. Hash and stream expire together after `timeToLive`.
public struct BlackboardStore: Sendable {
    let redis: RedisClient
    public let timeToLive: Duration
    /// Entries read per XRANGE.
    static let pageSize = 500

    public init(redis: RedisClient, timeToLive: Duration) {
        self.redis = redis
        self.timeToLive = timeToLive
    }

    /// A batch of contributions to append: an agent's output of one run (with the counts that make the append
    /// conditional), or an outside contribution (`agent` nil).
    public struct Batch: Sendable {
        public var agent: String?
        public var expectedSeen: Int
        public var seen: Int
        public var contributions: [Contribution]

        public init(agent: String?, expectedSeen: Int = 0, seen: Int = 0, contributions: [Contribution]) {
            self.agent = agent
            self.expectedSeen = expectedSeen
            self.seen = seen
            self.contributions = contributions
        }
    }

    public enum StoreError: Error, Sendable {
        /// The board expired between reading and writing it.
        case gone
    }

    /// Writes the board's hash (with what each agent has seen) and, when there are any, its first contributions,
    /// in one script: nobody can read a board half written, and hash and stream get the same expiry. `analyze`
    /// stores a board whose agents already ran this way (one round trip); `POST /blackboards` one without any.
    public func create(_ record: BlackboardRecord, contributions: [Contribution] = []) async throws {
        var fields: [RedisArgument] = [
            "status", .string(record.status.rawValue),
            "problem", .bytes(record.problem.jsonText(capacity: (record.problem.code?.utf8.count ?? 0) + 256)),
            "owner", .string(record.owner.lowercasedString),
            "createdAt", .int(Int(record.createdAt.timeIntervalSince1970)),
        ]
        for (agent, seen) in record.seen.sorted(by: { $0.key < $1.key }) {
            fields += [.string(AIKeys.seenField(agent: agent)), .int(seen)]
        }
        var arguments: [RedisArgument] = [.int(timeToLive.redisMilliseconds), .int(fields.count / 2)] + fields
        arguments.reserveCapacity(arguments.count + 6 * contributions.count)
        for contribution in contributions { Self.appendEntry(contribution, to: &arguments) }
        let reply = try await redis.eval(
            BlackboardScripts.create, keys: [AIKeys.blackboard(record.id), AIKeys.blackboardStream(record.id)], arguments: arguments
        )
        guard reply.int == 1 else { throw RedisError.protocolError("blackboard \(record.id.lowercasedString) already exists") }
    }

    /// A stream entry's six values, in the order the scripts read them.
    static func appendEntry(_ contribution: Contribution, to arguments: inout [RedisArgument]) {
        arguments += [
            .string(contribution.id.lowercasedString),
            .string(contribution.source),
            .string(contribution.type.rawValue),
            .double(contribution.confidence),
            .bytes(contribution.data.jsonText()),
            .int(Int(contribution.timestamp.timeIntervalSince1970)),
        ]
    }

    /// The hash, or nil when there is no such board (never created, or expired).
    public func record(_ id: UUID) async throws -> BlackboardRecord? {
        let reply = try await redis.send("HGETALL", [.string(AIKeys.blackboard(id))])
        guard let items = reply.array, !items.isEmpty else { return nil }
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let name = items[index].string, let value = items[index + 1].string { fields[name] = value }
            index += 2
        }
        guard let owner = fields["owner"].flatMap(UUID.init(uuidString:)),
            let status = fields["status"].flatMap(BlackboardStatus.init(rawValue:)),
            let problemJSON = fields["problem"],
            let problem = try? SharedCoders.decoder.decode(BlackboardProblem.self, from: Data(problemJSON.utf8)),
            let created = fields["createdAt"].flatMap(Double.init)
        else {
            throw RedisError.protocolError("blackboard \(id.lowercasedString) has a malformed hash")
        }
        var seen: [String: Int] = [:]
        for (name, value) in fields where name.hasPrefix(AIKeys.seenPrefix) {
            seen[String(name.dropFirst(AIKeys.seenPrefix.count))] = Int(value) ?? 0
        }
        return BlackboardRecord(
            id: id, owner: owner, status: status, problem: problem, createdAt: Date(timeIntervalSince1970: created), seen: seen
        )
    }

    /// Every contribution, oldest first, read from the stream's start.
    public func contributions(of id: UUID) async throws -> [Contribution] {
        let key = AIKeys.blackboardStream(id)
        var contributions: [Contribution] = []
        var start = "-"
        while true {
            let reply = try await redis.send("XRANGE", [.string(key), .string(start), "+", "COUNT", .int(Self.pageSize)])
            guard let entries = reply.array else { throw RedisError.protocolError("XRANGE answered \(reply)") }
            for entry in entries {
                guard let parts = entry.array, parts.count == 2, let fields = parts[1].array else {
                    throw RedisError.protocolError("XRANGE entry \(entry)")
                }
                contributions.append(try Self.contribution(fields))
            }
            guard entries.count == Self.pageSize, let last = entries.last?.array?.first?.string else { break }
            start = "(" + last
        }
        return contributions
    }

    /// Appends the batches in one script; returns for each whether it was taken (see `BlackboardScripts.append`).
    public func append(to id: UUID, _ batches: [Batch]) async throws -> [Bool] {
        guard !batches.isEmpty else { return [] }
        var arguments: [RedisArgument] = [.int(batches.count)]
        for batch in batches {
            arguments += [
                .string(batch.agent.map { AIKeys.seenField(agent: $0) } ?? ""),
                .int(batch.expectedSeen), .int(batch.seen), .int(batch.contributions.count),
            ]
            for contribution in batch.contributions { Self.appendEntry(contribution, to: &arguments) }
        }
        let reply = try await redis.eval(
            BlackboardScripts.append, keys: [AIKeys.blackboard(id), AIKeys.blackboardStream(id)], arguments: arguments
        )
        if reply.int == -1 { throw StoreError.gone }
        guard let flags = reply.array, flags.count == batches.count else {
            throw RedisError.protocolError("blackboard append answered \(reply)")
        }
        return flags.map { $0.int == 1 }
    }

    /// False when the board is gone.
    @discardableResult
    public func setStatus(_ id: UUID, _ status: BlackboardStatus) async throws -> Bool {
        try await redis.eval(BlackboardScripts.setStatus, keys: [AIKeys.blackboard(id)], arguments: [.string(status.rawValue)]).int == 1
    }

    static func contribution(_ fields: [RESPValue]) throws -> Contribution {
        var values: [String: [UInt8]] = [:]
        var index = 0
        while index + 1 < fields.count {
            if let name = fields[index].string, let value = fields[index + 1].bytes { values[name] = value }
            index += 2
        }
        func text(_ name: String) -> String? { values[name].map { String(decoding: $0, as: UTF8.self) } }
        guard let id = text("id").flatMap(UUID.init(uuidString:)),
            let source = text("source"),
            let type = text("type").flatMap(KnowledgeType.init(rawValue:)),
            let confidence = text("confidence").flatMap(Double.init),
            let dataBytes = values["data"],
            let data = try? SharedCoders.decoder.decode(JSONValue.self, from: Data(dataBytes)),
            let timestamp = text("timestamp").flatMap(Double.init)
        else {
            throw RedisError.protocolError("a blackboard stream entry is malformed: \(fields)")
        }
        return Contribution(
            id: id, source: source, type: type, confidence: confidence, data: data, timestamp: Date(timeIntervalSince1970: timestamp)
        )
    }
}
