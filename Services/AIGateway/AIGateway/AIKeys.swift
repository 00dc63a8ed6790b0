import Foundation

/// Every Redis key the AI gateway writes, spelled only here. Ids are lower-case UUIDs, so no key can reach into
/// another's name (`blackboard:{id}` and `blackboard:{id}:stream` cannot collide for two ids).
public enum AIKeys {
    /// Hash `blackboard:{id}`: `status`, `problem` (JSON), `owner`, `createdAt`, and `seen:{agent}` (how many
    /// contributions the agent had seen at its last run).
    public static func blackboard(_ id: UUID) -> String { "blackboard:\(id.lowercasedString)" }

    /// Stream `blackboard:{id}:stream`: one entry per contribution, the board's record.
    public static func blackboardStream(_ id: UUID) -> String { "\(blackboard(id)):stream" }

    /// Hash `conversation:{id}`: `owner`, `createdAt`.
    public static func conversation(_ id: UUID) -> String { "conversation:\(id.lowercasedString)" }

    /// List `conversation:{id}:messages`: the messages as JSON, oldest first, trimmed to the history bound.
    public static func conversationMessages(_ id: UUID) -> String { "\(conversation(id)):messages" }

    /// Field of the blackboard hash holding what `agent` had seen at its last run.
    static func seenField(agent: String) -> String { "seen:\(agent)" }
    static let seenPrefix = "seen:"
}
