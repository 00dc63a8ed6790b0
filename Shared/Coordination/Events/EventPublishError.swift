/// Some events of one `publish` call did not reach their stream.
///
/// Redis runs the commands of a pipeline in order and independently, so the events before the first failure
/// are certainly published, and events after it may be too. When the connection itself failed, nothing is
/// known and a plain `RedisError` is thrown instead: publish again and let consumers drop duplicates.
public struct EventPublishError: Error, Sendable, CustomStringConvertible {
    /// Per event, in the order given: its entry id when Redis accepted it, nil when Redis refused it.
    public let entryIDs: [String?]
    /// The error reply for each refused event, by index.
    public let messages: [Int: String]

    public init(entryIDs: [String?], messages: [Int: String]) {
        self.entryIDs = entryIDs
        self.messages = messages
    }

    /// How many leading events are certainly published, in order.
    public var publishedPrefix: Int {
        entryIDs.firstIndex(where: { $0 == nil }) ?? entryIDs.count
    }

    public var description: String {
        let first = messages.keys.min().map { "event \($0): \(messages[$0] ?? "")" } ?? "unknown"
        return "\(messages.count) of \(entryIDs.count) events were not published (first: \(first))"
    }
}
