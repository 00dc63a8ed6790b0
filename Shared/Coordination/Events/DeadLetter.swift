import Contracts

/// One entry of a dead-letter stream `events:<source>:dead`: an event some group gave up on.
public struct DeadLetter: Sendable {
    /// The entry id on the dead stream (what `DeadLetterReplayer.replay` takes).
    public let entryID: String
    /// The entry id it had on `events:<source>`.
    public let originalID: String?
    /// The consumer group that failed it; a replay is delivered to this group only.
    public let group: String?
    /// The last handler error, or why it was given up without one (undecodable, consumers kept dying).
    public let error: String?
    public let deliveryCount: Int?
    /// The envelope's `id` and `type` fields as published, present even when the envelope does not decode.
    public let eventID: String?
    public let type: String?
    /// Nil when the stored envelope is not a valid `EventEnvelope`.
    public let envelope: EventEnvelope?
    /// The stored envelope bytes, exactly as published.
    public let rawEnvelope: [UInt8]

    public init(
        entryID: String,
        originalID: String?,
        group: String?,
        error: String?,
        deliveryCount: Int?,
        eventID: String?,
        type: String?,
        envelope: EventEnvelope?,
        rawEnvelope: [UInt8]
    ) {
        self.entryID = entryID
        self.originalID = originalID
        self.group = group
        self.error = error
        self.deliveryCount = deliveryCount
        self.eventID = eventID
        self.type = type
        self.envelope = envelope
        self.rawEnvelope = rawEnvelope
    }
}
