import Foundation

/// Gateway/ and Events/: the gateway's own routes and the envelope its event stream carries.
extension SchemaCatalog {
    static let gateway: [String: OpenAPISchema] = [
        "HealthReport": .object([
            "status": .ref(HealthState.self),
            "services": .map(.ref(HealthState.self)).described("Keyed by service name."),
        ]),
        "HealthState": .stringEnum(HealthState.self),
        "CircuitBreakerStatus": .object([
            "name": .string.described("The upstream service the breaker guards."),
            "state": .ref(BreakerState.self),
            "failureRate": .number.range(0.0...1.0),
            "calls": .integer.minimum(0),
            "openedAt": .dateTime.nullable,
        ]),
        "EventTicket": .object([
            "ticket": .string.length(43...43).patterned("^[A-Za-z0-9_-]{43}$").described("Single use: pass as `?ticket=` to `/api/v1/events` or `/api/v1/ws`."),
            "expiresAt": .dateTime,
        ]),
        "FeedClientMessage": .object([
            "type": .ref("FeedClientMessage.Kind"),
            "projectId": .uuidInput,
        ]),
        "FeedClientMessage.Kind": .stringEnum(FeedClientMessage.Kind.self),
        "FeedServerMessage": .object([
            "type": .ref("FeedServerMessage.Kind"),
            "id": .string.optional.described("`event`: the stream entry id; resume after it with `?lastEventId=`."),
            "event": .ref(EventEnvelope.self).optional,
            "projectId": .uuid.optional,
            "subscriptions": .array(.uuid).optional.described("`subscribed`/`unsubscribed`: the projects now subscribed; none means every visible event."),
            "error": .ref("ErrorBody.Payload").optional,
        ]),
        "FeedServerMessage.Kind": .stringEnum(FeedServerMessage.Kind.self),
        "EventEnvelope": .object([
            "id": .uuid,
            // A string rather than an enum in Swift too, so that readers built before a type existed still decode.
            "type": .string.described("The event type: " + EventType.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ") + "."),
            "source": .string.described("The emitting service."),
            "occurredAt": .dateTime,
            "subject": .string.described("The id of the aggregate the event is about."),
            "actorId": .uuid.nullable,
            "data": .any,
            "traceparent": .string.nullable.described("W3C trace context of the request that caused the event."),
        ]),
    ]
}
