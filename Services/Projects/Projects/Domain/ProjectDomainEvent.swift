import Contracts
import Foundation

/// A change of a project as the aggregate recorded it, with the project's state right after the change (the `data`
/// of every `project.*` event, whose `audience` lets the gateway's event feed show it to the project's members).
struct ProjectDomainEvent: Sendable, Equatable {
    let type: EventType
    let projectId: ProjectID
    let actorId: UserID
    let occurredAt: Date
    let data: ProjectEventData

    /// The envelope written to the outbox; `traceparent` continues the trace of the request that caused it.
    func envelope(traceparent: String?) throws -> EventEnvelope {
        try EventEnvelope.make(
            type, subject: projectId.description, actorId: actorId.rawValue, payload: data, occurredAt: occurredAt, traceparent: traceparent
        )
    }
}
