import Foundation

/// The one envelope of every domain event, on the Redis streams and on the gateway's SSE feed.
///
/// Who may see an event on `/api/v1/events`: its actor, and every user listed in `data.audience` (an array of
/// user ids the producer fills in, e.g. a project's owner and collaborators). Events without an audience are the
/// actor's alone.
public struct EventEnvelope: Codable, Sendable, Equatable {
    /// Unique per event; consumers skip an id they have already handled (delivery is at least once).
    public var id: UUID
    /// An `EventType` raw value. Kept a string so a consumer built before a type existed still reads the envelope.
    public var type: String
    /// The emitting service (`ServiceName` raw value).
    public var source: String
    public var occurredAt: Date
    /// The id of the aggregate the event is about (a project id, a user id, an analysis id…).
    public var subject: String
    /// The user who caused the event; null for system-initiated ones (expiry, compensation).
    public var actorId: UUID?
    public var data: JSONValue
    /// W3C trace context of the request that caused the event, so consumers continue its trace.
    public var traceparent: String?

    public init(
        id: UUID = UUID.random(),
        type: String,
        source: String,
        occurredAt: Date,
        subject: String,
        actorId: UUID?,
        data: JSONValue,
        traceparent: String? = nil
    ) {
        self.id = id
        self.type = type
        self.source = source
        self.occurredAt = occurredAt
        self.subject = subject
        self.actorId = actorId
        self.data = data
        self.traceparent = traceparent
    }

    /// An envelope for `type` whose `data` is `payload` as JSON (encoded with `JSONCoding`, so dates are ISO-8601
    /// strings). `source` comes from the type. `occurredAt` defaults to now, cut to whole seconds because the wire
    /// format has no fractions and an envelope should equal itself after a round trip.
    public static func make<Payload: Encodable>(
        _ type: EventType,
        subject: String,
        actorId: UUID?,
        payload: Payload,
        id: UUID = UUID.random(),
        occurredAt: Date = EventEnvelope.now(),
        traceparent: String? = nil
    ) throws -> EventEnvelope {
        // Straight to the tree, no JSON text in between (the shapes are the same: JSONValueCodingTests).
        let data = try JSONValueCoding.encode(payload)
        return EventEnvelope(
            id: id,
            type: type.rawValue,
            source: type.source.rawValue,
            occurredAt: occurredAt,
            subject: subject,
            actorId: actorId,
            data: data,
            traceparent: traceparent
        )
    }

    /// `data` decoded as `Payload` (the reverse of `make`).
    public func decodeData<Payload: Decodable>(as payload: Payload.Type = Payload.self) throws -> Payload {
        try JSONValueCoding.decode(payload, from: data)
    }

    /// The known type, or nil for a type this build does not know.
    public var eventType: EventType? { EventType(rawValue: type) }

    /// The users listed in `data.audience`.
    public var audience: [UUID] {
        guard case .object(let fields) = data, case .array(let ids)? = fields["audience"] else { return [] }
        return ids.compactMap { $0.stringValue.flatMap(UUID.init(uuidString:)) }
    }

    /// Whether `userId` may see this event (see the type's documentation).
    public func isVisible(to userId: UUID) -> Bool {
        actorId == userId || audience.contains(userId)
    }

    /// Now, to the whole second.
    public static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, source, occurredAt, subject, actorId, data, traceparent
    }

    /// Written by hand so `actorId` and `traceparent` appear as `null` rather than missing: every consumer (and the
    /// SSE feed's browser clients) sees the same eight keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(source, forKey: .source)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(subject, forKey: .subject)
        try container.encode(actorId, forKey: .actorId)
        try container.encode(data, forKey: .data)
        try container.encode(traceparent, forKey: .traceparent)
    }
}
