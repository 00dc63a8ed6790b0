import Contracts
import Foundation

/// Where a user's values live in Redis: `memory:{userId}:{key}`, the user id in lower case. The prefix holds only
/// hex digits, `-` and `:`, none of them glob characters, so a pattern placed after it can only match below it:
/// `*`, `[`, `\` or `../` in a pattern stay inside the caller's namespace.
public struct MemoryKeys: Sendable, Equatable {
    public let userId: UUID
    /// `memory:{userId}:`
    public let prefix: String

    public init(userId: UUID) {
        self.userId = userId
        self.prefix = "memory:\(userId.lowercasedString):"
    }

    /// The Redis key of one of the user's keys (already validated by `MemoryRules.validateKey`).
    public func redisKey(_ key: String) -> String { prefix + key }

    /// The `SCAN … MATCH` pattern of a user's glob: the literal prefix, then the glob unchanged.
    public func match(_ pattern: String) -> String { prefix + pattern }

    /// Every key of the user.
    public var all: String { prefix + "*" }
}
