import Contracts

/// One event of the gateway's feed `GET /api/v1/events`: the stream entry id it travelled under (what `Last-Event-ID`
/// resumes after), its type (the SSE `event:` name) and the envelope.
public struct FeedEvent: Sendable, Equatable {
    public var id: String
    public var type: String
    public var envelope: EventEnvelope

    public init(id: String, type: String, envelope: EventEnvelope) {
        self.id = id
        self.type = type
        self.envelope = envelope
    }
}
