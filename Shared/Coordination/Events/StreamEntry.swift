/// Where a delivered event sits on its stream, handed to every handler next to the envelope.
public struct StreamEntry: Sendable, Hashable {
    /// The Redis stream entry id (`1718000000000-0`); unique per stream, not across streams.
    public let id: String
    /// The stream the entry came from, `events:<source>`.
    public let stream: String
    /// How many times the group has delivered this entry, this delivery included: 1 on the first attempt,
    /// higher after a failure or after a consumer died holding it.
    public let deliveryCount: Int

    public init(id: String, stream: String, deliveryCount: Int) {
        self.id = id
        self.stream = stream
        self.deliveryCount = deliveryCount
    }
}
