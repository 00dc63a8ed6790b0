import Foundation

/// What a client sends on `GET /api/v1/ws` (JSON text frames): narrow the feed to one project's events, or widen it
/// again. A connection without subscriptions receives every event the SSE feed would send it; with subscriptions,
/// only the events whose subject is a subscribed project.
public struct FeedClientMessage: Codable, Sendable, Equatable, Validatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case subscribe
        case unsubscribe
    }

    public var type: Kind
    public var projectId: UUID

    public init(type: Kind, projectId: UUID) {
        self.type = type
        self.projectId = projectId
    }

    public func validate() throws(AppError) {}
}

/// What `GET /api/v1/ws` sends (JSON text frames): `connected` once, then `event`s (with the stream entry id to resume
/// from with `?lastEventId=`), the acknowledgement of each subscribe/unsubscribe, and `error` for a message it could
/// not take (the connection stays open).
public struct FeedServerMessage: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case connected
        case event
        case subscribed
        case unsubscribed
        case error
    }

    public var type: Kind
    /// `event`: the stream entry id (as the SSE feed's `id:`).
    public var id: String?
    /// `event`: the envelope (as the SSE feed's `data:`).
    public var event: EventEnvelope?
    /// `subscribed` / `unsubscribed`: the project; the subscriptions now held are in `subscriptions`.
    public var projectId: UUID?
    public var subscriptions: [UUID]?
    /// `error`: what was wrong, in the API's error shape.
    public var error: ErrorBody.Payload?

    public init(
        type: Kind, id: String? = nil, event: EventEnvelope? = nil, projectId: UUID? = nil, subscriptions: [UUID]? = nil,
        error: ErrorBody.Payload? = nil
    ) {
        self.type = type
        self.id = id
        self.event = event
        self.projectId = projectId
        self.subscriptions = subscriptions
        self.error = error
    }
}
