import Foundation

// The envelope written without `JSONEncoder` (`JSONTextWritable`): every event is turned into text once, where it
// is stored (a service's outbox) or published (`EventPublisher`). Keys in sorted order, all eight always present
// (`actorId` and `traceparent` as `null` when absent), as `EventEnvelope.encode(to:)` writes them.
extension EventEnvelope: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("actorId", first: true)
        if let actorId { out.uuid(actorId) } else { out.raw("null") }
        out.key("data")
        out.json(data)
        out.key("id")
        out.uuid(id)
        out.key("occurredAt")
        out.date(occurredAt)
        out.key("source")
        out.string(source)
        out.key("subject")
        out.string(subject)
        out.key("traceparent")
        out.string(traceparent)
        out.key("type")
        out.string(type)
        out.raw("}")
    }
}
